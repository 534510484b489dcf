import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EXANTE_AGENT_UID,
  DEMO_HIGHLEVEL_USER_ID,
} from '../../server/seed/demo-identities.ts';
import type { Conversation, Provider } from '../../src/api/model.ts';
import { createExanteProvider } from '../../src/api/providers/exante.ts';
import { createHighLevelProvider } from '../../src/api/providers/highlevel.ts';
import { replyChannel } from '../../src/api/providers/highlevel-read.ts';
import { filtersOf, listToEnd, startEmbedded, type Embedded } from './harness.ts';

/**
 * Answering and routing (docs/decisions/0015), the browser's adapters against the embedded
 * APIs in one process: a reply lands in the thread, the row and the search; an assignment
 * on HighLevel moves every conversation of the contact; an Exante conversation closes and
 * reopens. What the adapter sends is what the embedded API takes, on both HighLevel wires.
 */

const wires = ['real', 'spec'] as const;
const highlevel = {} as Record<(typeof wires)[number], { embedded: Embedded; provider: Provider }>;
let exante: { embedded: Embedded; provider: Provider };

beforeAll(() => {
  for (const wire of wires) {
    const embedded = startEmbedded({ size: 600, env: { PARLEY_WIRE: wire } });
    highlevel[wire] = {
      embedded,
      provider: createHighLevelProvider(embedded.connection('highlevel'), embedded.transport),
    };
  }
  const embedded = startEmbedded({ size: 400 });
  exante = {
    embedded,
    provider: createExanteProvider(embedded.connection('exante'), embedded.transport),
  };
});

afterAll(() => {
  for (const wire of wires) highlevel[wire]?.embedded.close();
  exante?.embedded.close();
});

/** The conversation as the adapter shows it, found through the search as the list would. */
async function shown(provider: Provider, id: string): Promise<Conversation> {
  return provider.get(id);
}

describe.each(wires)('HighLevel, %s wire', (wire) => {
  const server = () => highlevel[wire];

  function soleOfType(type: string): string {
    const { id } = server()
      .embedded.db.prepare(
        `SELECT c.id FROM hl_conversations c WHERE c.type = ?
           AND (SELECT COUNT(*) FROM hl_conversations o WHERE o.contact_id = c.contact_id) = 1
           AND NOT EXISTS (SELECT 1 FROM hl_sent_messages s WHERE s.conversation_seq = c.seq)
         ORDER BY c.seq LIMIT 1`,
      )
      .get(type) as { id: string };
    return id;
  }

  it('replies on the conversation’s channel: thread, row and search follow', async () => {
    const { provider } = server();
    const conversation = await shown(provider, soleOfType('TYPE_PHONE'));
    // SMS, or the channel its last message came on (WhatsApp, live chat…).
    expect(conversation.replyVia).not.toBeNull();
    const text = `Confirmed for Friday, ${wire} tapirsunrise`;
    const sent = await provider.reply(conversation, { text });
    expect(sent.conversationId).toBe(conversation.id);

    const thread = await provider.messages(conversation.id, null);
    expect(thread.messages.at(-1)).toMatchObject({
      id: sent.message.id,
      direction: 'outbound',
      body: text,
    });
    const after = await shown(provider, conversation.id);
    expect(after).toMatchObject({ snippet: text, isUnread: false, unreadCount: 0 });
    const [first] = (await provider.list({ filters: filtersOf(), cursor: null, limit: 1 })).items;
    expect(first?.id).toBe(conversation.id);
    const found = await provider.list({
      filters: filtersOf({ q: 'tapirsunrise' }),
      cursor: null,
    });
    expect(found.items.map((c) => c.id)).toEqual([conversation.id]);
  });

  it('replies to an email, threaded, and its body reads back', async () => {
    const { provider } = server();
    const conversation = await shown(provider, soleOfType('TYPE_EMAIL'));
    expect(conversation.replyVia?.format).toBe('email');
    const before = await provider.messages(conversation.id, null);
    const answered = before.messages.at(-1);
    const sent = await provider.reply(conversation, {
      text: 'Thank you, the refund is on its way.',
      subject: 'Re: refund',
      inReplyTo: answered ?? null,
    });
    const newest = (await provider.messages(conversation.id, null)).messages.at(-1);
    expect(newest?.id).toBe(sent.message.id);
    const body =
      newest?.body ?? (await provider.messageBody(newest?.bodyRef ?? 'missing-reference'));
    expect(body).toBe('Thank you, the refund is on its way.');
  });

  it('refuses an over-long SMS before it reaches the API', async () => {
    const { provider, embedded } = server();
    const conversation = await shown(provider, soleOfType('TYPE_PHONE'));
    const requests = embedded.transport.requests();
    const bySms = { ...conversation, replyVia: replyChannel('SMS') };
    await expect(provider.reply(bySms, { text: 'a'.repeat(1531) })).rejects.toMatchObject({
      kind: 'unsupported',
    });
    expect(embedded.transport.requests()).toBe(requests);
  });

  it('assigns through the contact: every conversation of the contact moves', async () => {
    const { provider, embedded } = server();
    const { contact_id: contactId } = embedded.db
      .prepare(
        `SELECT contact_id FROM hl_conversations GROUP BY contact_id
           HAVING COUNT(*) >= 2 ORDER BY MIN(seq) LIMIT 1`,
      )
      .get() as { contact_id: string };
    const ofContact = await listToEnd(provider, filtersOf({ contact: contactId }));
    expect(ofContact.items.length).toBeGreaterThanOrEqual(2);
    const [target, ...others] = ofContact.items as [Conversation, ...Conversation[]];

    const update = await provider.update(target, { assignee: DEMO_HIGHLEVEL_USER_ID });
    expect(update).toEqual({ id: target.id, assigneeId: DEMO_HIGHLEVEL_USER_ID });
    const mine = await listToEnd(provider, filtersOf({ contact: contactId, assignee: ['me'] }));
    expect(new Set(mine.ids)).toEqual(new Set([target.id, ...others.map((c) => c.id)]));
    for (const other of others) {
      expect((await shown(provider, other.id)).assigneeId).toBe(DEMO_HIGHLEVEL_USER_ID);
    }

    const cleared = await provider.update(target, { assignee: null });
    // The real answer leaves assignedTo out when nobody is assigned: nothing to reconcile.
    if (wire === 'real') expect(cleared).toEqual({ id: target.id });
    else expect(cleared).toEqual({ id: target.id, assigneeId: null });
    const unassigned = await listToEnd(
      provider,
      filtersOf({ contact: contactId, assignee: ['unassigned'] }),
    );
    expect(unassigned.ids).toHaveLength(ofContact.ids.length);
  });

  it('says why an assignee is refused', async () => {
    const { provider } = server();
    const conversation = await shown(provider, soleOfType('TYPE_PHONE'));
    await expect(
      provider.update(conversation, { assignee: 'NobodyOfThisLocation' }),
    ).rejects.toMatchObject({
      kind: 'http',
      status: 422,
      messages: ['assignedTo NobodyOfThisLocation is not a user of this location'],
    });
  });
});

describe('Exante', () => {
  function pick(where: string): string {
    const { uid } = exante.embedded.db
      .prepare(
        `SELECT c.uid FROM ex_conversations c WHERE ${where}
           AND NOT EXISTS (SELECT 1 FROM ex_sent_messages s WHERE s.conversation_seq = c.seq)
         ORDER BY c.seq LIMIT 1`,
      )
      .get() as { uid: string };
    return uid;
  }

  it('replies: thread and row follow, and it leads the default view', async () => {
    const { provider } = exante;
    const conversation = await provider.get(pick("c.channel = 'email' AND c.is_read = 0"));
    expect(conversation.replyVia).toMatchObject({ type: 'email', format: 'email' });
    const sent = await provider.reply(conversation, { text: 'Credit note issued today.' });
    expect(sent.message).toMatchObject({
      direction: 'outbound',
      body: 'Credit note issued today.',
    });
    const thread = await provider.messages(conversation.id, null);
    expect(thread.messages.at(-1)).toEqual(sent.message);
    const after = await provider.get(conversation.id);
    expect(after).toMatchObject({
      snippet: 'Credit note issued today.',
      isUnread: false,
      messageCount: (conversation.messageCount ?? 0) + 1,
      lifecycle: conversation.lifecycle,
    });
    const [first] = (await provider.list({ filters: filtersOf(), cursor: null, limit: 1 })).items;
    expect(first?.id).toBe(conversation.id);
  });

  it('closes and reopens, and the lifecycle views follow', async () => {
    const { provider } = exante;
    const conversation = await provider.get(pick("c.status = 'active'"));
    const closed = await provider.update(conversation, { lifecycle: 'closed' });
    expect(closed).toMatchObject({ id: conversation.id, lifecycle: 'closed' });
    const closedView = await listToEnd(provider, filtersOf({ lifecycle: ['closed'] }));
    expect(closedView.ids).toContain(conversation.id);
    const reopened = await provider.update(conversation, { lifecycle: 'active' });
    expect(reopened).toMatchObject({ lifecycle: 'active' });
    const again = await listToEnd(provider, filtersOf({ lifecycle: ['closed'] }));
    expect(again.ids).not.toContain(conversation.id);
    expect(again.pages[0]?.total).toBe((closedView.pages[0]?.total ?? 0) - 1);
  });

  it('assigns to me and unassigns', async () => {
    const { provider } = exante;
    const conversation = await provider.get(pick(`c.agent_uid IS NOT '${DEMO_EXANTE_AGENT_UID}'`));
    const assigned = await provider.update(conversation, { assignee: DEMO_EXANTE_AGENT_UID });
    expect(assigned).toMatchObject({ assigneeId: DEMO_EXANTE_AGENT_UID });
    const mine = await listToEnd(provider, filtersOf({ assignee: ['me'] }));
    expect(mine.ids).toContain(conversation.id);
    const cleared = await provider.update(conversation, { assignee: null });
    expect(cleared).toMatchObject({ assigneeId: null });
  });
});
