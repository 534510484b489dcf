import { timingSafeEqual } from 'node:crypto';

/** The token from `Authorization: Bearer <token>`, or null when the header is malformed. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match?.[1] ?? null;
}

/** Constant-time comparison, so response timing reveals nothing about the token. */
export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
