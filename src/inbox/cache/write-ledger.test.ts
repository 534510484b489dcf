import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aConversation } from '../../api/test-support.ts';
import { WriteLedger } from './write-ledger.ts';

/** A promise the test settles by hand, to order the server's answers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WriteLedger', () => {
  it('sends writes to one conversation one at a time, in order', async () => {
    const ledger = new WriteLedger();
    const first = deferred<ReturnType<typeof aConversation>>();
    const sent: string[] = [];
    const w1 = ledger.begin('c1', { starred: true }, aConversation());
    const w2 = ledger.begin('c1', { read: true }, aConversation({ isUnread: true }));
    const r1 = ledger.run(w1, () => (sent.push('star'), first.promise));
    const r2 = ledger.run(w2, async () => (sent.push('read'), aConversation()));
    await flush();
    expect(sent).toEqual(['star']);
    first.resolve(aConversation({ starred: true }));
    await Promise.all([r1, r2]);
    expect(sent).toEqual(['star', 'read']);
  });

  it('runs writes to different conversations side by side', async () => {
    const ledger = new WriteLedger();
    const sent: string[] = [];
    const never = new Promise<never>(() => undefined);
    void ledger.run(ledger.begin('a', { starred: true }, aConversation()), () => {
      sent.push('a');
      return never;
    });
    void ledger.run(ledger.begin('b', { starred: true }, aConversation()), () => {
      sent.push('b');
      return never;
    });
    await flush();
    expect(sent).toEqual(['a', 'b']);
  });

  it('skips a queued write that a newer one to the same field replaces', async () => {
    const ledger = new WriteLedger();
    const first = deferred<ReturnType<typeof aConversation>>();
    const sent: boolean[] = [];
    const send = (starred: boolean) => () => {
      sent.push(starred);
      return starred ? first.promise : Promise.resolve(aConversation({ starred }));
    };
    const w1 = ledger.begin('c1', { starred: true }, aConversation());
    const r1 = ledger.run(w1, send(true));
    await flush(); // w1 is on the wire
    const w2 = ledger.begin('c1', { starred: false }, aConversation({ starred: true }));
    const w3 = ledger.begin('c1', { starred: true }, aConversation());
    const results = [r1, ledger.run(w2, send(false)), ledger.run(w3, send(true))];
    first.resolve(aConversation({ starred: true }));
    const [, skipped] = await Promise.all(results);
    expect(skipped).toBeNull();
    expect(sent).toEqual([true, true]);
  });

  it('rolls a failed newest write back to what the server last confirmed, and reports it', () => {
    const ledger = new WriteLedger();
    const w1 = ledger.begin('c1', { starred: true }, aConversation({ starred: false }));
    const w2 = ledger.begin('c1', { starred: false }, aConversation({ starred: true }));
    expect(ledger.settle(w1, aConversation({ starred: true }))).toEqual({
      apply: {},
      report: false,
    });
    expect(ledger.settle(w2, undefined)).toEqual({ apply: { starred: true }, report: true });
  });

  it('leaves a failed older write to the newer intent: no rollback, no message', () => {
    const ledger = new WriteLedger();
    const w1 = ledger.begin(
      'c1',
      { read: true },
      aConversation({ isUnread: true, unreadCount: 2 }),
    );
    const w2 = ledger.begin('c1', { read: false }, aConversation());
    expect(ledger.settle(w1, undefined)).toEqual({ apply: {}, report: false });
    expect(ledger.settle(w2, undefined)).toEqual({
      apply: { isUnread: true, unreadCount: 2 },
      report: true,
    });
  });

  it('reconciles only the fields a write still owns with the server answer', () => {
    const ledger = new WriteLedger();
    const w1 = ledger.begin('c1', { starred: true }, aConversation());
    const w2 = ledger.begin(
      'c1',
      { read: true },
      aConversation({ isUnread: true, unreadCount: 1 }),
    );
    const server = aConversation({ starred: true, isUnread: true, unreadCount: 1 });
    expect(ledger.settle(w1, server).apply).toEqual({ starred: true });
    expect(ledger.settle(w2, aConversation({ starred: true })).apply).toEqual({
      isUnread: false,
      unreadCount: 0,
    });
  });

  it('rolls a failed assignment back to the assignee the server last confirmed', () => {
    const ledger = new WriteLedger();
    const w1 = ledger.begin('c1', { assignee: 'u2' }, aConversation({ assigneeId: 'u1' }));
    const w2 = ledger.begin('c1', { assignee: null }, aConversation({ assigneeId: 'u2' }));
    // The first is answered (its answer names the assignee), the second fails.
    expect(ledger.settle(w1, aConversation({ assigneeId: 'u2' }))).toEqual({
      apply: {},
      report: false,
    });
    expect(ledger.settle(w2, undefined)).toEqual({ apply: { assigneeId: 'u2' }, report: true });
  });

  it('keeps an unassignment whose answer leaves the assignee out (HighLevel)', () => {
    const ledger = new WriteLedger();
    const write = ledger.begin('c1', { assignee: null }, aConversation({ assigneeId: 'u1' }));
    expect(ledger.settle(write, { id: 'c1' })).toEqual({
      apply: { assigneeId: null },
      report: false,
    });
  });

  it('orders lifecycle writes, and leaves an older failed close to the newer write', async () => {
    const ledger = new WriteLedger();
    const sent: string[] = [];
    const w1 = ledger.begin('c1', { lifecycle: 'closed' }, aConversation({ lifecycle: 'active' }));
    const r1 = ledger.run(w1, async () => {
      sent.push('closed');
      throw new Error('503');
    });
    await flush(); // w1 is on the wire
    const w2 = ledger.begin(
      'c1',
      { lifecycle: 'archived' },
      aConversation({ lifecycle: 'closed' }),
    );
    const r2 = ledger.run(w2, async () => {
      sent.push('archived');
      return aConversation({ lifecycle: 'archived' });
    });
    await expect(r1).rejects.toThrow('503');
    expect(ledger.settle(w1, undefined)).toEqual({ apply: {}, report: false });
    expect(ledger.settle(w2, await r2)).toEqual({
      apply: { lifecycle: 'archived' },
      report: false,
    });
    expect(sent).toEqual(['closed', 'archived']);
  });

  it('rolls a failed close back to the status before it', () => {
    const ledger = new WriteLedger();
    const write = ledger.begin(
      'c1',
      { lifecycle: 'closed' },
      aConversation({ lifecycle: 'active' }),
    );
    expect(ledger.settle(write, undefined)).toEqual({
      apply: { lifecycle: 'active' },
      report: true,
    });
  });

  it('an assignment and a star to one conversation settle each their own field', () => {
    const ledger = new WriteLedger();
    const assign = ledger.begin('c1', { assignee: 'u2' }, aConversation({ assigneeId: null }));
    const star = ledger.begin('c1', { starred: true }, aConversation({ starred: false }));
    expect(ledger.settle(assign, undefined)).toEqual({ apply: { assigneeId: null }, report: true });
    expect(ledger.settle(star, aConversation({ starred: true })).apply).toEqual({ starred: true });
  });

  it('remembers a change made through another conversation', () => {
    const ledger = new WriteLedger();
    expect(ledger.lastChangedAt('c2')).toBeUndefined();
    ledger.touch('c2');
    expect(ledger.lastChangedAt('c2')).toBeGreaterThan(0);
  });

  it('converges: after any run of toggles and failures, the cache shows what the server has', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ fails: fc.boolean(), settleNow: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (clicks) => {
          const ledger = new WriteLedger();
          let server = false;
          let cache = false;
          const pending: Promise<void>[] = [];
          for (const click of clicks) {
            const intent: boolean = !cache;
            const write = ledger.begin(
              'c1',
              { starred: intent },
              aConversation({ starred: cache }),
            );
            cache = intent; // optimistic
            const done = ledger
              .run(write, async () => {
                if (click.fails) throw new Error('503');
                server = intent;
                return aConversation({ starred: server });
              })
              .then(
                (answer) => ledger.settle(write, answer),
                () => ledger.settle(write, undefined),
              )
              .then(({ apply }) => {
                if (typeof apply.starred === 'boolean') cache = apply.starred;
              });
            pending.push(done);
            if (click.settleNow) await done;
          }
          await Promise.all(pending);
          expect(cache).toBe(server);
          // With no failures, the server ends at the agent's last intent.
          if (clicks.every((c) => !c.fails)) expect(server).toBe(clicks.length % 2 === 1);
        },
      ),
    );
  });
});
