/**
 * Turns free text into an FTS5 MATCH expression: every word becomes a quoted prefix term,
 * all of which must match. Quoting means user input can never be FTS5 syntax (no column
 * filters, NEAR, or unbalanced quotes that would raise an error), and the text only ever
 * reaches SQLite as a bound parameter. Returns null when the text has no searchable word
 * (e.g. only punctuation or emoji), which matches nothing.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 16)
    .map((word) => `"${word}"*`)
    .join(' ');
}
