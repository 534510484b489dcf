import { describe, expect, it } from 'vitest';
import {
  readLinkedProvider,
  settingsForLink,
  shareableSearch,
  type ParleyConfig,
  type Settings,
} from './connection.ts';

const endpoint = { baseUrl: '/x', tenantId: 't', token: null, meId: null };
const both: ParleyConfig = {
  mode: 'embedded',
  providers: { highlevel: endpoint, exante: endpoint },
};
const onlyHighLevel: ParleyConfig = { mode: 'upstream', providers: { highlevel: endpoint } };

describe('a link that names its API', () => {
  it('is made from the view’s search, and read back to the same view', () => {
    expect(shareableSearch('', 'exante')).toBe('?provider=exante');
    const link = shareableSearch('?assignee=me&read=unread', 'exante');
    expect(link).toBe('?assignee=me&read=unread&provider=exante');
    expect(readLinkedProvider(link)).toEqual({
      named: 'exante',
      provider: 'exante',
      rest: '?assignee=me&read=unread',
    });
  });

  it('keeps the view’s own spelling, and says what it does not know', () => {
    expect(readLinkedProvider('?provider=zendesk&labels=a,b')).toEqual({
      named: 'zendesk',
      provider: null,
      rest: '?labels=a,b',
    });
    expect(readLinkedProvider('?read=unread')).toEqual({
      named: null,
      provider: null,
      rest: '?read=unread',
    });
  });

  it('chooses its API for an agent on the server’s connections, remembering as they do', () => {
    expect(settingsForLink(null, 'exante', both)).toEqual({
      provider: 'exante',
      custom: null,
      remember: false,
    });
    const remembered: Settings = { provider: 'highlevel', custom: null, remember: true };
    expect(settingsForLink(remembered, 'exante', both)).toEqual({
      provider: 'exante',
      custom: null,
      remember: true,
    });
  });

  it('leaves an agent’s own connection, and an API the deploy lacks, and says so', () => {
    const own: Settings = {
      provider: 'highlevel',
      custom: { provider: 'highlevel', ...endpoint },
      remember: false,
    };
    expect(settingsForLink(own, 'highlevel', both)).toBe(own);
    expect(settingsForLink(own, 'exante', both)).toEqual({
      refused: expect.stringMatching(
        /^This link is for Exante, and you are connected to your own HighLevel API/,
      ),
    });
    expect(settingsForLink(null, 'exante', onlyHighLevel)).toEqual({
      refused: 'This link is for Exante, which this Parley does not connect to.',
    });
  });
});
