import type { Context, MiddlewareHandler } from 'hono';
import {
  ASSUMED_RATE_LIMITED_MESSAGE,
  ASSUMED_RATE_LIMIT_SENDS_RETRY_AFTER,
  RATE_LIMIT,
  RATE_LIMIT_HEADERS,
} from '../../src/api/contract/highlevel.ts';
import { highLevelError } from './errors.ts';

export interface RateLimitOptions {
  /** Requests allowed in any `intervalMs`; the real API's is 100 per 10 s. */
  max: number;
  intervalMs?: number;
  daily?: number;
  now?: () => number;
  /** Requests not counted (the test hooks' truth reads). */
  skip?: (c: Context) => boolean;
}

/**
 * HighLevel's burst limit as the strictest reading of it: at most `max` requests in *any*
 * window of `intervalMs` (a sliding log), per location. Every answer carries the
 * `x-ratelimit-*` headers real answers carry; one over the limit is a 429 in the shape the
 * contract assumes (src/api/contract/highlevel.ts), without `Retry-After`, the worst case a
 * client must survive. Refused requests are not counted.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const intervalMs = options.intervalMs ?? RATE_LIMIT.intervalMs;
  const daily = options.daily ?? RATE_LIMIT.daily;
  const now = options.now ?? Date.now;
  // Send times of the last `max` admitted requests, oldest first, in a ring.
  const sent = new Float64Array(Math.max(1, options.max));
  let head = 0;
  let count = 0;
  let day = { start: now(), used: 0 };

  return async (c, next) => {
    if (options.skip?.(c)) return next();
    const t = now();
    if (t - day.start >= 86_400_000) day = { start: t, used: 0 };
    while (count > 0 && (sent[head] as number) <= t - intervalMs) {
      head = (head + 1) % sent.length;
      count -= 1;
    }
    const allowed = count < options.max && day.used < daily;
    if (allowed) {
      sent[(head + count) % sent.length] = t;
      count += 1;
      day.used += 1;
    }
    const headers: Record<string, string> = {
      [RATE_LIMIT_HEADERS.max]: String(options.max),
      [RATE_LIMIT_HEADERS.intervalMs]: String(intervalMs),
      [RATE_LIMIT_HEADERS.remaining]: String(Math.max(0, options.max - count)),
      [RATE_LIMIT_HEADERS.dailyLimit]: String(daily),
      [RATE_LIMIT_HEADERS.dailyRemaining]: String(Math.max(0, daily - day.used)),
      [RATE_LIMIT_HEADERS.dailyReset]: String(Math.max(0, day.start + 86_400_000 - t)),
    };
    if (!allowed) {
      const response = highLevelError(c, 429, ASSUMED_RATE_LIMITED_MESSAGE);
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      if (ASSUMED_RATE_LIMIT_SENDS_RETRY_AFTER) {
        const freeAt = (sent[head] as number) + intervalMs;
        response.headers.set('Retry-After', String(Math.ceil((freeAt - t) / 1000)));
      }
      return response;
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
