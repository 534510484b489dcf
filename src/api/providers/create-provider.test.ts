import { describe, expect, it } from 'vitest';
import { ApiError } from '../client.ts';
import type { Connection } from '../model.ts';
import { createProvider } from './create-provider.ts';

const base: Omit<Connection, 'provider'> = {
  baseUrl: '/providers/x',
  tenantId: 't',
  token: null,
  meId: null,
};

describe('createProvider', () => {
  it('picks the adapter for the connection', () => {
    const highlevel = createProvider({ ...base, provider: 'highlevel' });
    expect(highlevel.id).toBe('highlevel');
    expect(highlevel.capabilities).toMatchObject({
      star: true,
      multiAssignee: true,
      lifecycle: false,
    });
    const exante = createProvider({ ...base, provider: 'exante' });
    expect(exante.id).toBe('exante');
    expect(exante.capabilities).toMatchObject({
      star: false,
      multiAssignee: false,
      lifecycle: true,
    });
    expect(exante.capabilities.sortFields).toEqual(['lastActivity', 'created', 'subject']);
  });

  it('refuses an unknown provider', () => {
    const connection = { ...base, provider: 'zendesk' } as unknown as Connection;
    expect(() => createProvider(connection)).toThrow(ApiError);
  });
});
