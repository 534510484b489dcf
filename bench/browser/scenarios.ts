import type { Browser, CDPSession, Locator, Page } from '@playwright/test';
import { appApi, onePass, viewTotal, type AppApi } from './app-api.ts';
import {
  domCountsInPage,
  flingInPage,
  installProbe,
  statusShownInPage,
  type FlingResult,
  type Probe,
} from './probe.ts';
import {
  recordRequests,
  type RequestKind,
  type RequestLog,
  type RequestRecord,
} from './requests.ts';
import { defaultFilters, type InboxFilters } from '../../src/api/model.ts';
import { headSize } from '../../src/inbox/cache/head-query.ts';
import { overscan, rowHeight } from '../../src/inbox/list/list-geometry.ts';

/**
 * The scenarios of docs/performance.md, driven through Playwright and the DevTools protocol.
 * Each opens its own browser context (a cold cache, like a fresh tab) and returns plain
 * numbers; run.ts decides the order and report.ts the verdicts.
 */

export type Variant = 'A' | 'B' | 'E' | 'null';

export const VIEWPORT = { width: 1280, height: 900 };
export const PAGE_SIZE = 50;

const PROVIDER = 'highlevel' as const;
const LIST_TIMEOUT = 60_000;

export interface Target {
  /** The app's server (A) and the variants' server (B, E, null) over the same database. */
  appUrl: string;
  variantsUrl: string;
  cpu: number;
}

export interface Session {
  page: Page;
  cdp: CDPSession;
  requests: RequestLog;
  close: () => Promise<void>;
}

/** A fresh context and page with the probe installed and the CPU throttled. */
export async function openSession(browser: Browser, cpu: number): Promise<Session> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  // tsx compiles functions with esbuild's keepNames, which calls a `__name` helper that
  // exists only in Node: give serialized functions a no-op one.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(installProbe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  const requests = recordRequests(page, PROVIDER);
  return { page, cdp, requests, close: () => context.close() };
}

const probe = <K extends keyof Probe>(page: Page, key: K) =>
  page.evaluate((k) => window.__bench[k], key) as Promise<Probe[K]>;

/** Waits for rows the agent can act on; returns when rows were first seen, and those. */
async function waitForFirstRow(page: Page): Promise<{ firstRowsMs: number; liveRowsMs: number }> {
  await page.waitForFunction(() => window.__bench.liveRowAt !== null, null, {
    timeout: LIST_TIMEOUT,
    polling: 50,
  });
  return {
    firstRowsMs: (await probe(page, 'firstRowAt')) as number,
    liveRowsMs: (await probe(page, 'liveRowAt')) as number,
  };
}

/** Waits until no API request has been in flight for `quietMs` (cheaper than networkidle). */
export async function settle(session: Session, quietMs = 150): Promise<void> {
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (session.requests.inFlight() > 0) quietSince = Date.now();
  }
}

/** Clicks a control and returns the time from the list's response to the new rows' frame. */
async function changeFilter(session: Session, click: () => Promise<void>) {
  const { page } = session;
  await page.evaluate(() => window.__bench.armChange());
  const listBefore = session.requests.byKind.list.length;
  await click();
  await page.waitForFunction(() => window.__bench.changedAt !== null, null, {
    timeout: LIST_TIMEOUT,
    polling: 20,
  });
  await settle(session);
  const timing = await page.evaluate(() => {
    const { changedAt, armedAt, inputs } = window.__bench;
    const lists = performance
      .getEntriesByType('resource')
      .filter(
        (e): e is PerformanceResourceTiming =>
          e.startTime >= (armedAt ?? 0) &&
          /\/conversations\/search\?/.test(e.name) &&
          !/[?&]limit=1(&|$)/.test(e.name),
      );
    const click = inputs.filter((i) => i.type === 'click').at(-1);
    return {
      changedAt: changedAt ?? Number.NaN,
      responseEnd: lists[0]?.responseEnd ?? null,
      clickAt: click?.at ?? Number.NaN,
    };
  });
  return {
    // A cached filter has no response: its rows come from memory.
    responseToPaintMs: timing.responseEnd === null ? null : timing.changedAt - timing.responseEnd,
    clickToPaintMs: timing.changedAt - timing.clickAt,
    listRequests: session.requests.byKind.list.length - listBefore,
  };
}

/** The filter controls: the app's views rail, the variants' two buttons. */
function filterControl(page: Page, variant: Variant, name: 'All' | 'Unread') {
  return variant === 'A'
    ? page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('link', { name: new RegExp(`^${name}`) })
    : page.getByRole('button', { name, exact: true });
}

export interface BlockResult {
  /** Navigation → the first frame with a data row (A: the server's first paint). */
  firstRowsMs: number;
  /** Navigation → the first frame with a data row the agent can act on (the app's own). */
  liveRowsMs: number;
  rowsAtOpen: number;
  elementsAtOpen: number;
  rowBound: number;
  listRequestsOnOpen: number;
  rowRequests: number;
  filter?: { responseToPaintMs: number | null; clickToPaintMs: number; listRequests: number };
  cachedFilter?: { clickToPaintMs: number; listRequests: number };
  fling?: FlingSummary;
}

export interface FlingSummary {
  speed: number;
  frameP50: number;
  frameP95: number;
  blankPct: number;
  blockingMs: number;
  maxRows: number;
  maxElements: number;
  frames: number;
}

export function summarizeFling(speed: number, fling: FlingResult): FlingSummary {
  const sorted = [...fling.frames].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    speed,
    frameP50: at(0.5) ?? Number.NaN,
    frameP95: at(0.95) ?? Number.NaN,
    blankPct: (100 * fling.blankFrames) / Math.max(1, fling.frames.length),
    blockingMs: fling.blockingMs,
    maxRows: fling.maxRows,
    maxElements: fling.maxElements,
    frames: fling.frames.length,
  };
}

async function rowBound(page: Page): Promise<number> {
  const height = await page.evaluate(() => {
    const grid = document.querySelector('[role="grid"]');
    const scroller = [...(grid?.querySelectorAll('[role="rowgroup"]') ?? [])].at(-1);
    return scroller?.clientHeight ?? 0;
  });
  // Visible rows (a partial one at each edge), overscan both sides, header and footer.
  return Math.ceil(height / rowHeight) + 1 + 2 * overscan + 2;
}

function urlFor(target: Target, variant: Variant, query = '?read=unread'): string {
  switch (variant) {
    case 'A':
      return `${target.appUrl}/${query}`;
    case 'B':
      return `${target.variantsUrl}/${query}&variant=b`;
    case 'E':
      return `${target.variantsUrl}/${query}&variant=e`;
    case 'null':
      return `${target.variantsUrl}/null.html`;
  }
}

/**
 * One block item: S1 (cold open of the unread view), then for A and B S4's filter change
 * (to All: new; back to Unread: cached) and S2's fling at 4,000 px/s on the Unread view.
 */
export async function runBlockItem(
  browser: Browser,
  target: Target,
  variant: Variant,
  flingMs: number,
): Promise<BlockResult> {
  const session = await openSession(browser, target.cpu);
  const { page } = session;
  try {
    await page.goto(urlFor(target, variant), { waitUntil: 'commit' });
    const { firstRowsMs, liveRowsMs } = await waitForFirstRow(page);
    await settle(session);
    const open = await page.evaluate(domCountsInPage);
    const result: BlockResult = {
      firstRowsMs,
      liveRowsMs,
      rowsAtOpen: open.rows,
      elementsAtOpen: open.elements,
      rowBound: await rowBound(page),
      listRequestsOnOpen: session.requests.byKind.list.length,
      rowRequests: 0,
    };
    if (variant === 'A' || variant === 'B') {
      result.filter = await changeFilter(session, () =>
        filterControl(page, variant, 'All').click(),
      );
      const cached = await changeFilter(session, () =>
        filterControl(page, variant, 'Unread').click(),
      );
      result.cachedFilter = {
        clickToPaintMs: cached.clickToPaintMs,
        listRequests: cached.listRequests,
      };
      // The fling runs on the (cached) Unread view: long enough at every N, and already open.
      result.fling = summarizeFling(
        4000,
        await page.evaluate(flingInPage, {
          speed: 4000,
          durationMs: flingMs,
        }),
      );
    }
    result.rowRequests = session.requests.byKind.row.length;
    return result;
  } finally {
    await session.close();
  }
}

/** S1 with the API 150 ms slower: the server's fault injection holds every API answer. */
export async function runSlowOpen(browser: Browser, target: Target): Promise<number> {
  await setLatency(target.appUrl, 150);
  const session = await openSession(browser, target.cpu);
  try {
    await session.page.goto(urlFor(target, 'A'), { waitUntil: 'commit' });
    return (await waitForFirstRow(session.page)).firstRowsMs;
  } finally {
    await session.close();
    await setLatency(target.appUrl, 0);
  }
}

async function setLatency(baseUrl: string, ms: number): Promise<void> {
  const response =
    ms === 0
      ? await fetch(`${baseUrl}/parley/test/faults`, { method: 'DELETE' })
      : await fetch(`${baseUrl}/parley/test/faults`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            faults: [{ match: { path: '/providers/' }, kind: 'latency', latencyMs: ms }],
          }),
        });
  if (!response.ok) throw new Error(`fault injection: ${response.status} ${await response.text()}`);
}

async function openApp(browser: Browser, target: Target, query = ''): Promise<Session> {
  const session = await openSession(browser, target.cpu);
  await session.page.goto(`${target.appUrl}/${query}`, { waitUntil: 'commit' });
  await waitForFirstRow(session.page);
  await settle(session);
  return session;
}

/** S2 at one speed, from the top of the default view. */
export async function runFling(
  browser: Browser,
  target: Target,
  speed: number,
  flingMs: number,
): Promise<FlingSummary> {
  const session = await openApp(browser, target);
  try {
    return summarizeFling(
      speed,
      await session.page.evaluate(flingInPage, { speed, durationMs: flingMs }),
    );
  } finally {
    await session.close();
  }
}

export interface InfiniteLoadResult {
  pages: number;
  listRequests: number;
  /** Distinct list URLs: a repeated one would be the same page fetched twice. */
  distinctListRequests: number;
  rowsSeen: number;
  duplicates: number;
  /** Rows the API has in this order that the list did not show (or showed out of order). */
  mismatches: number;
  maxRows: number;
  maxElements: number;
  totalMs: number;
}

/**
 * S3: scroll through `pages` cursor pages, reading every row on the way (by its
 * aria-rowindex and link), then compare with the API's own order.
 */
export async function runInfiniteLoad(
  browser: Browser,
  target: Target,
  pages: number,
): Promise<InfiniteLoadResult> {
  const expectedIds = await apiIds(target.appUrl, pages * PAGE_SIZE);
  const session = await openApp(browser, target);
  const { page } = session;
  try {
    const started = Date.now();
    const seen = new Map<number, string[]>();
    let maxRows = 0;
    let maxElements = 0;
    const want = Math.min(pages * PAGE_SIZE, expectedIds.length);
    for (let step = 0; step < 10_000 && seen.size < want; step++) {
      const snapshot = await page.evaluate(() => {
        const rows = [...document.querySelectorAll('[role="grid"] [role="row"]')].map((row) => ({
          index: Number(row.getAttribute('aria-rowindex')),
          href: row.querySelector('a')?.getAttribute('href') ?? null,
        }));
        const scroller = [
          ...(document.querySelector('[role="grid"]')?.querySelectorAll('[role="rowgroup"]') ?? []),
        ].at(-1) as HTMLElement;
        scroller.scrollTop += scroller.clientHeight * 0.8;
        return { rows, elements: document.getElementsByTagName('*').length };
      });
      maxRows = Math.max(maxRows, snapshot.rows.length);
      maxElements = Math.max(maxElements, snapshot.elements);
      for (const { index, href } of snapshot.rows) {
        if (href === null || index < 2) continue;
        const id = decodeURIComponent(/\/conversations\/([^?]+)/.exec(href)?.[1] ?? '');
        const ids = seen.get(index) ?? [];
        if (!ids.includes(id)) ids.push(id);
        seen.set(index, ids);
      }
      // Let the frame render, and a page that is loading arrive.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      if (session.requests.inFlight() > 0) await settle(session, 50);
    }
    await settle(session);
    // Rows of the prefetched page 21 may have shown up too: compare the first 20 pages.
    const shown = [...seen.entries()]
      .filter(([index]) => index <= want + 1)
      .sort(([a], [b]) => a - b);
    const shownIds = shown.map(([, ids]) => ids[0] ?? '');
    return {
      pages,
      listRequests: session.requests.byKind.list.length,
      distinctListRequests: new Set(session.requests.byKind.list).size,
      rowsSeen: shown.length,
      // An index that showed two ids, or an id shown at two indices.
      duplicates:
        shown.filter(([, ids]) => ids.length > 1).length +
        (shownIds.length - new Set(shownIds).size),
      mismatches:
        expectedIds.slice(0, want).filter((id, i) => shownIds[i] !== id).length +
        Math.max(0, shownIds.length - want),
      maxRows,
      maxElements,
      totalMs: Date.now() - started,
    };
  } finally {
    await session.close();
  }
}

/** The first `count` ids of the default view, straight from the embedded HighLevel API. */
async function apiIds(baseUrl: string, count: number): Promise<string[]> {
  const config = (await (await fetch(`${baseUrl}/parley/config`)).json()) as {
    providers: { highlevel: { baseUrl: string; tenantId: string; token: string } };
  };
  const { baseUrl: api, tenantId, token } = config.providers.highlevel;
  const ids: string[] = [];
  let cursor: unknown[] = [];
  while (ids.length < count) {
    const query = new URLSearchParams({ locationId: tenantId, limit: '100' });
    for (const value of cursor) query.append('startAfterDate[]', String(value));
    const response = await fetch(`${baseUrl}${api}/conversations/search?${query}`, {
      headers: { Authorization: `Bearer ${token}`, Version: '2021-04-15' },
    });
    const body = (await response.json()) as { conversations: { id: string; sort: unknown[] }[] };
    ids.push(...body.conversations.map((c) => c.id));
    if (body.conversations.length < 100) break;
    cursor = body.conversations.at(-1)?.sort ?? [];
  }
  return ids.slice(0, count);
}

export interface SearchAndHistoryResult {
  /** Each keystroke → the next presented frame, ms. */
  keyLatenciesMs: number[];
  searchListRequests: number;
  /** Back from a view to the search (cached): history.back() → its rows' frame. */
  backToPaintMs: number;
  backListRequests: number;
}

/** S4's other two: typing a search, then back and forward through the views. */
export async function runSearchAndHistory(
  browser: Browser,
  target: Target,
): Promise<SearchAndHistoryResult> {
  const session = await openApp(browser, target);
  const { page } = session;
  try {
    const before = session.requests.byKind.list.length;
    await page.evaluate(() => window.__bench.armChange());
    await page
      .getByRole('searchbox', { name: 'Search conversations' })
      .pressSequentially('refund', {
        delay: 80,
      });
    await page.waitForFunction(() => window.__bench.changedAt !== null, null, {
      timeout: LIST_TIMEOUT,
    });
    await settle(session);
    const keyLatenciesMs = (await probe(page, 'inputs'))
      .filter((i) => i.type === 'keydown')
      .map((i) => i.latency);
    const searchListRequests = session.requests.byKind.list.length - before;

    // Back/forward: open the Unread view (a history entry), then go back to the search.
    await changeFilter(session, () => filterControl(page, 'A', 'Unread').click());
    const beforeBack = session.requests.byKind.list.length;
    await page.evaluate(() => window.__bench.armChange());
    const backAt = await page.evaluate(() => {
      history.back();
      return performance.now();
    });
    await page.waitForFunction(() => window.__bench.changedAt !== null, null, {
      timeout: LIST_TIMEOUT,
    });
    await settle(session);
    const changedAt = (await probe(page, 'changedAt')) ?? Number.NaN;
    return {
      keyLatenciesMs,
      searchListRequests,
      backToPaintMs: changedAt - backAt,
      backListRequests: session.requests.byKind.list.length - beforeBack,
    };
  } finally {
    await session.close();
  }
}

export type TriageResult =
  | { available: false; reason: string }
  | {
      available: true;
      /** j/k keydown → next frame by the rAF + message probe (overstates bursts), ms. */
      moveLatenciesMs: number[];
      /**
       * j/k keydown → next paint by Event Timing, ms. Keys without an entry took under the
       * 16 ms threshold and count as 16: an upper bound.
       */
      moveNextPaintMs: number[];
      actionLatenciesMs: Record<'x' | 's' | 'Shift+I', number>;
      finalRowIndex: number;
      rowRequests: number;
    };

/**
 * Each key's keydown → next paint by Event Timing. A key without an entry took under the
 * 16 ms threshold and counts as 16: an upper bound.
 */
function keyNextPaintMs(presses: Probe['inputs'], events: Probe['events']): number[] {
  return presses.map(
    (i) =>
      events.find((e) => e.name === 'keydown' && Math.abs(e.start - i.at) < 0.5)?.duration ?? 16,
  );
}

/** The row that has focus (its aria-rowindex), or null. */
const focusedRow = (page: Page) =>
  page.evaluate(() => {
    const row = document.activeElement?.closest('[role="row"]');
    return row ? Number(row.getAttribute('aria-rowindex')) : null;
  });

/**
 * S5, against the keyboard contract (role="grid" "Conversations", j/k move focus between
 * rows, x selects, s stars, Shift+I marks read). If `j` does not move focus the feature is
 * not merged yet, and S5 is reported as not available rather than faked.
 */
export async function runTriage(
  browser: Browser,
  target: Target,
  moves: number,
): Promise<TriageResult> {
  const session = await openApp(browser, target);
  const { page } = session;
  try {
    // Enter the grid as a keyboard user would: focus its first row if rows take focus
    // (roving tabindex), else the grid, else leave focus on the page; then j.
    await page.evaluate(() => {
      const grid = document.querySelector<HTMLElement>('[role="grid"]');
      const row = grid?.querySelector<HTMLElement>('[role="row"][aria-rowindex="2"]');
      (row?.hasAttribute('tabindex') ? row : grid)?.focus();
    });
    await page.keyboard.press('j');
    const start = await focusedRow(page);
    await page.keyboard.press('j');
    const next = await focusedRow(page);
    if (start === null || next === null || next <= start) {
      return {
        available: false,
        reason: 'pressing j does not move focus to the next row (keyboard triage not merged)',
      };
    }
    const latencyOfLast = async () =>
      ((await probe(page, 'inputs')).filter((i) => i.type === 'keydown').at(-1)?.latency ??
        Number.NaN) as number;
    await page.evaluate(() => (window.__bench.inputs = []));
    for (let i = 0; i < moves; i++) await page.keyboard.press('j');
    for (let i = 0; i < moves; i++) await page.keyboard.press('k');
    await page.waitForTimeout(100);
    const presses = (await probe(page, 'inputs')).filter((i) => i.key === 'j' || i.key === 'k');
    const moveLatenciesMs = presses.map((i) => i.latency);
    const moveNextPaintMs = keyNextPaintMs(presses, await probe(page, 'events'));
    const actionLatenciesMs = { x: Number.NaN, s: Number.NaN, 'Shift+I': Number.NaN };
    for (const key of ['x', 's', 'Shift+I'] as const) {
      await page.keyboard.press(key);
      await page.waitForTimeout(100);
      actionLatenciesMs[key] = await latencyOfLast();
    }
    // Star back what S5 starred, so the cached database stays as seeded where it can.
    await page.keyboard.press('s');
    await settle(session);
    return {
      available: true,
      moveLatenciesMs,
      moveNextPaintMs,
      actionLatenciesMs,
      finalRowIndex: (await focusedRow(page)) ?? -1,
      rowRequests: session.requests.byKind.row.length,
    };
  } finally {
    await session.close();
  }
}

export interface SoakResult {
  cycles: number;
  heapAfterFirstMb: number;
  heapAfterLastMb: number;
  domNodesAfterFirst: number;
  domNodesAfterLast: number;
  listenersAfterFirst: number;
  listenersAfterLast: number;
}

/** S6: cycles of S4 (filter there and back) + S2 (a short fling), heap after forced GC. */
export async function runSoak(
  browser: Browser,
  target: Target,
  cycles: number,
  flingMs: number,
): Promise<SoakResult> {
  const session = await openApp(browser, target);
  const { page, cdp } = session;
  try {
    await cdp.send('Performance.enable');
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
      return {
        heapMb: get('JSHeapUsedSize') / 1e6,
        nodes: get('Nodes'),
        listeners: get('JSEventListeners'),
      };
    };
    const cycle = async () => {
      await changeFilter(session, () => filterControl(page, 'A', 'Unread').click());
      await changeFilter(session, () => filterControl(page, 'A', 'All').click());
      await page.evaluate(flingInPage, { speed: 4000, durationMs: flingMs });
      await page.evaluate(() => {
        const scroller = [
          ...(document.querySelector('[role="grid"]')?.querySelectorAll('[role="rowgroup"]') ?? []),
        ].at(-1);
        if (scroller) scroller.scrollTop = 0;
      });
      await settle(session);
    };
    await cycle();
    const first = await measure();
    for (let i = 1; i < cycles; i++) await cycle();
    const last = await measure();
    return {
      cycles,
      heapAfterFirstMb: first.heapMb,
      heapAfterLastMb: last.heapMb,
      domNodesAfterFirst: first.nodes,
      domNodesAfterLast: last.nodes,
      listenersAfterFirst: first.listeners,
      listenersAfterLast: last.listeners,
    };
  } finally {
    await session.close();
  }
}

/**
 * An agent switching tabs `switches` times: another page comes to the front and back,
 * and the focus, visibility and online events a browser sends on the way are fired too.
 * Shared by S7 and the structural test in e2e/performance.spec.ts.
 */
export async function churnFocus(page: Page, switches: number): Promise<void> {
  const other = await page.context().newPage();
  for (let i = 0; i < switches; i++) {
    await other.bringToFront();
    await page.bringToFront();
    await page.evaluate(() => {
      window.dispatchEvent(new Event('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('online'));
    });
  }
  await other.close();
}

export interface ChurnResult {
  switches: number;
  requests: number;
}

/**
 * S7: the agent switches tabs and windows within staleTime. A second page takes the
 * front and gives it back (real visibility changes), and focus/visibilitychange/online
 * events fire as the browser would; nothing should be fetched again.
 */
export async function runFocusChurn(
  browser: Browser,
  target: Target,
  switches: number,
): Promise<ChurnResult> {
  const session = await openApp(browser, target);
  const { page } = session;
  try {
    const before = session.requests.total();
    await churnFocus(page, switches);
    await settle(session, 500);
    return { switches, requests: session.requests.total() - before };
  } finally {
    await session.close();
  }
}

/** S8's reply: about 40 characters, the opening line of an answer. */
const REPLY_TEXT = 'Thanks for waiting, your refund is sent.';
/** A brisk typist: a key every 80 ms (as S4 types its search). */
const KEY_DELAY_MS = 80;
/** Assigning a thousand conversations and undoing it, at 4× CPU on a busy machine. */
const RUN_TIMEOUT = 300_000;

/** Waits for a control a scenario needs; false when the app does not offer it (not merged). */
async function offers(locator: Locator, timeout = 10_000): Promise<boolean> {
  try {
    await locator.waitFor({ timeout });
    return true;
  } catch {
    return false;
  }
}

export type ComposerTypingResult =
  | { available: false; reason: string }
  | {
      available: true;
      keys: number;
      /**
       * keydown → next paint by Event Timing, ms. Keys without an entry took under the
       * 16 ms threshold and count as 16: an upper bound.
       */
      keyNextPaintMs: number[];
      /** Rows other than the open conversation's whose DOM changed while typing. */
      otherRows: { row: string; mutations: number }[];
      /** The open conversation's row is in the list (its draft marker can appear). */
      openRowShown: boolean;
      /** Mutation records in the open row: the "Draft reply" marker appearing. */
      openRowMutations: number;
      /** The composer held every character typed, in order. */
      typedAll: boolean;
      /** A draft still in localStorage after the text was emptied (there should be none). */
      draftLeft: boolean;
    };

/** The conversation id a row's link opens, or null. */
const conversationOf = (href: string) => {
  const id = /\/conversations\/([^?#/]+)/.exec(href)?.[1];
  return id === undefined ? null : decodeURIComponent(id);
};

/**
 * S8, the composer: open a conversation that takes a reply, type one with the keyboard,
 * and watch every row of the list meanwhile. The composer owns its text, so no row but the
 * open one (its "Draft reply" marker) may change. Each key is timed to the next paint.
 */
export async function runComposerTyping(
  browser: Browser,
  target: Target,
): Promise<ComposerTypingResult> {
  // The newest conversation that takes a reply: its row is on screen next to the pane.
  const api = await appApi(target.appUrl);
  const first = await api.provider.list({
    filters: defaultFilters,
    cursor: null,
    limit: PAGE_SIZE,
  });
  const open = first.items.find((c) => c.replyVia !== null);
  if (!open) {
    return {
      available: false,
      reason: `none of the first ${PAGE_SIZE} conversations takes a reply`,
    };
  }
  const session = await openSession(browser, target.cpu);
  const { page } = session;
  try {
    await page.goto(`${target.appUrl}/conversations/${encodeURIComponent(open.id)}`, {
      waitUntil: 'commit',
    });
    await waitForFirstRow(page);
    const box = page
      .getByRole('complementary', { name: 'Reading pane' })
      .getByRole('textbox', { name: /^Reply by / });
    if (!(await offers(box, LIST_TIMEOUT))) {
      return {
        available: false,
        reason: 'no reply box ("Reply by …") in the reading pane (composer not merged)',
      };
    }
    await box.click();
    // Opening marks the conversation read: that write and its row must be done first.
    await settle(session);
    await page.evaluate(() => {
      window.__bench.inputs = [];
      window.__bench.watchRows();
    });
    await page.keyboard.type(REPLY_TEXT, { delay: KEY_DELAY_MS });
    await page.waitForTimeout(100);
    await settle(session);
    const presses = (await probe(page, 'inputs')).filter((i) => i.type === 'keydown');
    const keyNextPaint = keyNextPaintMs(presses, await probe(page, 'events'));
    const changed = Object.entries((await probe(page, 'rowMutations')) ?? {});
    const openRowShown = await page.evaluate(
      (id) =>
        [...document.querySelectorAll('[role="grid"] [role="row"] a')].some((a) =>
          (a.getAttribute('href') ?? '').includes(`/conversations/${encodeURIComponent(id)}`),
        ),
      open.id,
    );
    const typedAll = (await box.inputValue()) === REPLY_TEXT;

    // Leave no draft behind: empty the box as an agent would.
    await box.press('ControlOrMeta+a');
    await box.press('Backspace');
    await settle(session);
    const draftLeft = await page.evaluate(() =>
      Object.keys(localStorage).some((key) => key.startsWith('parley.draft:')),
    );
    return {
      available: true,
      keys: presses.length,
      keyNextPaintMs: keyNextPaint,
      otherRows: changed
        .filter(([row]) => conversationOf(row) !== open.id)
        .map(([row, mutations]) => ({ row, mutations })),
      openRowShown,
      openRowMutations: changed
        .filter(([row]) => conversationOf(row) === open.id)
        .reduce((sum, [, mutations]) => sum + mutations, 0),
      typedAll,
      draftLeft,
    };
  } finally {
    await session.close();
  }
}

/** S8's assignment covers about a thousand conversations: 500 to 1,500 will do. */
const ASSIGN_VIEW_SIZE = { low: 500, aim: 1_000, high: 1_500 };

/**
 * Views S8 may assign: the whole inbox (the 1k inbox), or one last-message type. The
 * seed's types hold from under 0.1 % to 38 % of an inbox, so at 10k calls come near a
 * thousand, at 100k custom emails or business-profile messages do.
 */
const ASSIGN_VIEWS: { query: string; filters: InboxFilters }[] = [
  { query: '', filters: defaultFilters },
  ...['TYPE_CALL', 'TYPE_GMB', 'TYPE_CUSTOM_EMAIL'].map((type) => ({
    query: `?type=${type}`,
    filters: { ...defaultFilters, messageType: type },
  })),
];

/** The view nearest a thousand conversations, by the app's own counts. */
async function chooseAssignView(
  api: AppApi,
): Promise<{ query: string; filters: InboxFilters } | { reason: string }> {
  const { low, aim, high } = ASSIGN_VIEW_SIZE;
  const totals = await Promise.all(
    ASSIGN_VIEWS.map(async (view) => ({ ...view, total: await viewTotal(api, view.filters) })),
  );
  const nearest = totals
    .filter((view) => view.total >= low && view.total <= high)
    .sort((a, b) => Math.abs(a.total - aim) - Math.abs(b.total - aim))[0];
  return (
    nearest ?? {
      reason: `no view holds ${low}–${high} conversations (${totals
        .map((view) => `${view.query || 'all'}: ${view.total}`)
        .join(', ')})`,
    }
  );
}

/** API requests of a bulk run, by what they do. */
export interface RunRequests {
  /** PUT /contacts/{id}: HighLevel assigns a conversation through its contact. */
  contactWrites: number;
  otherWrites: number;
  /**
   * Reads: list pages, the live poll of the view's newest (decision 0008: every 15 s, on
   * its own schedule, so not the run's), one-item counts, one conversation's data, others.
   */
  list: number;
  livePolls: number;
  count: number;
  row: number;
  other: number;
}

function runRequests(sent: readonly RequestRecord[]): RunRequests {
  const reads = sent.filter((r) => r.method === 'GET');
  const writes = sent.filter((r) => r.method !== 'GET');
  const contactWrites = writes.filter(
    (r) => r.method === 'PUT' && /\/contacts\/[^/]+$/.test(new URL(r.url).pathname),
  ).length;
  const readsOf = (kind: RequestKind) => reads.filter((r) => r.kind === kind).length;
  const livePolls = reads.filter(
    (r) => r.kind === 'list' && new URL(r.url).searchParams.get('limit') === String(headSize),
  ).length;
  return {
    contactWrites,
    otherWrites: writes.length - contactWrites,
    list: readsOf('list') - livePolls,
    livePolls,
    count: readsOf('count'),
    row: readsOf('row'),
    other: readsOf('other'),
  };
}

export interface StatusRun {
  /** The click → the frame that shows the run's result (role="status"). */
  clickToStatusMs: number;
  status: string;
  /**
   * The page's main-thread task time from the click to that frame: the browser's share of
   * the wall time (the rest is waiting on the API).
   */
  mainThreadMs: number;
  /** From the click until the API fell quiet after the result. */
  requests: RunRequests;
}

/** Clicks, and times the click → the frame that shows a status beginning with `prefix`. */
async function clickToStatus(
  session: Session,
  prefix: string,
  click: () => Promise<void>,
): Promise<StatusRun> {
  const { page } = session;
  const from = session.requests.sent.length;
  await session.cdp.send('Performance.enable');
  await page.evaluate(() => (window.__bench.inputs = []));
  const shown = page.evaluate(statusShownInPage, prefix);
  // If the click fails, the page closes under the watcher: that rejection is not news.
  shown.catch(() => {});
  // Evaluations run in order: once this one answers, the watcher is in place.
  await page.evaluate(() => 0);
  const busyBefore = await mainThreadMs(session.cdp);
  await click();
  let timer: NodeJS.Timeout | undefined;
  const shownAt = await Promise.race([
    shown,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`S8: no status "${prefix}…" within ${RUN_TIMEOUT / 1000} s`)),
        RUN_TIMEOUT,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  const busy = (await mainThreadMs(session.cdp)) - busyBefore;
  await settle(session, 300);
  const clickAt = (await probe(page, 'inputs')).find((i) => i.type === 'click')?.at;
  const status = await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^\\s*${prefix}`) })
    .first()
    .textContent();
  return {
    clickToStatusMs: shownAt - (clickAt ?? Number.NaN),
    status: (status ?? '').trim(),
    mainThreadMs: busy,
    requests: runRequests(session.requests.sent.slice(from)),
  };
}

/** The page's main-thread task time so far, ms (the DevTools protocol's Performance metrics). */
async function mainThreadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

export type AssignAllResult =
  | { available: false; reason: string }
  | {
      available: true;
      /** The view's query ('' for the whole inbox). */
      view: string;
      /** Its conversations, by one pass of the app's own paging code (app-api.ts). */
      matching: number;
      /** What the toolbar offered: "Select all N matching". */
      offered: number;
      agent: string;
      /** Distinct contacts of the conversations not yet the agent's: the writes needed. */
      contactsToMove: number;
      /** List requests of that one pass: what collecting the view takes. */
      onePassListRequests: number;
      assign: StatusRun;
      /**
       * Rows on screen whose DOM changed during the assignment, and the mutation records in
       * them. A row shown again rewrites its checkbox's attributes even when nothing it shows
       * changed, so records far beyond one per moved row mean rows rendering per write.
       */
      rowsChanged: number;
      rowRecords: number;
      undo: StatusRun;
      /** Conversations whose assignee Undo did not put back. */
      notRestored: number;
    };

/**
 * S8, routing: in a view of about a thousand conversations, select all loaded, then all
 * matching, assign them to another agent, then Undo (so the cached database stays as
 * seeded, but for contacts whose conversations had different assignees: one assignment
 * makes them agree, decision 0015). Times the click on the agent → the "Assigned …"
 * status, and counts the requests the run sends.
 */
export async function runAssignAllMatching(
  browser: Browser,
  target: Target,
): Promise<AssignAllResult> {
  const api = await appApi(target.appUrl);
  const view = await chooseAssignView(api);
  if ('reason' in view) return { available: false, reason: view.reason };
  // The picker lists "Me" first, then the others by name: take the first other.
  const agent = (await api.provider.agents())
    .filter((a) => a.id !== api.meId)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))[0];
  if (!agent) return { available: false, reason: 'no agent but the signed-in one' };
  const before = await onePass(api, view.filters);
  const contactsToMove = new Set(
    before.conversations
      .filter((c) => c.assigneeId !== agent.id)
      .map((c) => c.contactId ?? `conversation ${c.id}`),
  ).size;

  const session = await openApp(browser, target, view.query);
  const { page } = session;
  try {
    const selectLoaded = page.getByRole('checkbox', { name: 'Select all loaded conversations' });
    if (!(await offers(selectLoaded))) {
      return { available: false, reason: 'no "Select all loaded conversations" checkbox' };
    }
    await selectLoaded.click();
    const toolbar = page.getByRole('toolbar', { name: 'Selected conversations' });
    const selectMatching = toolbar.getByRole('button', { name: /^Select all [\d,]+ matching$/ });
    if (!(await offers(selectMatching))) {
      return { available: false, reason: 'the selection offers no "Select all N matching"' };
    }
    const offered = Number((await selectMatching.textContent())?.replace(/\D/g, ''));
    await selectMatching.click();
    const assignButton = toolbar.getByRole('button', { name: 'Assign…' });
    if (!(await offers(assignButton))) {
      return { available: false, reason: 'the selection offers no "Assign…"' };
    }
    await assignButton.click();
    const option = page
      .getByRole('dialog', { name: 'Assign every matching conversation' })
      .getByRole('option', { name: agent.name, exact: true });
    if (!(await offers(option))) {
      return { available: false, reason: `the assignee picker offers no "${agent.name}"` };
    }
    await settle(session);
    await page.evaluate(() => window.__bench.watchRows());
    const assign = await clickToStatus(session, 'Assigned', () => option.click());
    const rows = Object.values((await probe(page, 'rowMutations')) ?? {});
    const undo = await clickToStatus(session, 'Undid', () =>
      page.getByRole('button', { name: 'Undo', exact: true }).click(),
    );
    const after = new Map(
      (await onePass(api, view.filters)).conversations.map((c) => [c.id, c.assigneeId]),
    );
    return {
      available: true,
      view: view.query,
      matching: before.conversations.length,
      offered,
      agent: agent.name,
      contactsToMove,
      onePassListRequests: before.listRequests,
      assign,
      rowsChanged: rows.length,
      rowRecords: rows.reduce((sum, records) => sum + records, 0),
      undo,
      notRestored: before.conversations.filter((c) => after.get(c.id) !== c.assigneeId).length,
    };
  } finally {
    await session.close();
  }
}

export interface AnswerAndRouteResult {
  typing: ComposerTypingResult;
  assign: AssignAllResult;
}

/** S8 (issue 16): an agent types a reply, then routes a thousand conversations at once. */
export async function runAnswerAndRoute(
  browser: Browser,
  target: Target,
): Promise<AnswerAndRouteResult> {
  return {
    typing: await runComposerTyping(browser, target),
    assign: await runAssignAllMatching(browser, target),
  };
}
