import { describe, expect, it } from 'vitest';
import { SharedReads, type BufferedAnswer } from './shared-reads.ts';

const answer = (text: string, status = 200): BufferedAnswer => ({
  status,
  headers: [['content-type', 'application/json']],
  body: new TextEncoder().encode(text).buffer as ArrayBuffer,
});
const textOf = (a: BufferedAnswer) => new TextDecoder().decode(a.body);

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
    const first = reads.read('token-a', '/search?x=1', api.fetch('one', true));
    const second = reads.read('token-a', '/search?x=1', api.fetch('two'));
    api.open();
    expect((await Promise.all([first, second])).map(textOf)).toEqual(['one', 'one']);
    expect(textOf(await reads.read('token-a', '/search?x=1', api.fetch('three')))).toBe('one');
    expect(api.calls).toBe(1);
    expect(reads.stats).toEqual({ coalesced: 1, cached: 1, fetched: 1 });
  });

  it('never shares an answer between two credentials', async () => {
    const reads = new SharedReads(1000);
    const api = upstream();
    expect(textOf(await reads.read('token-a', '/users', api.fetch('for a')))).toBe('for a');
    expect(textOf(await reads.read('token-b', '/users', api.fetch('for b')))).toBe('for b');
    expect(api.calls).toBe(2);
  });

  it('after a write, its author never gets what was read before it, even if still in flight', async () => {
    const reads = new SharedReads(1000);
    const api = upstream();
    await reads.read('author', '/search', api.fetch('before'));
    const inFlight = reads.read('author', '/conversation', api.fetch('old', true));
    reads.wrote('author');
    expect(textOf(await reads.read('author', '/search', api.fetch('after')))).toBe('after');
    const fresh = reads.read('author', '/conversation', api.fetch('new'));
    api.open();
    expect(textOf(await inFlight)).toBe('old');
    expect(textOf(await fresh)).toBe('new');
  });

  it('caches only successes, and nothing once the time is up', async () => {
    let now = 0;
    const reads = new SharedReads(1000, () => now);
    const api = upstream();
    await reads.read('t', '/a', () => Promise.resolve(answer('{}', 500)));
    await reads.read('t', '/a', api.fetch('ok'));
    expect(api.calls).toBe(1);
    now = 1001;
    await reads.read('t', '/a', api.fetch('later'));
    expect(api.calls).toBe(2);
  });

  it('with no time to live, only shares what is in flight', async () => {
    const reads = new SharedReads(0);
    const api = upstream();
    await reads.read('t', '/a', api.fetch('one'));
    await reads.read('t', '/a', api.fetch('two'));
    expect(api.calls).toBe(2);
  });
});
