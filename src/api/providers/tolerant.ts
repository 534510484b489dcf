import { ApiError } from '../client.ts';
import type { Message } from '../model.ts';
import { toInstant } from './instant.ts';

/**
 * Field readers for a tolerant wire reader (decision 0012). Real answers leave keys out,
 * send `null` where the spec promises a value, and change a field's type between endpoints
 * (a type as a string on one, a number on another). Each reader takes whatever a field
 * holds and returns what Parley can use, or null; none throws. What an item cannot do
 * without (an id to key its row by) is decided by the caller, per item, never per page.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * An answer's envelope is the one thing a reader cannot do without: these name where it
 * broke (`data.items: expected array, got object`) as a 'malformed' ApiError.
 */
export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (isRecord(value)) return value;
  throw malformed(path, 'object', value);
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw malformed(path, 'array', value);
}

function malformed(path: string, expected: string, value: unknown): ApiError {
  const got = value === undefined ? 'but it is missing' : `got ${kindOf(value)}`;
  return new ApiError('malformed', [`${path}: expected ${expected}, ${got}`]);
}

/** A display string: strings as they are (blank is none), numbers written out. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A whole, non-negative count from a number or a numeric string. */
export function count(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

/** A yes/no from a boolean, `"true"`/`"false"` or 1/0. */
export function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  return null;
}

/** The strings of a list; anything else in it is dropped. */
export function texts(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map(text).filter((item): item is string => item !== null);
}

/** An enum value, open: a string or a number, whatever it says. */
export function code(value: unknown): string | number | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return null;
}

/** Any date a wire sends (epoch ms, ISO, `{seconds, nanoseconds}`) as ISO-8601 UTC. */
export function instant(value: unknown): string | null {
  return toInstant(value);
}

/** An epoch-ms number from any date a wire sends. */
export function epochMs(value: unknown): number | null {
  const iso = toInstant(value);
  return iso === null ? null : Date.parse(iso);
}

/**
 * `TYPE_WHATSAPP` → "WhatsApp", `TYPE_NO_SHOW` → "No show": a label an agent can read for
 * any type, known or not.
 */
const WORDS: Record<string, string> = {
  SMS: 'SMS',
  RCS: 'RCS',
  GMB: 'Google Business',
  IVR: 'IVR',
  WHATSAPP: 'WhatsApp',
  TIKTOK: 'TikTok',
  WEBCHAT: 'Web chat',
  FB: 'Facebook',
};

export function readableType(raw: string): string {
  const words = raw
    .replace(/^TYPE_/, '')
    .split(/[_\s]+/)
    .filter((word) => word !== '');
  if (words.length === 0) return 'Other';
  const label = words
    .map((word, index) => {
      const known = WORDS[word.toUpperCase()];
      if (known) return known;
      const lower = word.toLowerCase();
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
  return label;
}

let localIds = 0;
/**
 * The agent's reply as sent, where the API's answer did not (or not readably) give it
 * back: with the API's id if it named one, else `local:…`, never one of an API's.
 */
export const sentMessage = (
  authorId: string | null,
  body: string,
  id?: string | null,
): Message => ({
  id: id ?? `local:${Date.now().toString(36)}-${(localIds += 1).toString(36)}`,
  direction: 'outbound',
  author: null,
  authorId,
  body,
  bodyRef: null,
  sentAt: new Date().toISOString(),
});

/** An object answer, or the named object inside it (`{ message: {...} }`). */
export function objectAnswer(data: unknown, key?: string): Record<string, unknown> {
  const inner = key !== undefined && isRecord(data) && isRecord(data[key]) ? data[key] : data;
  return expectObject(inner, '(root)');
}
