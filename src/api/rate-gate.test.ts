import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from './client.ts';
import { request } from './client.ts';
import { RateGate } from './rate-gate.ts';

/** The gate on a fake clock: time passes only when a test says so. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const limitHeaders = (max: number, remaining: number) =>
  new Headers({
    'x-ratelimit-max': String(max),
    'x-ratelimit-interval-milliseconds': '10000',
    'x-ratelimit-remaining': String(remaining),
  });

describe('RateGate', () => {
  it('lets requests through while the budget lasts, then holds them until it frees', async () => {
    const gate = new RateGate('HighLevel');
    const released: number[] = [];
    for (let i = 0; i < 12; i++) {
      void gate.acquire(false).then(() => released.push(i));
      // Each answer tells the gate the budget: 10 per 10 s, of which it keeps one in reserve.
      if (i < 9) gate.observe(200, limitHeaders(10, 9 - i));
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(gate.waitingUntil()).toBeGreaterThan(Date.now());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(released).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(gate.waitingUntil()).toBe(0);
  });

  it('counts what others spent of the budget, as the answers report it', async () => {
    const gate = new RateGate('HighLevel');
    const released: number[] = [];
    void gate.acquire(false).then(() => released.push(0));
    // Someone else has used 8 of 10: this client may send one more (one in reserve).
    gate.observe(200, limitHeaders(10, 1));
    for (let i = 1; i < 4; i++) void gate.acquire(false).then(() => released.push(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(released).toEqual([0, 1, 2, 3]);
  });

  it('sends waiting writes before waiting reads', async () => {
    const gate = new RateGate('HighLevel');
    gate.observe(429, new Headers({ 'retry-after': '2' }));
    const order: string[] = [];
    void gate.acquire(false).then(() => order.push('read'));
    void gate.acquire(true).then(() => order.push('write'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(order).toEqual(['write', 'read']);
  });

  it('tells whoever listens how long it waits, and when it stops waiting', async () => {
    const gate = new RateGate('HighLevel');
    const seen: number[] = [];
    gate.subscribe(() => seen.push(gate.waitingUntil()));
    gate.observe(429, new Headers());
    void gate.acquire(false);
    expect(seen.at(-1)).toBe(Date.now() + 1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.at(-1)).toBe(0);
  });

  it('drops a waiting request whose caller gave up', async () => {
    const gate = new RateGate('HighLevel');
    gate.observe(429, new Headers({ 'retry-after': '5' }));
    const controller = new AbortController();
    const waiting = gate.acquire(false, controller.signal);
    controller.abort(new Error('left the view'));
    await expect(waiting).rejects.toThrow('left the view');
    expect(gate.waitingUntil()).toBe(0);
  });
});

describe('request() behind a gate', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('waits out a 429 without Retry-After and sends the request again: no error', async () => {
    let calls = 0;
    server.use(
      http.get('http://api.test/list', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json({ message: 'Too many requests' }, { status: 429 })
          : HttpResponse.json({ ok: true });
      }),
    );
    const gate = new RateGate('HighLevel');
    const answer = request({ baseUrl: 'http://api.test', path: '/list', gate, parse: (d) => d });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(gate.waitingUntil()).toBe(Date.now() + 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(answer).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it('without a gate, a 429 is an error the caller sees', async () => {
    server.use(
      http.get('http://api.test/list', () =>
        HttpResponse.json({ message: 'Too many requests' }, { status: 429 }),
      ),
    );
    await expect(
      request({ baseUrl: 'http://api.test', path: '/list', parse: (d) => d }),
    ).rejects.toMatchObject({ kind: 'http', status: 429 } satisfies Partial<ApiError>);
  });
});
