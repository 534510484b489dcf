/**
 * The app's connection config, embedded in index.html as a JSON data block so the app
 * knows it synchronously and does not wait for a `/parley/config` round trip before it
 * can ask for the first rows. A `type="application/json"` script is data, never executed,
 * so the CSP's `script-src 'self'` (no inline script) still holds.
 */

/** The element id the app reads (src/api/connection.ts `readEmbeddedParleyConfig`). */
export const EMBEDDED_CONFIG_ID = 'parley-config';

/**
 * JSON that is safe inside a `<script>` element: no `<` (so no `</script>` or `<!--`),
 * no `>` or `&`, and no U+2028/U+2029. Each is written as its `\uXXXX` escape, which
 * JSON.parse reads back as the same character.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** index.html with the config block added at the end of <head> (or of the page). */
export function embedConfig(html: string, config: unknown): string {
  const block = `<script type="application/json" id="${EMBEDDED_CONFIG_ID}">${jsonForScriptElement(config)}</script>`;
  const headEnd = html.search(/<\/head>/i);
  return headEnd === -1
    ? `${html}${block}`
    : `${html.slice(0, headEnd)}${block}${html.slice(headEnd)}`;
}
