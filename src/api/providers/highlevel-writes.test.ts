import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { CONTACTS_VERSION, CONVERSATIONS_VERSION } from '../contract/highlevel.ts';
import { describeError, mayHaveBeenSent } from '../client.ts';
import type { Connection, ReplyTarget } from '../model.ts';
import { aConversation, failureWithout, recordingServer } from '../test-support.ts';
import contactUpdateReal from './fixtures/highlevel-contact-update-real.json';
import contactUpdateSpec from './fixtures/highlevel-contact-update-spec.json';
import error422 from './fixtures/highlevel-error-422.json';
import sendReal from './fixtures/highlevel-send-real.json';
import sendSpec from './fixtures/highlevel-send-spec.json';
import updateReal from './fixtures/highlevel-update-real.json';
import { createHighLevelProvider, highlevelCapabilities } from './highlevel.ts';
import { replyChannel, replyChannelOf } from './highlevel-read.ts';

/**
 * The HighLevel adapter's writes for answering and routing (docs/decisions/0015): a reply
 * addressed by contact with the send type the conversation replies on, an assignment
 * through the contact, both read tolerantly from the recorded shapes and the spec's.
 */

const TOKEN = 'ex_live_parley_demo_secret_222';
const BASE = '/providers/highlevel';
const LOCATION = 'ParleyDemoLocation01';
const SEND = `${BASE}/conversations/messages`;
const CONTACT = `${BASE}/contacts/:contactId`;
const ONE = `${BASE}/conversations/:id`;

const connection: Connection = {
  provider: 'highlevel',
  baseUrl: BASE,
  tenantId: LOCATION,
  token: TOKEN,
  meId: 'u7AgentMe0000000001',
};
const provider = createHighLevelProvider(connection);
const { server, sent } = recordingServer(TOKEN);
const failure = failureWithout(TOKEN);

type Json = Record<string, unknown>;

/** Answers POST /conversations/messages with `body`, keeping what was sent. */
function answerSend(body: unknown, init?: ResponseInit) {
  const bodies: Json[] = [];
  server.use(
    http.post(SEND, async ({ request }) => {
      bodies.push((await request.json()) as Json);
      return typeof body === 'string'
        ? new HttpResponse(body, { headers: { 'Content-Type': 'application/json' }, ...init })
        : HttpResponse.json(body as Json, init);
    }),
  );
  return bodies;
}

function answerContact(body: unknown, init?: ResponseInit) {
  const bodies: Json[] = [];
  server.use(
    http.put(CONTACT, async ({ request }) => {
      bodies.push((await request.json()) as Json);
      return HttpResponse.json(body as Json, init);
    }),
  );
  return bodies;
}

const INES: ReplyTarget = aConversation({
  id: 'Rw1SmsStarred0000001',
  contactId: 'Ct1Ines0000000000001',
  replyVia: replyChannel('SMS'),
});
const LENA: ReplyTarget = aConversation({
  id: 'Rw3PhoneNull00000003',
  contactId: 'Ct3Lena0000000000003',
  replyVia: replyChannel('Email'),
});

describe('capabilities', () => {
  it('replies and assigns, through the contact; no lifecycle', () => {
    expect(highlevelCapabilities).toMatchObject({
      reply: true,
      assign: true,
      assignMovesContact: true,
      lifecycleWrites: [],
    });
  });
});

describe('which channel a conversation replies on', () => {
  const cases: [unknown, unknown, string | null][] = [
    ['TYPE_SMS', 'TYPE_PHONE', 'SMS'],
    ['TYPE_WHATSAPP', 'TYPE_PHONE', 'WhatsApp'],
    ['TYPE_LIVE_CHAT', 'TYPE_PHONE', 'Live_Chat'],
    ['TYPE_WEBCHAT', 'TYPE_GROUP_SMS', 'Live_Chat'],
    // A call or a no-show names no channel one can send on: the phone conversation's SMS.
    ['TYPE_CALL', 'TYPE_PHONE', 'SMS'],
    ['TYPE_NO_SHOW', 'TYPE_PHONE', 'SMS'],
    ['TYPE_ACTIVITY_APPOINTMENT', 'TYPE_PHONE', 'SMS'],
    ['TYPE_CAMPAIGN_EMAIL', 'TYPE_EMAIL', 'Email'],
    ['TYPE_INSTAGRAM', 'TYPE_FB_MESSENGER', 'IG'],
    ['TYPE_TIKTOK', 'TYPE_FB_MESSENGER', 'TIKTOK'],
    ['TYPE_FACEBOOK_COMMENT', 'TYPE_FB_MESSENGER', 'FB'],
    // A last message that does not belong in the conversation's kind does not move the reply.
    ['TYPE_EMAIL', 'TYPE_PHONE', 'SMS'],
    // Reviews and internal chats take no reply.
    ['TYPE_REVIEW', 'TYPE_REVIEW', null],
    ['TYPE_SMS', 'TYPE_REVIEW', null],
    ['TYPE_INTERNAL_COMMENT', 'TYPE_INTERNAL_CHAT', null],
    // GET-one's numbers: 3 is TYPE_EMAIL, 2 is TYPE_EMAIL as a conversation type.
    [3, 2, 'Email'],
    [100, 1, 'SMS'],
    // No conversation type, or one Parley does not know: the last message decides.
    ['TYPE_WHATSAPP', undefined, 'WhatsApp'],
    ['TYPE_SMS', 'TYPE_SOMETHING_NEW', 'SMS'],
    [undefined, 'TYPE_EMAIL', 'Email'],
    [undefined, undefined, null],
  ];
  it.each(cases)('%s on %s → %s', (last, own, expected) => {
    expect(replyChannelOf(last, own)?.type ?? null).toBe(expected);
  });

  it('carries the composer’s format, label and limit', () => {
    expect(replyChannel('SMS')).toEqual({
      type: 'SMS',
      format: 'sms',
      label: 'SMS',
      limit: { maxSegments: 10 },
    });
    expect(replyChannel('Email')).toEqual({
      type: 'Email',
      format: 'email',
      label: 'Email',
      limit: { maxChars: 10_000, maxSubjectChars: 255 },
    });
    expect(replyChannel('IG')).toMatchObject({ format: 'text', limit: { maxChars: 1_000 } });
  });
});

describe('reply', () => {
  it('sends by contact with the send type, as the recorded call did', async () => {
    const bodies = answerSend(sendReal);
    const reply = await provider.reply(INES, { text: 'Friday works.' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    expect(new URL(sent[0]?.url ?? '').pathname).toBe(SEND);
    expect(sent[0]?.headers.get('Version')).toBe(CONVERSATIONS_VERSION);
    expect(bodies).toEqual([
      {
        type: 'SMS',
        subType: 'SMS',
        status: 'pending',
        contactId: 'Ct1Ines0000000000001',
        message: 'Friday works.',
      },
    ]);
    expect(reply).toEqual({
      conversationId: sendReal.conversationId,
      message: {
        id: sendReal.messageId,
        direction: 'outbound',
        author: null,
        // Sent by the signed-in agent.
        authorId: 'u7AgentMe0000000001',
        body: 'Friday works.',
        bodyRef: null,
        sentAt: expect.any(String),
      },
      update: { id: sendReal.conversationId },
    });
    expect(Date.parse(reply.message.sentAt)).not.toBeNaN();
  });

  it('threads an email to the message it answers, with its subject (the spec’s answer)', async () => {
    const bodies = answerSend(sendSpec);
    const reply = await provider.reply(LENA, {
      text: 'Receipt received.',
      subject: '  Re: your receipt ',
      inReplyTo: { id: 'Ms3Thread0000000003', bodyRef: 'Em2Ines000000000002' },
    });
    expect(bodies[0]).toEqual({
      type: 'Email',
      subType: 'Email',
      status: 'pending',
      contactId: 'Ct3Lena0000000000003',
      message: 'Receipt received.',
      subject: 'Re: your receipt',
      replyMessageId: 'Em2Ines000000000002',
      threadId: 'Ms3Thread0000000003',
    });
    expect(reply.conversationId).toBe(sendSpec.conversationId);
    expect(reply.message.id).toBe(sendSpec.messageId);
  });

  it('sends no subject or threading on a text channel', async () => {
    const bodies = answerSend(sendReal);
    await provider.reply(INES, {
      text: 'Hi',
      subject: 'ignored',
      inReplyTo: { id: 'x', bodyRef: null },
    });
    expect(Object.keys(bodies[0] ?? {}).sort()).toEqual([
      'contactId',
      'message',
      'status',
      'subType',
      'type',
    ]);
  });

  it('says which conversation HighLevel filed the message in', async () => {
    answerSend({ ...sendReal, conversationId: 'Rw9AnotherPhone00009' });
    const reply = await provider.reply(INES, { text: 'Hi' });
    expect(reply.conversationId).toBe('Rw9AnotherPhone00009');
    expect(reply.update).toEqual({ id: 'Rw9AnotherPhone00009' });
  });

  it('takes a 2xx it cannot read as sent, with a local id: never a failure to retry', async () => {
    for (const answer of ['<html>OK</html>', {}, { messageId: null, conversationId: '' }]) {
      answerSend(answer);
      const reply = await provider.reply(INES, { text: 'Once' });
      expect(reply.conversationId).toBe(INES.id);
      expect(reply.message.id).toMatch(/^local:/);
      expect(reply.message.body).toBe('Once');
    }
  });

  it('refuses before sending what the channel cannot take, naming the limit', async () => {
    const cases: [ReplyTarget, string, string][] = [
      [INES, '   ', 'The reply should not be empty.'],
      [
        INES,
        'a'.repeat(1531),
        'The reply must fit in 10 SMS segments (1,530 GSM-7 characters, or 670 when any character is outside GSM-7); it takes 11.',
      ],
      [
        { ...INES, replyVia: replyChannel('FB') },
        'f'.repeat(2001),
        'The reply must be at most 2,000 characters; it has 2,001.',
      ],
      [LENA, 'e'.repeat(10_001), 'The reply must be at most 10,000 characters; it has 10,001.'],
    ];
    for (const [target, text, message] of cases) {
      const error = await failure(provider.reply(target, { text }));
      expect(error.kind).toBe('unsupported');
      expect(describeError(error)).toBe(message);
    }
    const subject = await failure(provider.reply(LENA, { text: 'x', subject: 's'.repeat(256) }));
    expect(subject.messages).toEqual(['subject must be at most 255 characters; it has 256.']);
    expect(sent).toHaveLength(0);
  });

  it('refuses a conversation without a contact or a channel to reply on', async () => {
    const noContact = await failure(provider.reply({ ...INES, contactId: null }, { text: 'x' }));
    expect(noContact.kind).toBe('unsupported');
    const review = await failure(provider.reply({ ...INES, replyVia: null }, { text: 'x' }));
    expect(describeError(review)).toBe('HighLevel takes no reply on this conversation’s channel.');
    expect(sent).toHaveLength(0);
  });

  it('passes a refusal on with its messages; a lost answer may have been sent', async () => {
    answerSend(error422, { status: 422 });
    const error = await failure(provider.reply(INES, { text: 'x' }));
    expect(error).toMatchObject({ kind: 'http', status: 422 });
    expect(mayHaveBeenSent(error)).toBe(false);
    server.use(http.post(SEND, () => HttpResponse.error()));
    const lost = await failure(provider.reply(INES, { text: 'x' }));
    expect(lost.kind).toBe('network');
    expect(mayHaveBeenSent(lost)).toBe(true);
  });
});

describe('assign', () => {
  const target = { id: INES.id, contactId: INES.contactId };

  it.each([
    ['real', contactUpdateReal, 'u8AgentTwo000000002'],
    ['spec', contactUpdateSpec, null],
  ] as const)(
    'puts the contact’s assignedTo and reads it back (%s)',
    async (_wire, answer, expected) => {
      const bodies = answerContact(answer);
      const update = await provider.update(target, { assignee: expected });
      expect(sent).toHaveLength(1);
      expect(sent[0]?.method).toBe('PUT');
      expect(new URL(sent[0]?.url ?? '').pathname).toBe(`${BASE}/contacts/Ct1Ines0000000000001`);
      expect(sent[0]?.headers.get('Version')).toBe(CONTACTS_VERSION);
      expect(bodies).toEqual([{ assignedTo: expected }]);
      expect(update).toEqual({ id: INES.id, assigneeId: expected });
    },
  );

  it('changes nothing a contact without assignedTo leaves out (the real unassigned shape)', async () => {
    const answer = structuredClone(contactUpdateReal) as { contact: Json };
    delete answer.contact['assignedTo'];
    answerContact(answer);
    expect(await provider.update(target, { assignee: null })).toEqual({ id: INES.id });
  });

  it('fails when HighLevel answers that it did not succeed', async () => {
    answerContact({ succeded: false, contact: {} });
    const error = await failure(provider.update(target, { assignee: null }));
    expect(error.messages).toEqual(['HighLevel answered that the assignment did not succeed.']);
  });

  it('needs the conversation’s contact', async () => {
    for (const bare of ['Rw1SmsStarred0000001', { id: INES.id, contactId: null }]) {
      const error = await failure(provider.update(bare, { assignee: 'u8AgentTwo000000002' }));
      expect(error.kind).toBe('unsupported');
      expect(describeError(error)).toBe(
        'HighLevel assigns a conversation through its contact, and this conversation names none.',
      );
    }
    expect(sent).toHaveLength(0);
  });

  it('assigns and stars in two requests, the answers merged', async () => {
    answerContact(contactUpdateReal);
    server.use(http.put(ONE, () => HttpResponse.json(updateReal)));
    const update = await provider.update(target, {
      assignee: 'u8AgentTwo000000002',
      starred: true,
    });
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      `${BASE}/contacts/Ct1Ines0000000000001`,
      `${BASE}/conversations/Rw1SmsStarred0000001`,
    ]);
    expect(update).toMatchObject({ id: INES.id, assigneeId: 'u8AgentTwo000000002', starred: true });
  });

  it('has no lifecycle to set', async () => {
    const error = await failure(provider.update(target, { lifecycle: 'closed' }));
    expect(error.kind).toBe('unsupported');
    expect(sent).toHaveLength(0);
  });
});
