import { ApiError } from '../client.ts';
import type { Connection, Provider } from '../model.ts';
import { createExanteProvider } from './exante.ts';
import { createHighLevelProvider } from './highlevel.ts';

/** The adapter for a connection's API. */
export function createProvider(connection: Connection): Provider {
  switch (connection.provider) {
    case 'highlevel':
      return createHighLevelProvider(connection);
    case 'exante':
      return createExanteProvider(connection);
    default: {
      // Settings come from storage and the server: guard at run time too.
      const unknown: never = connection.provider;
      throw new ApiError('unsupported', [`Parley cannot talk to a "${String(unknown)}" API.`]);
    }
  }
}
