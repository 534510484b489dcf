import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { assumedErrorBody } from '../contract/exante.ts';
import { describeError } from '../client.ts';
import type { Connection, ReplyTarget } from '../model.ts';
import { aConversation, failureWithout, recordingServer } from '../test-support.ts';
import { createExanteProvider, exanteCapabilities } from './exante.ts';
import replyResponse from './fixtures/exante-reply-response.json';
import updateResponse from './fixtures/exante-update-response.json';

/**
 * The Exante adapter's assumed writes (src/api/contract/exante.ts; docs/decisions/0015): a
 * reply to the conversation, and assignment and lifecycle through the one PATCH, each
 * answer reconciled only on what it carries.
 */

const TOKEN = 'ex_live_parley_demo_secret_333';
const BASE = '/providers/exante/api';
const ONE = `${BASE}/conversations/:uid`;
const ID = '0b8f3c1e-7a2d-4c55-9e61-3f0a9d2b7c14';
const AGENT = 'a1e2c3d4-0000-4000-8000-00000000a002';

const connection: Connection = {
  provider: 'exante',
  baseUrl: BASE,
  tenantId: '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f',
  token: TOKEN,
  meId: 'a1e2c3d4-0000-4000-8000-00000000a001',
};
const provider = createExanteProvider(connection);
const { server, sent } = recordingServer(TOKEN);
const failure = failureWithout(TOKEN);

type Json = Record<string, unknown>;

const EMAIL: ReplyTarget = aConversation({
  id: ID,
  replyVia: {
    type: 'email',
    format: 'email',
    label: 'Email',
    limit: { maxChars: 10_000, maxSubjectChars: 255 },
  },
});
const SMS: ReplyTarget = aConversation({
  id: ID,
  replyVia: { type: 'sms', format: 'sms', label: 'SMS', limit: { maxSegments: 10 } },
});

function answerReply(body: unknown, init: ResponseInit = { status: 201 }) {
  const bodies: Json[] = [];
  server.use(
    http.post(`${ONE}/messages`, async ({ request }) => {
      bodies.push((await request.json()) as Json);
      return typeof body === 'string'
        ? new HttpResponse(body, { headers: { 'Content-Type': 'application/json' }, ...init })
        : HttpResponse.json(body as Json, init);
    }),
  );
  return bodies;
}

function answerPatch(body: unknown) {
  const bodies: Json[] = [];
  server.use(
    http.patch(ONE, async ({ request }) => {
      bodies.push((await request.json()) as Json);
      return HttpResponse.json(body as Json);
    }),
  );
  return bodies;
}

describe('capabilities', () => {
  it('replies, assigns one conversation, and sets active, archived or closed', () => {
    expect(exanteCapabilities).toMatchObject({
      reply: true,
      assign: true,
      assignMovesContact: false,
      lifecycleWrites: ['active', 'archived', 'closed'],
    });
  });
});

describe('reply', () => {
  it('posts the assumed body and reads the message the answer carries', async () => {
    const bodies = answerReply(replyResponse);
    const reply = await provider.reply(EMAIL, {
      text: 'The credit note is attached.',
      subject: 'Re: Invoice INV-2041 is past due',
    });
    expect(sent[0]?.method).toBe('POST');
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(`${BASE}/conversations/${ID}/messages`);
    expect(bodies).toEqual([
      { body_text: 'The credit note is attached.', subject: 'Re: Invoice INV-2041 is past due' },
    ]);
    expect(reply).toEqual({
      conversationId: ID,
      message: {
        id: 'm0000001-0000-4000-8000-0000000000a1',
        direction: 'outbound',
        author: 'Priya Raman',
        authorId: null,
        body: 'The credit note is attached.',
        bodyRef: null,
        sentAt: '2023-11-09T08:30:00.000Z',
      },
      // The answer is a message: it says nothing of the conversation's fields.
      update: { id: ID },
    });
  });

  it('sends no subject on SMS, and none when the draft has a blank one', async () => {
    const bodies = answerReply(replyResponse);
    await provider.reply(SMS, { text: 'Paid, thanks', subject: 'ignored' });
    await provider.reply(EMAIL, { text: 'Hi', subject: '   ' });
    expect(bodies).toEqual([{ body_text: 'Paid, thanks' }, { body_text: 'Hi' }]);
  });

  it('takes a 2xx it cannot read as sent, with a local id', async () => {
    for (const answer of ['not json', { status: 'success', data: { uid: null } }]) {
      answerReply(answer);
      const reply = await provider.reply(EMAIL, { text: 'Once' });
      expect(reply.message).toMatchObject({ direction: 'outbound', body: 'Once' });
      expect(reply.message.id).toMatch(/^local:/);
    }
  });

  it('refuses before sending what the channel cannot take', async () => {
    const empty = await failure(provider.reply(EMAIL, { text: '' }));
    expect(describeError(empty)).toBe('The reply should not be empty.');
    const long = await failure(provider.reply(SMS, { text: 'ж'.repeat(671) }));
    expect(long.messages).toEqual([
      'The reply must fit in 10 SMS segments (1,530 GSM-7 characters, or 670 when any character is outside GSM-7); it takes 11.',
    ]);
    const other = await failure(provider.reply({ ...EMAIL, replyVia: null }, { text: 'x' }));
    expect(other.kind).toBe('unsupported');
    expect(sent).toHaveLength(0);
  });

  it('passes the field errors of a 422 on', async () => {
    answerReply(
      assumedErrorBody(422, 'Validation failed.', {
        status: ['A draft conversation has not been sent, so it cannot be replied to.'],
      }),
      { status: 422 },
    );
    const error = await failure(provider.reply(EMAIL, { text: 'x' }));
    expect(error).toMatchObject({ kind: 'http', status: 422 });
    expect(error.messages).toEqual([
      'status: A draft conversation has not been sent, so it cannot be replied to.',
    ]);
  });
});

describe('assign and lifecycle', () => {
  it('sends assignee and lifecycle in the one PATCH', async () => {
    const bodies = answerPatch({
      ...updateResponse,
      data: { ...updateResponse.data, agent_uid: AGENT, status: 'closed' },
    });
    const update = await provider.update(
      { id: ID, contactId: null },
      { assignee: AGENT, lifecycle: 'closed' },
    );
    await provider.update(ID, { assignee: null });
    await provider.update(ID, { lifecycle: 'active', read: true });
    expect(bodies).toEqual([
      { agent_uid: AGENT, status: 'closed' },
      { agent_uid: null },
      { is_read: true, status: 'active' },
    ]);
    expect(update).toMatchObject({ id: ID, assigneeId: AGENT, lifecycle: 'closed' });
  });

  it('reconciles only what the answer carries: no agent_uid is no unassignment', async () => {
    answerPatch({ status: 'success', data: { uid: ID, status: 'archived' } });
    const update = await provider.update(ID, { assignee: AGENT, lifecycle: 'archived' });
    expect(update).toEqual({ id: ID, lifecycle: 'archived', unreadCount: null, starred: null });
    answerPatch({ status: 'success', data: { uid: ID, agent_uid: null } });
    expect(await provider.update(ID, { assignee: null })).toMatchObject({ assigneeId: null });
  });

  it('cannot make a draft, and sends nothing for it', async () => {
    const error = await failure(provider.update(ID, { lifecycle: 'draft' }));
    expect(describeError(error)).toBe(
      'An Exante conversation cannot be set to draft: only active, archived, closed.',
    );
    expect(sent).toHaveLength(0);
  });
});
