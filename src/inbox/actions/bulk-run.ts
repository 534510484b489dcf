/**
 * "Select all N matching": find every conversation of a view, then apply one change to
 * each, a few at a time, with progress, cancel, per-item results and undo (decision 0005).
 * Pure of React and of the cache: the hook in use-bulk-run.ts wires it to both.
 */
import { describeError } from '../../api/client.ts';
import type { Conversation, ConversationPatch, Page } from '../../api/model.ts';

/** Writes in flight at once: fast, yet polite to a rate-limited API (HighLevel: 100 / 10 s). */
export const bulkConcurrency = 4;
/** The largest page both APIs serve. */
export const bulkPageSize = 100;

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
}

/** Whether the patch would change the conversation: if not, it costs no request. */
export const needsChange = (c: Conversation, patch: ConversationPatch) =>
  (patch.starred !== undefined && c.starred !== patch.starred) ||
  (patch.read !== undefined && c.isUnread !== !patch.read);

/** The patch that puts a conversation back the way it was, for the fields `patch` set. */
export function undoPatch(before: Conversation, patch: ConversationPatch): ConversationPatch {
  const undo: ConversationPatch = {};
  if (patch.starred !== undefined) undo.starred = before.starred === true;
  if (patch.read !== undefined) undo.read = !before.isUnread;
  return undo;
}

/**
 * Every conversation of a view, before anything changes: paging while writing would skip
 * rows (a page-number API shifts as conversations leave the view).
 */
export async function collectMatching(
  list: (cursor: string | null, signal: AbortSignal) => Promise<Page>,
  signal: AbortSignal,
  onProgress: (found: number, total: number) => void,
): Promise<Conversation[]> {
  const found = new Map<string, Conversation>();
  let cursor: string | null = null;
  do {
    signal.throwIfAborted();
    const page: Page = await list(cursor, signal);
    for (const item of page.items) found.set(item.id, item);
    onProgress(found.size, page.total);
    cursor = page.items.length > 0 ? page.nextCursor : null;
  } while (cursor !== null);
  return [...found.values()];
}

/**
 * Sends each conversation its patch (none: already in that state, skipped),
 * `bulkConcurrency` at a time. Cancelling stops new writes; those in flight finish and
 * are counted.
 */
export async function applyEach(
  conversations: readonly Conversation[],
  patchFor: (conversation: Conversation) => ConversationPatch | null,
  write: (conversation: Conversation, patch: ConversationPatch) => Promise<unknown>,
  signal: AbortSignal,
  onProgress: (done: number, todo: number) => void,
): Promise<BulkOutcome> {
  const todo = conversations.flatMap((c) => {
    const patch = patchFor(c);
    return patch ? [{ c, patch }] : [];
  });
  const outcome: BulkOutcome = {
    succeeded: [],
    failed: [],
    skipped: conversations.length - todo.length,
    cancelled: false,
  };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < todo.length && !signal.aborted) {
      const { c, patch } = todo[next++] as (typeof todo)[number];
      try {
        await write(c, patch);
        outcome.succeeded.push(c);
      } catch (error) {
        outcome.failed.push({ conversation: c, reason: describeError(error) });
      }
      onProgress(++done, todo.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(bulkConcurrency, todo.length) }, worker));
  outcome.cancelled = signal.aborted && done < todo.length;
  return outcome;
}

/** For a run: the patch, unless the conversation is already in that state. */
export const unlessApplied =
  (patch: ConversationPatch) =>
  (c: Conversation): ConversationPatch | null =>
    needsChange(c, patch) ? patch : null;
