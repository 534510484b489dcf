/**
 * An email body's text, for rendering as text (never as HTML). In the browser the
 * platform's parser reads it, inertly: a document made by DOMParser runs no script and
 * loads nothing. Elsewhere (Node, the first paint) tags are dropped and entities decoded.
 */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|tr|h\d)>/gi, '$&\n');
  if (typeof DOMParser !== 'undefined') {
    const doc = new DOMParser().parseFromString(withBreaks, 'text/html');
    // Code and style sheets are not text an agent reads (the Node branch drops them too).
    for (const element of doc.body.querySelectorAll('script, style')) element.remove();
    return (doc.body.textContent ?? '').trim();
  }
  return withBreaks
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
      const named: Record<string, string> = {
        amp: '&',
        lt: '<',
        gt: '>',
        quot: '"',
        apos: "'",
        nbsp: ' ',
      };
      return named[lower] ?? entity;
    })
    .trim();
}
