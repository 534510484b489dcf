/**
 * How long a reply may be, in one place for the composer (which counts and warns before
 * sending), the adapters (which refuse before sending) and the embedded APIs (which answer
 * 422 naming the limit). Each provider's numbers live in its contract module
 * (src/api/contract/highlevel.ts, src/api/contract/exante.ts); the rules for counting are
 * here.
 *
 * Browser-free and dependency-free: the server imports it as it is.
 */

/** How a composer treats a channel: an email (subject, threading), an SMS (segments), other text. */
export type ReplyFormat = 'email' | 'sms' | 'text';

/** The longest reply a channel takes. Only the fields of its format apply. */
export interface ReplyLimit {
  /** SMS: the most segments one message may take (see smsCount). */
  maxSegments?: number;
  /** Email and other text: the most characters (Unicode code points) of the body. */
  maxChars?: number;
  /** Email: the most characters of the subject. */
  maxSubjectChars?: number;
}

/**
 * Characters per SMS segment. A message that fits one segment takes 160 GSM-7 characters
 * (70 UCS-2 code units when any character is outside GSM-7); a longer one is split into parts
 * that each spend some room on the header that joins them again: 153 and 67.
 */
export const SMS_SEGMENT = { gsm7: 160, gsm7Part: 153, ucs2: 70, ucs2Part: 67 } as const;

/** The GSM 03.38 default alphabet: one septet each. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Its extension table: an escape plus the character, two septets each. */
const GSM7_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** Segments it is sent as; 0 for an empty text. */
  segments: number;
  /** Room left in the last segment, in the same units. */
  remaining: number;
}

/**
 * The segments a text is sent as. Parts are packed as a phone does: a two-septet character
 * or a surrogate pair is never split across two parts.
 */
export function smsCount(text: string): SmsCount {
  const chars = [...text];
  const gsm = chars.every((ch) => basic.has(ch) || extended.has(ch));
  const sizes = chars.map((ch) => (gsm ? (extended.has(ch) ? 2 : 1) : ch.length));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const single = gsm ? SMS_SEGMENT.gsm7 : SMS_SEGMENT.ucs2;
  const part = gsm ? SMS_SEGMENT.gsm7Part : SMS_SEGMENT.ucs2Part;
  const encoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units === 0) return { encoding, units, segments: 0, remaining: single };
  if (units <= single) return { encoding, units, segments: 1, remaining: single - units };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments, remaining: part - used };
}

/** Characters as an agent counts them: code points, so an emoji is one. */
export const charCount = (text: string): number => [...text].length;

/** What is wrong with a reply, so that each side can say it in its own words. */
export type ReplyProblem =
  | { kind: 'empty' }
  | { kind: 'segments'; max: number; segments: number }
  | { kind: 'chars'; max: number; chars: number }
  | { kind: 'subject'; max: number; chars: number };

/** Every problem of a reply on a channel of `format` with `limit`; none when it can be sent. */
export function replyProblems(
  format: ReplyFormat,
  limit: ReplyLimit,
  text: string,
  subject: string | null = null,
): ReplyProblem[] {
  const problems: ReplyProblem[] = [];
  if (text.trim() === '') problems.push({ kind: 'empty' });
  if (format === 'sms' && limit.maxSegments !== undefined) {
    const { segments } = smsCount(text);
    if (segments > limit.maxSegments) {
      problems.push({ kind: 'segments', max: limit.maxSegments, segments });
    }
  }
  if (format !== 'sms' && limit.maxChars !== undefined) {
    const chars = charCount(text);
    if (chars > limit.maxChars) problems.push({ kind: 'chars', max: limit.maxChars, chars });
  }
  if (format === 'email' && subject !== null && limit.maxSubjectChars !== undefined) {
    const chars = charCount(subject);
    if (chars > limit.maxSubjectChars) {
      problems.push({ kind: 'subject', max: limit.maxSubjectChars, chars });
    }
  }
  return problems;
}

const grouped = (n: number) => n.toLocaleString('en-US');

/** The most characters `segments` SMS segments hold, in each encoding. */
export function smsCapacity(segments: number): { gsm7: number; ucs2: number } {
  return segments <= 1
    ? { gsm7: SMS_SEGMENT.gsm7 * segments, ucs2: SMS_SEGMENT.ucs2 * segments }
    : { gsm7: SMS_SEGMENT.gsm7Part * segments, ucs2: SMS_SEGMENT.ucs2Part * segments };
}

/**
 * One sentence naming the limit, about `what` (a field name such as `message`, or words
 * such as `The reply`); the subject is named `subject`, or `subjectName` when given.
 */
export function describeReplyProblem(
  problem: ReplyProblem,
  what: string,
  subjectName = 'subject',
): string {
  switch (problem.kind) {
    case 'empty':
      return `${what} should not be empty`;
    case 'segments': {
      const capacity = smsCapacity(problem.max);
      return (
        `${what} must fit in ${problem.max} SMS segments (${grouped(capacity.gsm7)} GSM-7 ` +
        `characters, or ${grouped(capacity.ucs2)} when any character is outside GSM-7); ` +
        `it takes ${problem.segments}`
      );
    }
    case 'chars':
      return `${what} must be at most ${grouped(problem.max)} characters; it has ${grouped(problem.chars)}`;
    case 'subject':
      return `${subjectName} must be at most ${grouped(problem.max)} characters; it has ${grouped(problem.chars)}`;
  }
}
