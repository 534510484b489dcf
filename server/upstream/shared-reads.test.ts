import { describe, expect, it } from 'vitest';
import { SharedReads, type BufferedAnswer, type Caller } from './shared-reads.ts';

const answer = (text: string, status = 200): BufferedAnswer => ({
  status,
  headers: [['content-type', 'application/json']],
  body: new TextEncoder().encode(text).buffer as ArrayBuffer,
});
const textOf = (a: BufferedAnswer) => new TextDecoder().decode(a.body);

/** Two tabs of one server-side token (every agent shares it), and another token. */
const tabA: Caller = { credential: 'server-token', session: 'tab-a' };
const tabB: Caller = { credential: 'server-token', session: 'tab-b' };
const otherToken: Caller = { credential: 'agent-token', session: 'tab-c' };

function upstream() {
  let calls = 0;
  let release: (() => void) | null = null;
  return {
    get calls() {
      return calls;
    },
    /** An answer that waits for `open()` when `held`. */
    fetch:
      (text: string, held = false) =>
      () => {
        calls += 1;
        return held
          ? new Promise<BufferedAnswer>((resolve) => (release = () => resolve(answer(text))))
          : Promise.resolve(answer(text));
      },
    open: () => release?.(),
  };
}

describe('SharedReads', () => {
  it('sends identical reads in flight once, and answers repeats from memory', async () => {
    const reads = new SharedReads(1000);
    const api = upstream();
    const first = reads.read(tabA, '/search?x=1', api.fetch('one', true));
    const second = reads.read(tabB, '/search?x=1', api.fetch('two'));
    api.open();
    expect((await Promise.all([first, second])).map(textOf)).toEqual(['one', 'one']);
    expect(textOf(await reads.read(tabA, '/search?x=1', api.fetch('three')))).toBe('one');
    expect(api.calls).toBe(1);
    expect(reads.stats).toEqual({ coalesced: 1, cached: 1, fetched: 1 });
  });

  it('never shares an answer between two credentials', async () => {
    const reads = new SharedReads(1000);
    const api = upstream();
    expect(textOf(await reads.read(tabA, '/users', api.fetch('for a')))).toBe('for a');
    expect(textOf(await reads.read(otherToken, '/users', api.fetch('for b')))).toBe('for b');
    expect(api.calls).toBe(2);
  });

  it('after a write, its author never gets what was asked before it, even in flight', async () => {
    let now = 0;
    const reads = new SharedReads(1000, () => now);
    const api = upstream();
    await reads.read(tabA, '/search', api.fetch('before'));
    const inFlight = reads.read(tabA, '/conversation', api.fetch('old', true));
    now = 5;
    reads.wrote(tabA);
    now = 10;
    expect(textOf(await reads.read(tabA, '/search', api.fetch('after')))).toBe('after');
    const fresh = reads.read(tabA, '/conversation', api.fetch('new'));
    api.open();
    expect(textOf(await inFlight)).toBe('old');
    expect(textOf(await fresh)).toBe('new');
  });

  it('one agent’s write leaves the others sharing, and the fresher answer serves them all', async () => {
    let now = 0;
    const reads = new SharedReads(1000, () => now);
    const api = upstream();
    await reads.read(tabA, '/count', api.fetch('41'));
    now = 5;
    reads.wrote(tabA);
    now = 10;
    // The other tab still reads from memory: no request for it.
    expect(textOf(await reads.read(tabB, '/count', api.fetch('unused')))).toBe('41');
    expect(api.calls).toBe(1);
    // The author asks anew; what they get is newer, and becomes everyone's.
    expect(textOf(await reads.read(tabA, '/count', api.fetch('42')))).toBe('42');
    expect(textOf(await reads.read(tabB, '/count', api.fetch('unused')))).toBe('42');
    expect(api.calls).toBe(2);
  });

  it('caches only successes, and nothing once the time is up', async () => {
    let now = 0;
    const reads = new SharedReads(1000, () => now);
    const api = upstream();
    await reads.read(tabA, '/a', () => Promise.resolve(answer('{}', 500)));
    await reads.read(tabA, '/a', api.fetch('ok'));
    expect(api.calls).toBe(1);
    now = 1001;
    await reads.read(tabA, '/a', api.fetch('later'));
    expect(api.calls).toBe(2);
  });

  it('with no time to live, only shares what is in flight', async () => {
    const reads = new SharedReads(0);
    const api = upstream();
    await reads.read(tabA, '/a', api.fetch('one'));
    await reads.read(tabA, '/a', api.fetch('two'));
    expect(api.calls).toBe(2);
  });
});
