/**
 * Wire dates arrive as epoch-ms numbers (HighLevel search), epoch-ms or ISO strings
 * (HighLevel PUT, by the spec and on the real wire), Firestore timestamp objects (HighLevel
 * GET-one), or ISO-8601 strings (HighLevel messages, all of Exante). Everything in the model
 * is an ISO-8601 UTC instant, and a value we cannot read is rejected here rather than
 * reaching the screen as "Invalid Date".
 */

// Date, optional time, optional offset. A space instead of `T` is tolerated.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const NUMERIC_PATTERN = /^-?\d+(?:\.\d+)?$/;

// ECMAScript's representable range: ±100,000,000 days around the epoch.
const MAX_EPOCH_MS = 8.64e15;

function fromEpochMs(ms: number): string | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) return null;
  return new Date(Math.trunc(ms)).toISOString();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromIso(text: string): string | null {
  const match = ISO_PATTERN.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
  let normalized = text.replace(' ', 'T');
  // A date-time without an offset would be read as local time by Date.parse; the APIs
  // speak UTC, so say so explicitly.
  if (h !== undefined && offset === undefined) normalized += 'Z';
  return fromEpochMs(Date.parse(normalized));
}

/** Firestore's timestamp as JSON: `{seconds, nanoseconds}` (or with leading underscores). */
function fromTimestampObject(value: object): string | null {
  const record = value as Record<string, unknown>;
  const seconds = record['seconds'] ?? record['_seconds'];
  const nanos = record['nanoseconds'] ?? record['_nanoseconds'] ?? 0;
  if (typeof seconds !== 'number' || typeof nanos !== 'number') return null;
  return fromEpochMs(seconds * 1000 + Math.floor(nanos / 1_000_000));
}

/**
 * The one date reader: epoch milliseconds (number or numeric string), ISO-8601, or a
 * Firestore `{seconds, nanoseconds}` object (HighLevel's GET-one) → ISO-8601 UTC
 * (`2023-11-07T05:31:56.000Z`). Anything else → null.
 */
export function toInstant(value: unknown): string | null {
  if (typeof value === 'number') return fromEpochMs(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return fromTimestampObject(value);
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (NUMERIC_PATTERN.test(text)) return fromEpochMs(Number(text));
  return fromIso(text);
}
