// @vitest-environment jsdom
// The browser's HTML parser decides whether a value could escape the data block.
import { describe, expect, it } from 'vitest';
import { embedConfig, EMBEDDED_CONFIG_ID, jsonForScriptElement } from './embedded-config.ts';

const page = '<!doctype html><html><head><title>Parley</title></head><body></body></html>';

/** What a browser sees: the data block's text, and whether anything else got parsed. */
function parse(html: string) {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const block = document.getElementById(EMBEDDED_CONFIG_ID);
  return {
    text: block?.textContent ?? null,
    inHead: block?.parentElement?.tagName,
    scripts: document.querySelectorAll('script').length,
    injected: document.querySelectorAll('img, svg, [onerror], [onload]').length,
  };
}

describe('embedded config', () => {
  it('round-trips the config through a data block in <head>', () => {
    const config = { mode: 'embedded', providers: { highlevel: { token: 'demo-token' } } };
    const parsed = parse(embedConfig(page, config));
    expect(parsed.inHead).toBe('HEAD');
    expect(parsed.scripts).toBe(1);
    expect(JSON.parse(parsed.text ?? '')).toEqual(config);
  });

  it('a hostile value cannot close the script element or open a comment', () => {
    const hostile = [
      '</script><img src=x onerror=alert(1)>',
      '</SCRIPT ><svg onload=alert(1)>',
      '<!--<script>',
      '&lt;/script&gt; & \u2028 \u2029 > <',
    ];
    const config = { mode: 'upstream', providers: { exante: { tenantId: hostile } } };
    const json = jsonForScriptElement(config);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const parsed = parse(embedConfig(page, config));
    expect(parsed.scripts).toBe(1);
    expect(parsed.injected).toBe(0);
    expect(JSON.parse(parsed.text ?? '')).toEqual(config);
  });

  it('appends the block when the page has no </head>', () => {
    const html = embedConfig('<!doctype html><div id="root"></div>', { mode: 'embedded' });
    expect(
      html.endsWith(
        `<script type="application/json" id="${EMBEDDED_CONFIG_ID}">{"mode":"embedded"}</script>`,
      ),
    ).toBe(true);
  });
});
