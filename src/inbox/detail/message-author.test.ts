import { describe, expect, it } from 'vitest';
import type { Agent, Message } from '../../api/model.ts';
import { authorOf } from './message-author.ts';

const agents: Agent[] = [
  { id: 'me', name: 'Avery Quinn', email: null },
  { id: 'u2', name: 'Sam Lee', email: 'sam@example.test' },
];
const message = (over: Partial<Message>): Message => ({
  id: 'm1',
  direction: 'outbound',
  author: null,
  authorId: null,
  body: 'Hello',
  bodyRef: null,
  sentAt: '2026-11-20T10:00:00Z',
  ...over,
});
const of = (over: Partial<Message>) => authorOf(message(over), 'Ines Moreau', agents, 'me');

describe('authorOf', () => {
  it('names the customer for what came in, unless the API names the sender', () => {
    expect(of({ direction: 'inbound' })).toBe('Ines Moreau');
    expect(of({ direction: 'inbound', author: 'Ines (work)' })).toBe('Ines (work)');
  });

  it('names the agent who sent it from the directory, the signed-in one as You', () => {
    expect(of({ authorId: 'u2' })).toBe('Sam Lee');
    expect(of({ authorId: 'me' })).toBe('You');
  });

  it('takes the API’s name where the directory does not know the agent', () => {
    expect(of({ author: 'Dana from Billing' })).toBe('Dana from Billing');
    expect(of({ authorId: 'u9', author: 'Dana' })).toBe('Dana');
    expect(of({ authorId: 'u9' })).toBe('An agent');
  });

  it('calls an outbound message no agent sent the automation’s', () => {
    expect(of({})).toBe('Automation');
    expect(authorOf(message({ authorId: 'u2' }), 'Ines', null, 'me')).toBe('An agent');
  });
});
