/**
 * "Select all N matching": find every conversation of a view, then apply one change to
 * each, a few at a time, with progress, cancel, per-item results and undo (decision 0005).
 * Pure of React and of the cache: the hook in use-bulk-run.ts wires it to both, and loads
 * it with the deferred parts (src/inbox/deferred-parts-chunk.ts) when a run starts.
 */
import { describeError } from '../../api/client.ts';
import type { Conversation, ConversationPatch, Lifecycle, Page } from '../../api/model.ts';
import { needsChange } from './patches.ts';

/** Writes in flight at once: fast, yet polite to a rate-limited API (HighLevel: 100 / 10 s). */
export const bulkConcurrency = 4;
/** The largest page both APIs serve. */
const bulkPageSize = 100;

export interface BulkFailure {
  conversation: Conversation;
  reason: string;
}

export interface BulkOutcome {
  /** As they were before the change: what undo restores. */
  succeeded: Conversation[];
  failed: BulkFailure[];
  /** Already in the asked-for state: nothing sent. */
  skipped: number;
  cancelled: boolean;
  /** Writes sent: fewer than the conversations changed where a group shares one. */
  writes: number;
}

/**
 * Every conversation of a view, before anything changes: paging while writing would skip
 * rows (a page-number API shifts as conversations leave the view).
 */
export async function collectMatching(
  list: (cursor: string | null, signal: AbortSignal, limit: number) => Promise<Page>,
  signal: AbortSignal,
  onProgress: (found: number, total: number) => void,
): Promise<Conversation[]> {
  const found = new Map<string, Conversation>();
  let cursor: string | null = null;
  do {
    signal.throwIfAborted();
    const page: Page = await list(cursor, signal, bulkPageSize);
    for (const item of page.items) found.set(item.id, item);
    onProgress(found.size, page.total);
    cursor = page.items.length > 0 ? page.nextCursor : null;
  } while (cursor !== null);
  return [...found.values()];
}

/**
 * Sends each conversation its patch (none: already in that state, skipped),
 * `bulkConcurrency` at a time. Cancelling stops new writes; those in flight finish and
 * are counted. Conversations of one group (`groupOf`: on HighLevel, a contact, whose
 * assignee all of its conversations share) take one write, the first member's, and share
 * its result.
 */
export async function applyEach(
  conversations: readonly Conversation[],
  patchFor: (conversation: Conversation) => ConversationPatch | null,
  write: (conversation: Conversation, patch: ConversationPatch) => Promise<unknown>,
  signal: AbortSignal,
  onProgress: (done: number, todo: number) => void,
  groupOf: (conversation: Conversation) => string | null = () => null,
): Promise<BulkOutcome> {
  const todo: { c: Conversation; patch: ConversationPatch; members: Conversation[] }[] = [];
  const groups = new Map<string, Conversation[]>();
  let skipped = 0;
  for (const c of conversations) {
    const patch = patchFor(c);
    if (!patch) {
      skipped += 1;
      continue;
    }
    const group = groupOf(c);
    const members = group === null ? undefined : groups.get(group);
    if (members) {
      members.push(c);
      continue;
    }
    const item = { c, patch, members: [c] };
    if (group !== null) groups.set(group, item.members);
    todo.push(item);
  }
  const outcome: BulkOutcome = { succeeded: [], failed: [], skipped, cancelled: false, writes: 0 };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < todo.length && !signal.aborted) {
      const { c, patch, members } = todo[next++] as (typeof todo)[number];
      outcome.writes += 1;
      try {
        await write(c, patch);
        outcome.succeeded.push(...members);
      } catch (error) {
        const reason = describeError(error);
        for (const conversation of members) outcome.failed.push({ conversation, reason });
      }
      onProgress(++done, todo.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(bulkConcurrency, todo.length) }, worker));
  outcome.cancelled = signal.aborted && done < todo.length;
  return outcome;
}

/**
 * The patch that puts a conversation back the way it was, for the fields `patch` set; null
 * when nothing can be put back (a status no agent may set, such as Exante's draft).
 */
export function undoPatch(
  before: Conversation,
  patch: ConversationPatch,
  writable: readonly Lifecycle[] = [],
): ConversationPatch | null {
  const undo: ConversationPatch = {};
  if (patch.starred !== undefined) undo.starred = before.starred === true;
  if (patch.read !== undefined) undo.read = !before.isUnread;
  if (patch.assignee !== undefined) undo.assignee = before.assigneeId;
  if (patch.lifecycle !== undefined && before.lifecycle !== null) {
    if (writable.includes(before.lifecycle)) undo.lifecycle = before.lifecycle;
  }
  return Object.keys(undo).length > 0 ? undo : null;
}

/** For a run: the patch, unless the conversation is already in that state. */
export const unlessApplied =
  (patch: ConversationPatch) =>
  (c: Conversation): ConversationPatch | null =>
    needsChange(c, patch) ? patch : null;
