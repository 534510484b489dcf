import { ApiError, type Transport } from '../client.ts';
import type { Connection, Provider } from '../model.ts';
import { createExanteProvider } from './exante.ts';
import { createHighLevelProvider } from './highlevel.ts';

/** The adapter for a connection's API; `transport` is how its requests travel (client.ts). */
export function createProvider(connection: Connection, transport?: Transport): Provider {
  switch (connection.provider) {
    case 'highlevel':
      return createHighLevelProvider(connection, transport);
    case 'exante':
      return createExanteProvider(connection, transport);
    default: {
      // Settings come from storage and the server: guard at run time too.
      const unknown: never = connection.provider;
      throw new ApiError('unsupported', [`Parley cannot talk to a "${String(unknown)}" API.`]);
    }
  }
}
