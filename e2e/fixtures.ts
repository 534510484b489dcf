import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export type ProviderName = 'highlevel' | 'exante';

/** The conversation list, as an agent's screen reader names it. */
export const conversationGrid = (page: Page) => page.getByRole('grid', { name: 'Conversations' });

/**
 * Scrolls the list to its end as an agent would, reading each mounted row's index and
 * id on the way; when a page fails to load, presses Retry, as the agent would.
 */
export async function scrollToEnd(
  page: Page,
): Promise<{ byIndex: Map<number, string>; mountedMax: number }> {
  const scroller = page.getByTestId('list-scroller');
  const byIndex = new Map<number, string>();
  let mountedMax = 0;
  for (let step = 0; step < 5000; step++) {
    const snapshot = await scroller.evaluate((el) => {
      const rows = [...el.querySelectorAll('[role="row"]')].map((row) => ({
        index: Number(row.getAttribute('aria-rowindex')),
        href: row.querySelector('a')?.getAttribute('href') ?? null,
        text: row.textContent ?? '',
      }));
      return { rows, atBottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 1 };
    });
    mountedMax = Math.max(mountedMax, snapshot.rows.length);
    for (const row of snapshot.rows) {
      if (row.href) byIndex.set(row.index, idFromHref(row.href));
    }
    const footer = snapshot.rows.find((row) => row.href === null);
    if (footer?.text.startsWith('End of list')) break;
    if (footer?.text.startsWith('Could not load more')) {
      await conversationGrid(page).getByRole('button', { name: 'Retry' }).click();
    }
    if (snapshot.atBottom) {
      await expect(page.getByText('Loading more conversations…')).toBeHidden({ timeout: 30_000 });
    }
    await scroller.evaluate(
      (el) =>
        new Promise<void>((resolve) => {
          el.scrollTop += el.clientHeight * 0.8;
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        }),
    );
  }
  return { byIndex, mountedMax };
}

/**
 * What the list showed is exactly what the API holds, in its order: every conversation
 * once, none missing, none repeated, and never one shown above a newer one. Conversations
 * tied on the order value may come in any order among themselves: the API's cursor cannot
 * tell them apart (decision 0012).
 */
export function expectSameInOrder(shown: string[], truth: { id: string; at: number }[]): void {
  expect(new Set(shown).size, 'a conversation was shown twice').toBe(shown.length);
  expect([...shown].sort(), 'the shown conversations differ from the API’s').toEqual(
    truth.map((item) => item.id).sort(),
  );
  const at = new Map(truth.map((item) => [item.id, item.at]));
  const outOfOrder = shown.findIndex(
    (id, i) => i > 0 && (at.get(id) as number) > (at.get(shown[i - 1] as string) as number),
  );
  expect(outOfOrder, `row ${outOfOrder} is newer than the row above it`).toBe(-1);
}

/** The conversation id in a row link's href. */
export const idFromHref = (href: string | null) =>
  decodeURIComponent(/\/conversations\/([^?]+)/.exec(href ?? '')?.[1] ?? '');

interface Options {
  provider: ProviderName;
}

interface Fixtures {
  /** Console errors matching these are expected by the test (e.g. a failed request it provoked). */
  expectConsoleErrors: (pattern: RegExp) => void;
  api: EmbeddedApi;
  /** The embedded API's fault injection; cleared after every test. */
  faults: FaultControl;
}

export const test = base.extend<Options & Fixtures>({
  provider: ['highlevel', { option: true }],

  // Every page starts connected to this project's provider, as an agent who picked it
  // in Settings would be; the Settings spec exercises the screen itself.
  page: async ({ page, provider }, use) => {
    await page.addInitScript((chosen) => {
      const key = 'parley.settings';
      if (sessionStorage.getItem(key) === null) {
        sessionStorage.setItem(
          key,
          JSON.stringify({ provider: chosen, custom: null, remember: false }),
        );
      }
    }, provider);
    await use(page);
  },

  expectConsoleErrors: [
    async ({ page }, use) => {
      const allowed: RegExp[] = [];
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`));
      await use((pattern) => allowed.push(pattern));
      const unexpected = errors.filter((text) => !allowed.some((p) => p.test(text)));
      expect(unexpected, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],

  api: async ({ request, provider }, use) => {
    await use(new EmbeddedApi(request, provider));
  },

  faults: async ({ request, provider }, use) => {
    const control = new FaultControl(request, provider);
    await use(control);
    await control.clear();
  },
});

export { expect };

/**
 * The test's own reads and writes go as the truth (server/highlevel/routes.ts, test hooks
 * only): answered in the spec's shape with an exact cursor, and not counted against the
 * location's rate limit, which is the app's to spend.
 */
const truthHeaders = (token: string) => ({
  Authorization: `Bearer ${token}`,
  Version: '2021-04-15',
  'x-parley-truth': '1',
});

/** Talks to the embedded API directly, to check what the UI shows against the source. */
export class EmbeddedApi {
  constructor(
    private readonly request: APIRequestContext,
    readonly provider: ProviderName,
  ) {}

  private async config() {
    const response = await this.request.get('/parley/config');
    const body = (await response.json()) as {
      providers: Record<
        ProviderName,
        { baseUrl: string; tenantId: string; token: string; meId: string }
      >;
    };
    return body.providers[this.provider];
  }

  /** Every id the list endpoint returns for these provider query params, in order (up to `max`). */
  async allIds(params: Record<string, string> = {}, max = Infinity): Promise<string[]> {
    return (await this.allItems(params, max)).map((item) => item.id);
  }

  /**
   * Every conversation the list endpoint returns for these params, in order (up to `max`),
   * with the value it is ordered by (HighLevel's lastMessageDate, Exante's position).
   */
  async allItems(
    params: Record<string, string> = {},
    max = Infinity,
  ): Promise<{ id: string; at: number }[]> {
    const { baseUrl, tenantId, token } = await this.config();
    const headers = truthHeaders(token);
    const ids: { id: string; at: number }[] = [];
    if (this.provider === 'highlevel') {
      let cursor: unknown[] | null = null;
      for (;;) {
        const query = new URLSearchParams({ locationId: tenantId, limit: '100', ...params });
        for (const value of cursor ?? []) query.append('startAfterDate[]', String(value));
        const res = await this.request.get(`${baseUrl}/conversations/search?${query}`, { headers });
        expect(res.ok()).toBe(true);
        const body = (await res.json()) as {
          conversations: { id: string; sort: unknown[]; lastMessageDate: number }[];
        };
        ids.push(...body.conversations.map((c) => ({ id: c.id, at: c.lastMessageDate })));
        if (body.conversations.length < 100 || ids.length >= max) return ids.slice(0, max);
        cursor = body.conversations.at(-1)?.sort ?? null;
      }
    }
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({
        organization_uid: tenantId,
        per_page: '100',
        page: String(page),
        ...params,
      });
      const res = await this.request.get(`${baseUrl}/conversations?${query}`, { headers });
      expect(res.ok()).toBe(true);
      const body = (await res.json()) as {
        data: { items: { uid: string }[]; pagination: { total_pages: number } };
      };
      // Exante pages by number: its order is exact, so the position is the order value.
      ids.push(...body.data.items.map((c, i) => ({ id: c.uid, at: -(ids.length + i) })));
      if (page >= body.data.pagination.total_pages || ids.length >= max) return ids.slice(0, max);
    }
  }

  /** The first `n` ids and the total the list endpoint reports for these params. */
  async firstPage(
    params: Record<string, string> = {},
    n = 5,
  ): Promise<{ ids: string[]; total: number }> {
    const { baseUrl, tenantId, token } = await this.config();
    const headers = truthHeaders(token);
    if (this.provider === 'highlevel') {
      const query = new URLSearchParams({ locationId: tenantId, limit: String(n), ...params });
      const res = await this.request.get(`${baseUrl}/conversations/search?${query}`, { headers });
      expect(res.ok(), await res.text()).toBe(true);
      const body = (await res.json()) as { conversations: { id: string }[]; total: number };
      return { ids: body.conversations.map((c) => c.id), total: body.total };
    }
    const query = new URLSearchParams({
      organization_uid: tenantId,
      per_page: String(n),
      ...params,
    });
    const res = await this.request.get(`${baseUrl}/conversations?${query}`, { headers });
    expect(res.ok(), await res.text()).toBe(true);
    const body = (await res.json()) as {
      data: { items: { uid: string }[]; pagination: { total: number } };
    };
    return { ids: body.data.items.map((c) => c.uid), total: body.data.pagination.total };
  }

  /** The contact (HighLevel) or party (Exante) of the newest conversation. */
  async firstContact(): Promise<string> {
    const { baseUrl, tenantId, token } = await this.config();
    const headers = truthHeaders(token);
    if (this.provider === 'highlevel') {
      const res = await this.request.get(
        `${baseUrl}/conversations/search?locationId=${tenantId}&limit=1`,
        { headers },
      );
      const body = (await res.json()) as { conversations: { contactId: string }[] };
      return body.conversations[0]?.contactId ?? '';
    }
    const res = await this.request.get(
      `${baseUrl}/conversations?organization_uid=${tenantId}&per_page=1`,
      { headers },
    );
    const body = (await res.json()) as { data: { items: { party_uid: string }[] } };
    return body.data.items[0]?.party_uid ?? '';
  }

  /** The demo agent ("me") and another agent of the directory. */
  async agents(): Promise<{ me: string; other: { id: string; name: string } }> {
    const { baseUrl, tenantId, token, meId } = await this.config();
    const headers = { Authorization: `Bearer ${token}`, Version: '2021-07-28' };
    if (this.provider === 'highlevel') {
      const res = await this.request.get(`${baseUrl}/users/?locationId=${tenantId}`, { headers });
      const body = (await res.json()) as { users: { id: string; name: string }[] };
      const other = body.users.find((u) => u.id !== meId);
      if (!other) throw new Error('the seed has one agent only');
      return { me: meId, other };
    }
    const res = await this.request.get(`${baseUrl}/organization/${tenantId}/users`, { headers });
    const body = (await res.json()) as { data: { items: { uid: string; fullname: string }[] } };
    const other = body.data.items.find((u) => u.uid !== meId);
    if (!other) throw new Error('the seed has one agent only');
    return { me: meId, other: { id: other.uid, name: other.fullname } };
  }

  /** Adds conversations (newest of all) through the test hook; `oneContact` gives them one new contact. */
  async addConversations(
    count: number,
    oneContact = false,
  ): Promise<{ ids: string[]; contact: string | null }> {
    const response = await this.request.post('/parley/test/conversations', {
      data: { provider: this.provider, count, oneContact },
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { ids: string[]; contact: string | null };
  }

  /** Marks a conversation read or unread as another agent would, through the API. */
  async setRead(id: string, read: boolean): Promise<void> {
    const { baseUrl, tenantId, token } = await this.config();
    const headers = truthHeaders(token);
    const response =
      this.provider === 'highlevel'
        ? await this.request.put(`${baseUrl}/conversations/${id}`, {
            headers,
            data: { locationId: tenantId, unreadCount: read ? 0 : 1 },
          })
        : await this.request.patch(`${baseUrl}/conversations/${id}`, {
            headers,
            data: { is_read: read },
          });
    expect(response.ok(), await response.text()).toBe(true);
  }

  /**
   * One conversation as the API holds it: its assignee, status (Exante), last message's
   * text, and the bodies of its outbound messages (the agents' replies), oldest first.
   */
  async conversation(id: string): Promise<{
    assignee: string | null;
    lifecycle: string | null;
    snippet: string;
    outbound: string[];
  }> {
    const { baseUrl, tenantId, token } = await this.config();
    const headers = truthHeaders(token);
    if (this.provider === 'highlevel') {
      const query = new URLSearchParams({ locationId: tenantId, id, limit: '1' });
      const row = await this.request.get(`${baseUrl}/conversations/search?${query}`, { headers });
      expect(row.ok(), await row.text()).toBe(true);
      const [item] = (
        (await row.json()) as {
          conversations: { assignedTo?: string; lastMessageBody?: string }[];
        }
      ).conversations;
      const thread = await this.request.get(`${baseUrl}/conversations/${id}/messages?limit=100`, {
        headers,
      });
      expect(thread.ok(), await thread.text()).toBe(true);
      const { messages } = (await thread.json()) as {
        messages: { messages: { direction: string; body?: string }[] };
      };
      return {
        assignee: item?.assignedTo ?? null,
        lifecycle: null,
        snippet: item?.lastMessageBody ?? '',
        outbound: messages.messages
          .filter((m) => m.direction === 'outbound')
          .map((m) => m.body ?? '')
          .reverse(),
      };
    }
    const res = await this.request.get(`${baseUrl}/conversations/${id}`, { headers });
    expect(res.ok(), await res.text()).toBe(true);
    const { data } = (await res.json()) as {
      data: {
        agent_uid: string | null;
        status: string;
        metadata?: { snippet?: string };
        messages?: { message_direction?: string; body_text?: string; sent_at: string }[];
      };
    };
    return {
      assignee: data.agent_uid,
      lifecycle: data.status,
      snippet: data.metadata?.snippet ?? '',
      outbound: (data.messages ?? [])
        .filter((m) => m.message_direction === 'outbound')
        .sort((a, b) => Date.parse(a.sent_at) - Date.parse(b.sent_at))
        .map((m) => m.body_text ?? ''),
    };
  }

  /**
   * A conversation a reply from the pane is filed in, and the view that lists it: on
   * HighLevel an SMS conversation whose contact has no other (a reply goes to the contact's
   * newest conversation of its channel); on Exante an active SMS conversation (a draft
   * takes no reply).
   */
  async replyable(): Promise<{ id: string; view: string }> {
    if (this.provider === 'exante') {
      const { ids } = await this.firstPage({ channel: 'sms', status: 'active' }, 1);
      if (!ids[0]) throw new Error('the seed has no active SMS conversation');
      return { id: ids[0], view: '?status=active&channel=sms' };
    }
    // Oldest first: the newest are the conversations earlier tests added, many per contact.
    const candidates = await this.allItems({ lastMessageType: 'TYPE_SMS', sort: 'asc' }, 40);
    const { baseUrl, tenantId, token } = await this.config();
    const headers = truthHeaders(token);
    for (const { id } of candidates) {
      const query = new URLSearchParams({ locationId: tenantId, id, limit: '1' });
      const res = await this.request.get(`${baseUrl}/conversations/search?${query}`, { headers });
      const contact = ((await res.json()) as { conversations: { contactId: string }[] })
        .conversations[0]?.contactId;
      if (!contact) continue;
      // The contact's own view: the row is the list's first, wherever it is in the inbox.
      if ((await this.firstPage({ contactId: contact }, 1)).total === 1) {
        return { id, view: `?contact=${encodeURIComponent(contact)}` };
      }
    }
    throw new Error('no SMS conversation among the oldest 40 has a contact of its own');
  }

  /** The starred / unread state of one conversation, straight from the API. */
  async state(id: string): Promise<{ starred: boolean | null; unread: boolean }> {
    const { baseUrl, tenantId, token } = await this.config();
    const headers = truthHeaders(token);
    if (this.provider === 'highlevel') {
      const res = await this.request.get(`${baseUrl}/conversations/${id}?locationId=${tenantId}`, {
        headers,
      });
      const body = (await res.json()) as { starred?: boolean; unreadCount: number };
      return { starred: body.starred ?? false, unread: body.unreadCount > 0 };
    }
    const res = await this.request.get(`${baseUrl}/conversations/${id}`, { headers });
    const body = (await res.json()) as { data: { is_read: boolean } };
    return { starred: null, unread: !body.data.is_read };
  }
}

export interface FaultSpec {
  match: { method?: string; path: string };
  kind:
    'latency' | '500' | '503' | '429' | '401' | 'malformed-json' | 'truncated' | 'reset' | 'hang';
  times?: number;
  latencyMs?: number;
  retryAfterSeconds?: number;
}

/** Drives `/parley/test/faults`: the faults are the server's, shared by every client. */
export class FaultControl {
  constructor(
    private readonly request: APIRequestContext,
    readonly provider: ProviderName,
  ) {}

  /** The list endpoint's path pattern (not the detail's, nor a message thread's). */
  get listPath(): string {
    return this.provider === 'highlevel' ? '/conversations/search' : '**/api/conversations';
  }

  /** How this provider writes a star or read change. */
  get writeMethod(): string {
    return this.provider === 'highlevel' ? 'PUT' : 'PATCH';
  }

  /** The path pattern of a reply (HighLevel files it by contact; Exante under the conversation). */
  get replyPath(): string {
    return this.provider === 'highlevel'
      ? '/conversations/messages'
      : '**/api/conversations/*/messages';
  }

  async set(faults: FaultSpec[]): Promise<void> {
    const response = await this.request.post('/parley/test/faults', { data: { faults } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  async clear(): Promise<void> {
    await this.request.delete('/parley/test/faults');
  }

  /** Requests a latency or hang fault is holding right now. */
  async pending(): Promise<number> {
    const response = await this.request.get('/parley/test/faults');
    return ((await response.json()) as { pending: number }).pending;
  }
}
