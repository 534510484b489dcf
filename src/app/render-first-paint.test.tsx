import { afterEach, describe, expect, it } from 'vitest';
import { connectionScope, type ParleyConfig } from '../api/connection.ts';
import searchPage from '../api/providers/fixtures/highlevel-search-real.json';
import users from '../api/providers/fixtures/highlevel-users.json';
import { firstPaintAttribute, keepsFirstPaint } from './first-paint.ts';
import { renderFirstPaint } from './render-first-paint.tsx';

const highlevel = {
  baseUrl: '/providers/highlevel',
  tenantId: 'ParleyDemoLocation01',
  token: 'demo-token',
  meId: 'u7AgentMe0000000001',
};
const config: ParleyConfig = { mode: 'embedded', providers: { highlevel } };
const scope = connectionScope({ provider: 'highlevel', ...highlevel });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** The embedded API as the server's transport reaches it: by relative URL, in process. */
function transportWith(search: () => Promise<Response>) {
  const asked: string[] = [];
  const transport = (url: string) => {
    asked.push(url);
    return url.includes('/conversations/search') ? search() : Promise.resolve(json(users));
  };
  return { transport, asked };
}

/** Parses the markup as the browser would, inside #root. */
function mount(html: string): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => document.getElementById('root')?.remove());

describe('renderFirstPaint', () => {
  it('renders the inbox with its first rows, inert and hidden from assistive technology', async () => {
    const { transport, asked } = transportWith(() => Promise.resolve(json(searchPage)));
    const html = await renderFirstPaint({
      url: '/?read=unread',
      config,
      transport,
      budgetMs: 5_000,
    });
    expect(html).not.toBeNull();
    const root = mount(html ?? '');
    const picture = root.querySelector<HTMLElement>(`[${firstPaintAttribute}]`);
    expect(picture?.dataset.scope).toBe(scope);
    expect(picture?.hasAttribute('inert')).toBe(true);
    expect(picture?.getAttribute('aria-hidden')).toBe('true');
    // The URL's filter reached the API, the token did not reach a URL.
    expect(asked.find((url) => url.includes('/conversations/search'))).toMatch(/status=unread/);
    for (const url of asked) expect(url).not.toContain('demo-token');
    const rows = [...root.querySelectorAll('[role="grid"] [role="row"][data-id]')];
    expect(rows.map((row) => row.getAttribute('data-id'))).toEqual(
      searchPage.conversations.map((c) => c.id),
    );
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(rows[0]?.textContent).toContain('Ines Moreau');
  });

  it('asks the API a shared link names, for the view the rest of the link names', async () => {
    const exante = { ...highlevel, baseUrl: '/providers/exante/api', tenantId: 'org1' };
    const both: ParleyConfig = { mode: 'embedded', providers: { highlevel, exante } };
    const asked: string[] = [];
    const transport = (url: string) => {
      asked.push(url);
      return Promise.resolve(json({ message: 'down' }, 503));
    };
    const url = '/?read=unread&provider=exante';
    expect(await renderFirstPaint({ url, config: both, transport, budgetMs: 5_000 })).toBeNull();
    const list = asked.find((u) => u.includes('/conversations?'));
    expect(list).toMatch(/\/providers\/exante\/api\/conversations\?/);
    expect(list).toMatch(/is_read=false/);
    expect(asked.some((u) => u.includes('/providers/highlevel'))).toBe(false);
  });

  it('renders API text as text', async () => {
    const hostile = structuredClone(searchPage);
    const first = hostile.conversations[0];
    if (first) first.fullName = '<img src=x onerror=alert(1)>';
    const { transport } = transportWith(() => Promise.resolve(json(hostile)));
    const html = await renderFirstPaint({ url: '/', config, transport, budgetMs: 5_000 });
    const root = mount(html ?? '');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it.each(['/settings', '/conversations/abc', '/no/such/page'])(
    'paints nothing early for %s',
    async (url) => {
      const { transport, asked } = transportWith(() => Promise.resolve(json(searchPage)));
      expect(await renderFirstPaint({ url, config, transport, budgetMs: 5_000 })).toBeNull();
      expect(asked).toEqual([]);
    },
  );

  it('paints nothing when the API fails or answers something malformed', async () => {
    for (const answer of [json({ message: 'down' }, 503), json({ conversations: 'no' })]) {
      const { transport } = transportWith(() => Promise.resolve(answer));
      expect(await renderFirstPaint({ url: '/', config, transport, budgetMs: 5_000 })).toBeNull();
    }
  });

  it('paints nothing when the API has not answered within the budget', async () => {
    const { transport } = transportWith(() => new Promise<Response>(() => {}));
    expect(await renderFirstPaint({ url: '/', config, transport, budgetMs: 20 })).toBeNull();
  });
});

describe('keepsFirstPaint', () => {
  const picture = (ofScope: string) =>
    mount(`<div ${firstPaintAttribute} data-scope="${ofScope}"><p>rows</p></div>`);

  it('keeps a picture of the connection the app will show', () => {
    const root = picture(scope);
    expect(keepsFirstPaint(root, scope)).toBe(true);
    expect(root.textContent).toBe('rows');
  });

  it('drops at once a picture of another connection', () => {
    const root = picture('exante|/providers/exante/api|org|me');
    expect(keepsFirstPaint(root, scope)).toBe(false);
    expect(root.textContent).toBe('');
  });

  it('has nothing to keep in an empty #root', () => {
    expect(keepsFirstPaint(mount(''), scope)).toBe(false);
  });
});
