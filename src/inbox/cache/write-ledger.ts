/**
 * Keeps rapid changes to one conversation honest (decision 0003, addendum). Writes to a
 * conversation go to the server one at a time, in the order the agent made them, so the
 * server ends at the agent's last intent; a queued write whose fields a newer write will
 * set again is skipped. Per field, the ledger knows the newest intent and what the server
 * last confirmed, so a failed write rolls back only when no newer intent is on its way.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, ConversationPatch, ConversationUpdate } from '../../api/model.ts';
import type { Api } from '../../api/queries.ts';

export type WriteField = keyof ConversationPatch;
/** The cached fields one patch field decides. */
export type Snapshot = Partial<
  Pick<Conversation, 'starred' | 'isUnread' | 'unreadCount' | 'assigneeId' | 'lifecycle'>
>;

/** The cached fields each patch field decides. */
const decides: { [F in WriteField]: (keyof Snapshot)[] } = {
  starred: ['starred'],
  read: ['isUnread', 'unreadCount'],
  assignee: ['assigneeId'],
  lifecycle: ['lifecycle'],
};

/** The fields `field` decides, of those `conversation` carries (a write's answer may omit some). */
export function snapshotOf(conversation: Partial<Conversation>, field: WriteField): Snapshot {
  return Object.fromEntries(
    decides[field]
      .map((key) => [key, conversation[key]] as const)
      .filter(([, value]) => value !== undefined),
  ) as Snapshot;
}

/** What a write set, as the cache holds it: what stands when the answer says nothing of it. */
function intentOf(patch: ConversationPatch, field: WriteField): Snapshot {
  switch (field) {
    case 'starred':
      return { starred: patch.starred };
    case 'read':
      return { isUnread: patch.read === false };
    case 'assignee':
      return { assigneeId: patch.assignee ?? null };
    case 'lifecycle':
      return patch.lifecycle === undefined ? {} : { lifecycle: patch.lifecycle };
  }
}

export interface Write {
  readonly key: string;
  readonly version: number;
  readonly fields: readonly WriteField[];
  readonly patch: ConversationPatch;
}

interface Entry {
  tail: Promise<unknown>;
  pending: number;
  latest: Map<WriteField, number>;
  confirmed: Map<WriteField, Snapshot>;
}

/** What settling a write means for the cache: fields to set, and whether to tell the agent. */
export interface Settled {
  apply: Snapshot;
  /** The write failed and it was the newest intent for at least one field. */
  report: boolean;
}

export class WriteLedger {
  private entries = new Map<string, Entry>();
  private version = 0;
  private begun = new Map<string, number>();

  /** When the agent last changed this conversation (ms), to spot answers older than that. */
  lastChangedAt(key: string): number | undefined {
    return this.begun.get(key);
  }

  /**
   * Notes a change the agent made to this conversation through another one's write (on
   * HighLevel, assigning one conversation assigns its contact's others): a live answer
   * asked before now must not undo it.
   */
  touch(key: string): void {
    this.begun.set(key, Date.now());
  }

  /** Records an intent; `current` is the conversation as the agent sees it right now. */
  begin(key: string, patch: ConversationPatch, current: Conversation | undefined): Write {
    const fields = (Object.keys(patch) as WriteField[]).filter((f) => patch[f] !== undefined);
    const version = ++this.version;
    this.begun.set(key, Date.now());
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { tail: Promise.resolve(), pending: 0, latest: new Map(), confirmed: new Map() };
      this.entries.set(key, entry);
    }
    entry.pending += 1;
    for (const field of fields) {
      // With no write to this field pending, what the agent sees is what the server has.
      if (!entry.latest.has(field) && current) {
        entry.confirmed.set(field, snapshotOf(current, field));
      }
      entry.latest.set(field, version);
    }
    return { key, version, fields, patch };
  }

  /** Sends after every earlier write to the conversation; null when superseded and skipped. */
  run<T>(write: Write, send: () => Promise<T>): Promise<T | null> {
    const entry = this.entry(write);
    const result = entry.tail.then(() =>
      write.fields.some((field) => this.owns(entry, write, field)) ? send() : null,
    );
    // The next write waits for this one to finish, whether it worked or not.
    entry.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * `server` is the answer, null for a skipped write, undefined for a failed one. An answer
   * reconciles only the fields it carries: one that leaves a field out accepted the write
   * without echoing it, so the written value stands.
   */
  settle(write: Write, server: ConversationUpdate | null | undefined): Settled {
    const entry = this.entry(write);
    const settled: Settled = { apply: {}, report: false };
    for (const field of write.fields) {
      const owns = this.owns(entry, write, field);
      if (server) {
        const carried = snapshotOf(server, field);
        const confirmed = Object.keys(carried).length > 0 ? carried : intentOf(write.patch, field);
        entry.confirmed.set(field, confirmed);
        if (owns) Object.assign(settled.apply, confirmed);
      } else if (server === undefined && owns) {
        Object.assign(settled.apply, entry.confirmed.get(field));
        settled.report = true;
      }
      if (owns) {
        entry.latest.delete(field);
        entry.confirmed.delete(field);
      }
    }
    entry.pending -= 1;
    if (entry.pending === 0) this.entries.delete(write.key);
    return settled;
  }

  private entry(write: Write): Entry {
    const entry = this.entries.get(write.key);
    if (!entry) throw new Error('a write was settled twice or never begun');
    return entry;
  }

  private owns(entry: Entry, write: Write, field: WriteField): boolean {
    return entry.latest.get(field) === write.version;
  }
}

// One ledger per cache: writes to a conversation are ordered wherever they come from, and
// the live poll knows which rows the agent changed since it asked.
const ledgers = new WeakMap<QueryClient, WriteLedger>();
export function ledgerFor(queryClient: QueryClient): WriteLedger {
  let ledger = ledgers.get(queryClient);
  if (!ledger) ledgers.set(queryClient, (ledger = new WriteLedger()));
  return ledger;
}

/** The ledger's name for a conversation: ids are unique only within a connection. */
export const writeKey = (api: Api, id: string) => `${api.scope}\u0000${id}`;
