import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ComeBackLater, UpstreamPacer } from './pacer.ts';

/** The pacer on a fake clock: time passes only when the test says so. */
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const noHeaders = { get: () => null };

/** Starts requests at once; records when (fake ms from start) each got its turn. */
function race(pacer: UpstreamPacer, kinds: ('read' | 'write')[]) {
  const started = Date.now();
  const turns: { index: number; kind: string; at: number }[] = [];
  const refused: { index: number; reason: unknown }[] = [];
  kinds.forEach((kind, index) => {
    pacer.acquire(kind === 'write').then(
      () => turns.push({ index, kind, at: Date.now() - started }),
      (reason: unknown) => refused.push({ index, reason }),
    );
  });
  return { turns, refused };
}

describe('UpstreamPacer', () => {
  it('never lets more than the limit go in any window, holding the rest in order', async () => {
    const pacer = new UpstreamPacer({ limit: { max: 4, intervalMs: 300 }, maxHoldMs: 5000 });
    const { turns } = race(pacer, Array<'read'>(10).fill('read'));
    await vi.advanceTimersByTimeAsync(0);
    expect(turns).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1000);
    expect(turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(turns.map((t) => t.at)).toEqual([0, 0, 0, 0, 300, 300, 300, 300, 600, 600]);
  });

  it('lets waiting writes go before waiting reads', async () => {
    const pacer = new UpstreamPacer({ limit: { max: 2, intervalMs: 200 }, maxHoldMs: 5000 });
    const { turns } = race(pacer, ['read', 'read', 'read', 'read', 'write', 'write']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(turns.map((t) => t.kind)).toEqual(['read', 'read', 'write', 'write', 'read', 'read']);
  });

  it('tells a read whose turn is too far off to come back, with how long; holds a write', async () => {
    const pacer = new UpstreamPacer({
      limit: { max: 2, intervalMs: 10_000 },
      maxHoldMs: 1000,
      maxWriteHoldMs: 11_000,
    });
    const { turns, refused } = race(pacer, ['read', 'read', 'read', 'write']);
    await vi.advanceTimersByTimeAsync(0);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.index).toBe(2);
    expect(refused[0]?.reason).toBeInstanceOf(ComeBackLater);
    expect((refused[0]?.reason as ComeBackLater).waitMs).toBe(10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(turns.map((t) => [t.kind, t.at])).toEqual([
      ['read', 0],
      ['read', 0],
      ['write', 10_000],
    ]);
  });

  it('after an upstream 429 without Retry-After, backs off before anything else goes', async () => {
    const pacer = new UpstreamPacer({ limit: null, maxHoldMs: 5000 });
    await pacer.acquire(false);
    expect(pacer.observe(429, noHeaders)).toBe(1000);
    const { turns } = race(pacer, ['read']);
    await vi.advanceTimersByTimeAsync(999);
    expect(turns).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(turns).toHaveLength(1);
    // A second refusal in a row waits longer.
    expect(pacer.observe(429, noHeaders)).toBe(2000);
  });

  it('takes an upstream Retry-After as said', () => {
    const pacer = new UpstreamPacer({ limit: null });
    expect(pacer.observe(429, { get: (n) => (n === 'retry-after' ? '3' : null) })).toBe(3000);
  });

  it('learns the limit from the x-ratelimit headers', async () => {
    const pacer = new UpstreamPacer({ limit: null, maxHoldMs: 100 });
    const headers = new Headers({
      'x-ratelimit-max': '2',
      'x-ratelimit-interval-milliseconds': '10000',
      'x-ratelimit-remaining': '1',
    });
    await pacer.acquire(false);
    pacer.observe(200, headers);
    await pacer.acquire(false);
    await expect(pacer.acquire(false)).rejects.toBeInstanceOf(ComeBackLater);
  });

  it('forgets a request whose caller went away while it waited', async () => {
    const pacer = new UpstreamPacer({ limit: { max: 1, intervalMs: 300 }, maxHoldMs: 5000 });
    await pacer.acquire(false);
    const gone = new AbortController();
    const abandoned = pacer.acquire(false, gone.signal);
    const { turns } = race(pacer, ['read']);
    gone.abort(new Error('client left'));
    await expect(abandoned).rejects.toThrow('client left');
    await vi.advanceTimersByTimeAsync(300);
    // The next one took the abandoned one's turn: one interval, not two.
    expect(turns.map((t) => t.at)).toEqual([300]);
  });
});
