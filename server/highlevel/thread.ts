import { createRng } from '../seed/prng.ts';
import { fillTemplate, spreadTimes } from '../seed/templates.ts';
import {
  INBOUND_LINES,
  OUTBOUND_AUTOMATED_LINES,
  OUTBOUND_MANUAL_LINES,
} from '../seed/vocabulary.ts';
import {
  MESSAGE_TYPES,
  SYSTEM_MESSAGE_TYPES,
  TYPICAL_MESSAGE_TYPES,
  type ConversationType,
  type MessageType,
} from './message-types.ts';

/**
 * A conversation's messages are a pure function of a few immutable columns. Storing them
 * would multiply the database by ~8 rows per conversation (8M rows at the 1M benchmark
 * size) for data that never changes; regenerating a thread of at most 12 costs
 * microseconds. The seed derives the conversation's last-message fields from the same
 * function, so the list and the thread always agree.
 */
export interface HlThreadSpec {
  msgSeed: number;
  count: number;
  conversationType: ConversationType;
  dateAdded: number;
  lastMessageDate: number;
  /** The agent who answers manually; null means replies carry no userId. */
  agentId: string | null;
  /** Replaces the newest message's body (hostile fixtures). */
  hostileBody: string | null;
}

export type Direction = 'inbound' | 'outbound';

export interface HlMessage {
  id: string;
  /** A spec value, or TYPE_NO_SHOW (outside the spec's enum, as real answers have it). */
  messageType: MessageType | 'TYPE_NO_SHOW';
  direction: Direction;
  automated: boolean;
  status: string;
  body: string;
  dateAdded: number;
  userId: string | null;
  source: string | null;
  attachments: string[];
  meta: Record<string, unknown>;
}

const CALL_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([
  'TYPE_CALL',
  'TYPE_IVR_CALL',
  'TYPE_CUSTOM_CALL',
  'TYPE_CAMPAIGN_CALL',
  'TYPE_CAMPAIGN_MANUAL_CALL',
  'TYPE_CAMPAIGN_VOICEMAIL',
]);

/** Oldest first. */
export function hlThread(spec: HlThreadSpec): HlMessage[] {
  const rng = createRng(spec.msgSeed);
  const times = spreadTimes(rng, spec.count, spec.dateAdded, spec.lastMessageDate);
  const messages: HlMessage[] = [];
  let direction: Direction = rng.chance(0.75) ? 'inbound' : 'outbound';
  for (let i = 0; i < times.length; i++) {
    if (i > 0 && rng.chance(0.65)) direction = direction === 'inbound' ? 'outbound' : 'inbound';
    const messageType = rng.chance(0.03)
      ? rng.pick(MESSAGE_TYPES)
      : rng.weighted(TYPICAL_MESSAGE_TYPES[spec.conversationType]);
    const system = SYSTEM_MESSAGE_TYPES.has(messageType);
    const msgDirection: Direction = system ? 'outbound' : direction;
    const automated = system || (msgDirection === 'outbound' && rng.chance(0.3));
    const id = rng.id20();
    const isCall = CALL_TYPES.has(messageType);
    let body: string;
    if (isCall) {
      body = msgDirection === 'inbound' ? 'Incoming call' : 'Outgoing call';
    } else if (msgDirection === 'inbound') {
      body = fillTemplate(rng, rng.pick(INBOUND_LINES));
    } else if (automated) {
      body = fillTemplate(rng, rng.pick(OUTBOUND_AUTOMATED_LINES));
    } else {
      body = fillTemplate(rng, rng.pick(OUTBOUND_MANUAL_LINES));
    }
    const status =
      msgDirection === 'inbound'
        ? isCall
          ? 'connected'
          : 'delivered'
        : messageType === 'TYPE_EMAIL' || messageType === 'TYPE_CAMPAIGN_EMAIL'
          ? rng.weighted([
              ['delivered', 50],
              ['opened', 30],
              ['clicked', 8],
              ['sent', 10],
              ['failed', 2],
            ] as const)
          : rng.weighted([
              ['delivered', 70],
              ['read', 12],
              ['sent', 12],
              ['failed', 3],
              ['undelivered', 2],
              ['pending', 1],
            ] as const);
    const hasAttachment = !isCall && rng.chance(0.05);
    const meta: Record<string, unknown> = {};
    if (isCall) {
      meta.callDuration = rng.int(0, 1800);
      meta.callStatus = rng.weighted([
        ['completed', 70],
        ['no-answer', 15],
        ['voicemail', 10],
        ['busy', 5],
      ] as const);
    }
    if (messageType === 'TYPE_EMAIL') meta.email = { messageIds: [id] };
    messages.push({
      id,
      messageType,
      direction: msgDirection,
      automated,
      status,
      body,
      dateAdded: times[i] as number,
      userId: msgDirection === 'outbound' && !automated ? spec.agentId : null,
      source:
        msgDirection === 'inbound'
          ? null
          : automated
            ? rng.weighted([
                ['workflow', 60],
                ['campaign', 25],
                ['bulk_actions', 10],
                ['api', 5],
              ] as const)
            : 'app',
      attachments: hasAttachment ? [`https://assets.parley.test/attachments/${id}.jpg`] : [],
      meta,
    });
  }
  const newest = messages[messages.length - 1];
  if (newest !== undefined && spec.hostileBody !== null) newest.body = spec.hostileBody;
  // One thread in fifty ends in a no-show: a type the spec's enum lacks and no text at all,
  // which real search items show by leaving lastMessageBody out.
  if (newest !== undefined && spec.hostileBody === null && spec.msgSeed % 50 === 7) {
    Object.assign(newest, {
      messageType: 'TYPE_NO_SHOW',
      direction: 'outbound',
      automated: true,
      status: 'delivered',
      body: '',
      userId: null,
      source: 'app',
      attachments: [],
      meta: {},
    } satisfies Partial<HlMessage>);
  }
  return messages;
}

export interface HlThreadSummary {
  lastMessageBody: string;
  lastMessageType: HlMessage['messageType'];
  lastMessageDirection: Direction;
  lastOutboundMessageAction: 'automated' | 'manual' | null;
  lastManualMessageDate: number | null;
  /** Inbound messages after the last outbound one: the most a fair unreadCount can be. */
  trailingInbound: number;
}

export function summarizeHlThread(messages: readonly HlMessage[]): HlThreadSummary {
  const newest = messages[messages.length - 1];
  if (newest === undefined) throw new Error('a thread has at least one message');
  let lastOutboundMessageAction: HlThreadSummary['lastOutboundMessageAction'] = null;
  let lastManualMessageDate: number | null = null;
  let trailingInbound = 0;
  let sawOutbound = false;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as HlMessage;
    if (message.direction === 'outbound') {
      if (!sawOutbound) lastOutboundMessageAction = message.automated ? 'automated' : 'manual';
      sawOutbound = true;
    } else if (!sawOutbound) {
      trailingInbound++;
    }
    if (lastManualMessageDate === null && !message.automated) {
      lastManualMessageDate = message.dateAdded;
    }
  }
  return {
    lastMessageBody: newest.body,
    lastMessageType: newest.messageType,
    lastMessageDirection: newest.direction,
    lastOutboundMessageAction,
    lastManualMessageDate,
    trailingInbound,
  };
}
