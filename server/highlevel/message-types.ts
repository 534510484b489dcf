/**
 * HighLevel's `TYPE_*` vocabularies come from the contract shared with the browser
 * (src/api/contract/highlevel.ts); this file adds what the seed needs to make realistic
 * threads.
 */
import {
  MESSAGE_TYPES,
  type ConversationType as AnyConversationType,
  type MessageType,
} from '../../src/api/contract/highlevel.ts';

export { MESSAGE_TYPES, type MessageType };

const MESSAGE_TYPE_SET: ReadonlySet<string> = new Set(MESSAGE_TYPES);

export function isMessageType(value: string): value is MessageType {
  return MESSAGE_TYPE_SET.has(value);
}

/** The conversation types the seed makes: internal chats carry no customer. */
export type ConversationType = Exclude<AnyConversationType, 'TYPE_INTERNAL_CHAT'>;

/** Message types that only a system sends: always outbound and automated. */
export const SYSTEM_MESSAGE_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([
  'TYPE_SMS_REVIEW_REQUEST',
  'TYPE_SMS_NO_SHOW_REQUEST',
  'TYPE_CAMPAIGN_SMS',
  'TYPE_CAMPAIGN_CALL',
  'TYPE_CAMPAIGN_EMAIL',
  'TYPE_CAMPAIGN_VOICEMAIL',
  'TYPE_CAMPAIGN_FACEBOOK',
  'TYPE_CAMPAIGN_GMB',
  'TYPE_ACTIVITY_CONTACT',
  'TYPE_ACTIVITY_INVOICE',
  'TYPE_ACTIVITY_PAYMENT',
  'TYPE_ACTIVITY_OPPORTUNITY',
  'TYPE_ACTIVITY_APPOINTMENT',
  'TYPE_ACTIVITY_EMPLOYEE_ACTION_LOG',
  'TYPE_ACTIVITY_WHATSAPP',
  'TYPE_LIVE_CHAT_INFO_MESSAGE',
]);

/** Which message types a conversation of each type mostly carries, with weights. */
export const TYPICAL_MESSAGE_TYPES: Record<
  ConversationType,
  readonly (readonly [MessageType, number])[]
> = {
  TYPE_PHONE: [
    ['TYPE_SMS', 60],
    ['TYPE_CALL', 12],
    ['TYPE_WHATSAPP', 6],
    ['TYPE_LIVE_CHAT', 4],
    ['TYPE_WEBCHAT', 3],
    ['TYPE_CAMPAIGN_SMS', 4],
    ['TYPE_SMS_REVIEW_REQUEST', 2],
    ['TYPE_ACTIVITY_APPOINTMENT', 2],
    ['TYPE_IVR_CALL', 1],
    ['TYPE_RCS', 1],
    ['TYPE_INTERNAL_COMMENT', 2],
  ],
  TYPE_EMAIL: [
    ['TYPE_EMAIL', 80],
    ['TYPE_CAMPAIGN_EMAIL', 8],
    ['TYPE_CUSTOM_EMAIL', 3],
    ['TYPE_ACTIVITY_INVOICE', 3],
    ['TYPE_ACTIVITY_PAYMENT', 3],
    ['TYPE_INTERNAL_COMMENT', 2],
  ],
  TYPE_FB_MESSENGER: [
    ['TYPE_FACEBOOK', 55],
    ['TYPE_INSTAGRAM', 20],
    ['TYPE_FACEBOOK_COMMENT', 8],
    ['TYPE_INSTAGRAM_COMMENT', 6],
    ['TYPE_TIKTOK', 4],
    ['TYPE_CAMPAIGN_FACEBOOK', 4],
  ],
  TYPE_REVIEW: [
    ['TYPE_REVIEW', 60],
    ['TYPE_GMB', 30],
    ['TYPE_CAMPAIGN_GMB', 10],
  ],
  TYPE_GROUP_SMS: [['TYPE_SMS', 1]],
};
