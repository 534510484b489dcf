import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allowConsoleErrors } from '../test/fail-on-console-error.ts';
import { withFirstPaint } from './static-files.ts';
import { startTestServer, type TestServer } from './test-support/test-server.ts';

const indexHtml = '<!doctype html><title>Parley</title><div id="root"></div>';

/**
 * A stand-in for the app's server build (src/app/render-first-paint.tsx, which has its own
 * tests): it asks the embedded API through the transport it is given, as the real one
 * does, and says what it got. A `throw` in the URL makes it fail.
 */
const renderer = `
export async function renderFirstPaint({ url, config, transport, budgetMs }) {
  if (url.includes('throw')) throw new Error('render failed');
  const { baseUrl, tenantId, token } = config.providers.highlevel;
  const response = await transport(
    baseUrl + '/conversations/search?locationId=' + tenantId + '&limit=1',
    { headers: { Authorization: 'Bearer ' + token, Version: '2021-04-15' } },
  );
  const body = await response.json();
  return '<p data-first-paint>' + response.status + ' ' + body.conversations.length +
    ' of ' + body.total + ' for ' + url + ' within ' + budgetMs + ' ms $&</p>';
}
`;

const pictureOf = (html: string) => /<div id="root">(.*)<\/div>/s.exec(html)?.[1] ?? null;

describe('the first paint', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      size: 40,
      env: { PARLEY_TEST_HOOKS: '1' },
      dist: { 'index.html': indexHtml },
      serverBuild: { 'render-first-paint.js': renderer },
    });
  });
  afterAll(() => server.close());
  afterEach(() => fetch(`${server.url}/parley/test/faults`, { method: 'DELETE' }));

  it('puts what the server build renders, from the embedded API in process, into #root', async () => {
    const page = await fetch(`${server.url}/?read=unread`);
    expect(page.status).toBe(200);
    // `$&` stays itself: the markup is never read as a replacement pattern.
    expect(pictureOf(await page.text())).toMatch(
      /^<p data-first-paint>200 1 of 40 for \/\?read=unread within \d+ ms \$&<\/p>$/,
    );
  });

  it('is left out of HEAD, and of every page while a fault is planned', async () => {
    const head = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(await head.text()).toBe('');
    const planned = await fetch(`${server.url}/parley/test/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ faults: [{ match: { path: '/providers/' }, kind: '500', times: 1 }] }),
    });
    expect(planned.status).toBeLessThan(300);
    expect(pictureOf(await (await fetch(`${server.url}/`)).text())).toBe('');
    // The fault is still there for the browser's request: the page did not use it up.
    const faults = (await (await fetch(`${server.url}/parley/test/faults`)).json()) as {
      faults: { applied: number }[];
    };
    expect(faults.faults.map((f) => f.applied)).toEqual([0]);
  });

  it('serves the page without it when the server build fails, and says why', async () => {
    allowConsoleErrors(/first paint failed/);
    const page = await fetch(`${server.url}/?q=throw`);
    expect(page.status).toBe(200);
    expect(pictureOf(await page.text())).toBe('');
  });
});

describe('without a server build', () => {
  it('serves the page as built', async () => {
    const server = await startTestServer({ size: 10, dist: { 'index.html': indexHtml } });
    try {
      expect(pictureOf(await (await fetch(`${server.url}/`)).text())).toBe('');
    } finally {
      await server.close();
    }
  });
});

describe('withFirstPaint', () => {
  it('fills the empty #root, or leaves the page alone', () => {
    expect(withFirstPaint(indexHtml, '<p>rows</p>')).toBe(
      '<!doctype html><title>Parley</title><div id="root"><p>rows</p></div>',
    );
    expect(withFirstPaint(indexHtml, null)).toBe(indexHtml);
  });
});
