import type { Conversation, InboxFilters } from '../../api/model.ts';

/** Where a row sorts by a time field, or null where it cannot say (subject order is the API's). */
function timeOf(row: Conversation, field: InboxFilters['sort']['field']): number | null {
  const value =
    field === 'lastActivity' ? row.lastActivityAt : field === 'created' ? row.createdAt : null;
  if (value === null) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

/**
 * Shown rows that a poll of the view's head should have brought back but did not: another
 * agent read, assigned or closed them, so they no longer match (the head query asks with
 * the view's filters and cannot say so itself). Only rows inside the span the answer
 * covers count: a row pushed below the head by newer conversations is not missing.
 *
 * `shown` is the list in its order; `answer` the poll's rows, `size` how many it asked for.
 */
export function missingFromHead(
  shown: readonly Conversation[],
  answer: readonly Conversation[],
  size: number,
  sort: InboxFilters['sort'],
): Conversation[] {
  const inAnswer = new Set(answer.map((row) => row.id));
  const last = answer.at(-1);
  let covered: readonly Conversation[];
  if (answer.length < size || last === undefined) {
    // The answer is the whole view: whatever is shown and not in it has left.
    covered = shown;
  } else {
    const lastAt = timeOf(last, sort.field);
    if (lastAt === null) {
      // No comparable value: the answer covers the rows down to its last one, if shown.
      const end = shown.findIndex((row) => row.id === last.id);
      covered = shown.slice(0, end + 1);
    } else {
      const newer = sort.direction === 'desc' ? 1 : -1;
      covered = shown.filter((row) => {
        const at = timeOf(row, sort.field);
        return at !== null && Math.sign(at - lastAt) !== -newer;
      });
    }
  }
  return covered.filter((row) => !inAnswer.has(row.id)).slice(0, size);
}
