import { createRng } from '../seed/prng.ts';
import { fillTemplate, spreadTimes } from '../seed/templates.ts';
import {
  INBOUND_LINES,
  OUTBOUND_AUTOMATED_LINES,
  OUTBOUND_MANUAL_LINES,
} from '../seed/vocabulary.ts';

/**
 * Like HighLevel's, an Exante thread is regenerated from immutable columns instead of
 * stored (see highlevel/thread.ts for why). The conversation's metadata is derived from
 * the same output at seed time.
 */
export type Channel = 'email' | 'sms';
export type Direction = 'inbound' | 'outbound';

export interface ExPerson {
  uid: string;
  name: string;
  email: string;
  phone: string;
}

export interface ExThreadSpec {
  msgSeed: number;
  count: number;
  channel: Channel;
  firstDirection: Direction;
  createdOn: number;
  sentAt: number;
  subject: string;
  party: ExPerson;
  agent: ExPerson;
  /** The organization's shared inbox the party writes to. */
  mailbox: string;
  /** Replaces the newest message's text, and is put into its HTML unescaped on purpose. */
  hostileSnippet: string | null;
}

export interface ExMessage {
  uid: string;
  senderUid: string;
  senderType: 'party' | 'user';
  direction: Direction;
  providerMessageId: string;
  from: { email: string | null; name: string };
  to: string[];
  cc: string[];
  subject: string;
  snippet: string;
  bodyText: string;
  bodyHtml: string;
  sentAt: number;
  hasAttachments: boolean;
  attachmentCount: number;
  labels: string[];
  contentType: string;
}

const SNIPPET_LENGTH = 120;

export function exThread(spec: ExThreadSpec): ExMessage[] {
  const rng = createRng(spec.msgSeed);
  const times = spreadTimes(rng, spec.count, spec.createdOn, spec.sentAt, 1000);
  const cc =
    spec.channel === 'email' && rng.chance(0.2) ? [`accounts@${domainOf(spec.party.email)}`] : [];
  const messages: ExMessage[] = [];
  let direction = spec.firstDirection;
  for (let i = 0; i < times.length; i++) {
    if (i > 0 && rng.chance(0.7)) direction = direction === 'inbound' ? 'outbound' : 'inbound';
    const automated = direction === 'outbound' && rng.chance(0.15);
    const template =
      direction === 'inbound'
        ? rng.pick(INBOUND_LINES)
        : automated
          ? rng.pick(OUTBOUND_AUTOMATED_LINES)
          : rng.pick(OUTBOUND_MANUAL_LINES);
    const text = fillTemplate(rng, template);
    const attachmentCount = rng.chance(0.12) ? rng.int(1, 3) : 0;
    const fromParty = direction === 'inbound';
    const email = spec.channel === 'email';
    messages.push({
      uid: rng.uuid(),
      senderUid: fromParty ? spec.party.uid : spec.agent.uid,
      senderType: fromParty ? 'party' : 'user',
      direction,
      providerMessageId: email ? `18${rng.hex(14)}` : `SM${rng.hex(32)}`,
      from: fromParty
        ? { email: email ? spec.party.email : null, name: spec.party.name }
        : { email: email ? spec.mailbox : null, name: spec.agent.name },
      to: fromParty
        ? [email ? spec.mailbox : '+18885550123']
        : [email ? spec.party.email : spec.party.phone],
      cc: fromParty ? cc : [],
      subject: i === 0 ? spec.subject : `Re: ${spec.subject}`,
      snippet: text.slice(0, SNIPPET_LENGTH),
      bodyText: text,
      bodyHtml: `<div dir="auto"><p>${escapeHtml(text)}</p></div>`,
      sentAt: times[i] as number,
      hasAttachments: attachmentCount > 0,
      attachmentCount,
      labels: !email ? [] : fromParty ? inboundLabels(rng.chance(0.2)) : ['SENT'],
      contentType: email ? 'text/html' : 'text/plain',
    });
  }
  const newest = messages[messages.length - 1];
  if (newest !== undefined && spec.hostileSnippet !== null) {
    newest.bodyText = spec.hostileSnippet;
    newest.snippet = spec.hostileSnippet.slice(0, SNIPPET_LENGTH);
    newest.bodyHtml = `<div dir="auto"><p>${spec.hostileSnippet}</p></div>`;
  }
  return messages;
}

export interface ExThreadSummary {
  direction: Direction;
  hasReply: boolean;
  lastDirection: Direction;
  metadata: {
    from_email: string | null;
    from_name: string;
    to_emails: string[];
    cc_emails: string[];
    snippet: string;
    labels: string[];
    provider_message_id: string;
    thread_id: string | null;
    has_attachments: boolean;
    attachment_count: number;
    history_id: number | null;
  };
}

export function summarizeExThread(
  messages: readonly ExMessage[],
  channel: Channel,
  threadId: string | null,
  historyId: number | null,
): ExThreadSummary {
  const first = messages[0];
  const newest = messages[messages.length - 1];
  if (first === undefined || newest === undefined) throw new Error('a thread has a message');
  const attachmentCount = messages.reduce((sum, m) => sum + m.attachmentCount, 0);
  return {
    direction: first.direction,
    hasReply: messages.some((m) => m.direction !== first.direction),
    lastDirection: newest.direction,
    metadata: {
      from_email: first.from.email,
      from_name: first.from.name,
      to_emails: channel === 'email' ? first.to : [],
      cc_emails: first.cc,
      snippet: newest.snippet,
      labels: newest.labels,
      provider_message_id: newest.providerMessageId,
      thread_id: threadId,
      has_attachments: attachmentCount > 0,
      attachment_count: attachmentCount,
      history_id: historyId,
    },
  };
}

function inboundLabels(important: boolean): string[] {
  return important ? ['INBOX', 'IMPORTANT', 'CATEGORY_UPDATES'] : ['INBOX', 'CATEGORY_PERSONAL'];
}

function domainOf(email: string): string {
  return email.slice(email.indexOf('@') + 1) || 'example.com';
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
