/**
 * The inbox's integration tier: the real page, router, Query client and HighLevel adapter,
 * with MSW answering as a small in-memory HighLevel API. Tests act as an agent does (roles
 * and names) and read the API's side through `FakeHighLevel`.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ApiProvider } from '../../api/api-context.tsx';
import { createProvider } from '../../api/providers/create-provider.ts';
import exanteList from '../../api/providers/fixtures/exante-list-page1.json';
import exanteUsers from '../../api/providers/fixtures/exante-org-users.json';
import users from '../../api/providers/fixtures/highlevel-users.json';
import type { Api } from '../../api/queries.ts';
import { Toaster } from '../../ui/toaster.tsx';
import { preloadDeferredParts } from '../deferred-parts.tsx';
import { ReadingPane } from '../detail/reading-pane.tsx';
import { InboxPage } from '../inbox-page.tsx';
import { ViewsRail } from '../views/views-rail.tsx';

const base = 'http://api.parley.test/highlevel';
const exanteBase = 'http://api.parley.test/exante';
export const meId = 'u7AgentMe0000000001';
const t0 = Date.parse('2026-11-01T12:00:00Z');

/** A HighLevel search row as the API sends it. */
export interface WireRow {
  id: string;
  fullName: string;
  unreadCount: number;
  starred: boolean;
  assignedTo: string | null;
  lastMessageDate: number;
  /** Default: `contact-<id>`, one contact per conversation. */
  contactId?: string;
  /** Default: `Hello from <name>`, from the customer. */
  lastMessageBody?: string;
  lastMessageDirection?: 'inbound' | 'outbound';
}

/** A thread message as the API lists it. */
export interface WireMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  body: string;
  dateAdded: string;
}

/** `n` rows, newest first: `Contact 1` … `Contact n`, unread where `unread(i)`. */
export function rows(n: number, unread: (i: number) => boolean = () => false): WireRow[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return {
      id: `conv${String(i).padStart(3, '0')}`,
      fullName: `Contact ${i}`,
      unreadCount: unread(i) ? 1 : 0,
      starred: false,
      assignedTo: null,
      lastMessageDate: t0 - i * 60_000,
    };
  });
}

const contactOf = (row: WireRow) => row.contactId ?? `contact-${row.id}`;

const toWire = (row: WireRow, position: number) => ({
  id: row.id,
  contactId: contactOf(row),
  locationId: 'Loc1',
  lastMessageBody: row.lastMessageBody ?? `Hello from ${row.fullName}`,
  lastMessageDirection: row.lastMessageDirection ?? 'inbound',
  lastMessageType: 'TYPE_SMS',
  type: 'TYPE_PHONE',
  unreadCount: row.unreadCount,
  fullName: row.fullName,
  contactName: null,
  email: null,
  phone: null,
  starred: row.starred,
  assignedTo: row.assignedTo,
  tags: [],
  lastMessageDate: row.lastMessageDate,
  dateAdded: row.lastMessageDate,
  dateUpdated: row.lastMessageDate,
  sort: [row.lastMessageDate, position],
});

type Gate = 'search' | 'put' | 'send' | 'contact';

/** How the next sends fail: an HTTP status, or a connection that drops (after delivering, or not). */
export type SendFault = 500 | 403 | 422 | 'lost' | 'lost-after-delivery';

/** The API's side: its rows, the writes it received, and requests held on purpose. */
export class FakeHighLevel {
  rows: WireRow[] = [];
  /** The text of each search that had one (`query`), in the order they arrived. */
  readonly searches: string[] = [];
  /** Each PUT's conversation id and body, in the order they arrived. */
  readonly puts: { id: string; body: { starred?: boolean; unreadCount?: number } }[] = [];
  /** PUTs answer 500 (the change is not made). */
  failWrites = false;
  /** Each reply's body as it arrived (delivered or not). */
  readonly sends: { contactId: string; type: string; message: string; subject?: string }[] = [];
  /** Each contact assignment as it arrived. */
  readonly contactPuts: { contactId: string; assignedTo: string | null }[] = [];
  /** Threads by conversation id, oldest first; a conversation without one has one message. */
  readonly threads = new Map<string, WireMessage[]>();
  /** The next sends fail so, one each, in order. */
  sendFaults: SendFault[] = [];
  /** Contact PUTs answer 500 (the change is not made). */
  failAssign = false;
  /** Each next page starts this many rows before where the last one ended, as a
   * page-number API does when rows arrive between two requests. */
  overlap = 0;
  private held = new Map<Gate, Promise<void>>();

  /** Requests of this kind wait until the returned function is called. */
  hold(gate: Gate): () => void {
    let release: () => void = () => undefined;
    this.held.set(gate, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(gate);
      release();
    };
  }

  private wait(gate: Gate) {
    return this.held.get(gate);
  }

  /** A conversation's thread, oldest first. */
  thread(id: string): WireMessage[] {
    let thread = this.threads.get(id);
    if (!thread) {
      const row = this.rows.find((r) => r.id === id);
      thread = [
        {
          id: `msg-${id}-1`,
          direction: 'inbound',
          body: row ? `Hello from ${row.fullName}` : 'Hello',
          dateAdded: new Date(row?.lastMessageDate ?? t0).toISOString(),
        },
      ];
      this.threads.set(id, thread);
    }
    return thread;
  }

  readonly handlers = [
    http.get(`${base}/users/`, () => HttpResponse.json(users)),
    http.get(`${base}/conversations/search`, async ({ request }) => {
      const query = new URL(request.url).searchParams;
      // The state as of the request, answered whenever the gate opens.
      const snapshot = this.rows.map((row) => ({ ...row }));
      await this.wait('search');
      const status = query.get('status') ?? 'all';
      const assignees = query.get('assignedTo')?.split(',') ?? null;
      const direction = query.get('lastMessageDirection');
      const text = query.get('query');
      if (text !== null) this.searches.push(text);
      const matching = snapshot.filter(
        (row) =>
          (text === null || row.fullName.includes(text)) &&
          (status !== 'unread' || row.unreadCount > 0) &&
          (status !== 'read' || row.unreadCount === 0) &&
          (status !== 'starred' || row.starred) &&
          (query.get('id') === null || row.id === query.get('id')) &&
          (query.get('contactId') === null || contactOf(row) === query.get('contactId')) &&
          (direction === null || (row.lastMessageDirection ?? 'inbound') === direction) &&
          (assignees === null ||
            assignees.some((a) =>
              a === 'unassigned' ? row.assignedTo === null : row.assignedTo === a,
            )),
      );
      if (query.get('sort') === 'asc') matching.reverse();
      const after = query.getAll('startAfterDate[]');
      const start = after.length > 0 ? Number(after[1]) + 1 - this.overlap : 0;
      const limit = Number(query.get('limit') ?? 50);
      return HttpResponse.json({
        conversations: matching.slice(start, start + limit).map((row, i) => toWire(row, start + i)),
        total: matching.length,
      });
    }),
    http.put(`${base}/conversations/:id`, async ({ request, params }) => {
      const id = String(params.id);
      const body = (await request.json()) as FakeHighLevel['puts'][number]['body'];
      this.puts.push({ id, body });
      await this.wait('put');
      const row = this.rows.find((r) => r.id === id);
      if (!row || this.failWrites) {
        return HttpResponse.json({ statusCode: 500, message: 'Internal error' }, { status: 500 });
      }
      if (body.starred !== undefined) row.starred = body.starred;
      if (body.unreadCount !== undefined) row.unreadCount = body.unreadCount;
      return HttpResponse.json({ success: true, conversation: toWire(row, 0) });
    }),
    http.get(`${base}/conversations/:id`, ({ params }) => {
      const row = this.rows.find((r) => r.id === String(params.id));
      if (!row) return HttpResponse.json({ message: 'Conversation not found' }, { status: 404 });
      return HttpResponse.json(toWire(row, 0));
    }),
    http.get(`${base}/conversations/:id/messages`, ({ params }) => {
      const thread = this.thread(String(params.id));
      return HttpResponse.json({
        messages: {
          lastMessageId: null,
          nextPage: false,
          messages: [...thread].reverse().map((m) => ({ ...m, type: 2, messageType: 'TYPE_SMS' })),
        },
      });
    }),
    http.post(`${base}/conversations/messages`, async ({ request }) => {
      const body = (await request.json()) as FakeHighLevel['sends'][number];
      this.sends.push(body);
      await this.wait('send');
      const fault = this.sendFaults.shift();
      if (typeof fault === 'number') {
        return HttpResponse.json(
          { statusCode: fault, message: `refused (${fault})` },
          { status: fault },
        );
      }
      if (fault === 'lost') return HttpResponse.error();
      const row = this.rows.find((r) => contactOf(r) === body.contactId);
      if (!row) return HttpResponse.json({ message: 'Contact not found' }, { status: 422 });
      const message: WireMessage = {
        id: `sent-${this.sends.length}`,
        direction: 'outbound',
        body: body.message,
        dateAdded: new Date().toISOString(),
      };
      this.thread(row.id).push(message);
      Object.assign(row, {
        lastMessageBody: body.message,
        lastMessageDirection: 'outbound',
        lastMessageDate: Date.now(),
        unreadCount: 0,
      });
      if (fault === 'lost-after-delivery') return HttpResponse.error();
      return HttpResponse.json({ conversationId: row.id, messageId: message.id, traceId: 't' });
    }),
    http.put(`${base}/contacts/:id`, async ({ request, params }) => {
      const contactId = String(params.id);
      const body = (await request.json()) as { assignedTo: string | null };
      this.contactPuts.push({ contactId, assignedTo: body.assignedTo });
      await this.wait('contact');
      if (this.failAssign) {
        return HttpResponse.json({ statusCode: 500, message: 'Internal error' }, { status: 500 });
      }
      for (const row of this.rows) {
        if (contactOf(row) === contactId) row.assignedTo = body.assignedTo;
      }
      return HttpResponse.json({
        succeded: true,
        contact: {
          id: contactId,
          ...(body.assignedTo === null ? {} : { assignedTo: body.assignedTo }),
        },
      });
    }),
  ];
}

const [exanteTemplate] = exanteList.data.items;

/**
 * An Exante API whose list answers fixed pages (names of contacts, page by page), as
 * page-number paging does over a view that changes between two requests.
 */
export class FakeExante {
  pages: string[][] = [];
  /** Each PATCH's conversation uid and body, in order. */
  readonly patches: { uid: string; body: Record<string, unknown> }[] = [];
  /** Status by contact name (default active). */
  readonly statuses = new Map<string, string>();
  readonly handlers = [
    http.get(`${exanteBase}/organization/:org/users`, () => HttpResponse.json(exanteUsers)),
    http.get(`${exanteBase}/conversations`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const page = Number(query.get('page') ?? 1);
      const names = this.pages[page - 1] ?? [];
      const total = new Set(this.pages.flat()).size;
      return HttpResponse.json({
        status: 'success',
        data: {
          items: names.slice(0, Number(query.get('per_page'))).map((name) => this.item(name)),
          pagination: { page, per_page: 50, total, total_pages: this.pages.length },
        },
      });
    }),
    http.patch(`${exanteBase}/conversations/:uid`, async ({ request, params }) => {
      const uid = String(params.uid);
      const body = (await request.json()) as Record<string, unknown>;
      this.patches.push({ uid, body });
      const name = this.pages.flat().find((n) => uidOf(n) === uid);
      if (name === undefined) {
        return HttpResponse.json({ status: 'error', message: 'Not found' }, { status: 404 });
      }
      if (typeof body['status'] === 'string') this.statuses.set(name, body['status']);
      return HttpResponse.json({ status: 'success', data: this.item(name) });
    }),
  ];

  private item(name: string) {
    return {
      ...exanteTemplate,
      uid: uidOf(name),
      status: this.statuses.get(name) ?? 'active',
      metadata: { ...exanteTemplate?.metadata, from_name: name },
    };
  }
}

const uidOf = (name: string) => `uid-${name.replace(/\W/g, '')}`;

/** Starts MSW over a fresh fake of each API for each test of the file. */
export function fakeApis(): { highlevel: () => FakeHighLevel; exante: () => FakeExante } {
  const server = setupServer();
  let highlevel = new FakeHighLevel();
  let exante = new FakeExante();
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    // The selection toolbar's code is there before the first click, as in the app once a
    // view has rows: a part suspending inside a click is not what these tests are about.
    preloadDeferredParts();
    await import('../deferred-parts-chunk.ts');
  });
  beforeEach(() => {
    highlevel = new FakeHighLevel();
    exante = new FakeExante();
    server.use(...highlevel.handlers, ...exante.handlers);
    viewport.height = 700;
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return { highlevel: () => highlevel, exante: () => exante };
}

/** The list's height in jsdom, which lays nothing out: how many rows the window shows. */
export const viewport = { height: 700 };

// What jsdom lacks and the inbox reads: media queries, the scroller's size, CSS.escape.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }) as unknown as MediaQueryList;
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.dataset.testid === 'list-scroller' ? viewport.height : 0;
  },
});
globalThis.CSS ??= { escape: (text: string) => text.replace(/["\\]/g, '\\$&') } as typeof CSS;
// jsdom has <dialog> without its methods: open and close it as a browser would, minus the
// top layer.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open');
  this.dispatchEvent(new Event('close'));
};

/** Renders the inbox at `url` (`/?read=unread`) with a fresh Query client. */
export function renderInbox(url = '/', provider: 'highlevel' | 'exante' = 'highlevel') {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const api: Api = {
    provider: createProvider({
      provider,
      baseUrl: provider === 'highlevel' ? base : exanteBase,
      tenantId: 'Loc1',
      token: 'test-token',
      meId,
    }),
    scope: 'test',
    meId,
  };
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <ApiProvider api={api}>
          <Routes>
            <Route
              element={
                <>
                  <ViewsRail />
                  <Outlet />
                </>
              }
            >
              <Route path="/" element={<InboxPage />}>
                <Route path="conversations/:conversationId" element={<ReadingPane />} />
              </Route>
            </Route>
          </Routes>
          <Toaster />
        </ApiProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { user, queryClient };
}

/** The conversation grid. */
export const grid = () => screen.getByRole('grid', { name: 'Conversations' });

/** A conversation's row, found by its contact's name. */
export const rowOf = (name: string) =>
  within(grid())
    .getAllByRole('row')
    .find((row) =>
      // jsdom joins the hidden " (unread)" without its space.
      within(row).queryByRole('link', { name: new RegExp(`^${name}( ?\\(unread\\))?$`) }),
    );

/** The contact names of the rows on screen, in order. */
export const shownNames = () =>
  within(grid())
    .queryAllByRole('link')
    .map((link) => link.textContent.replace(' (unread)', ''));

/** Waits for the first rows. */
export const rowsShown = () => screen.findAllByRole('link', { name: /^Contact / });
