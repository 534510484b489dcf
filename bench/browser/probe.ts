/**
 * What the bench observes inside the page. Nothing here knows the app: it reads the grid
 * contract every variant shares (role="grid" with data rows role="row", the first one
 * aria-rowindex="2") and the browser's own performance entries. These functions are
 * serialized into the page (addInitScript / evaluate), so they may use only browser APIs.
 */

export interface Probe {
  /** Start of the frame that first showed a data row (rAF time), or null. */
  firstRowAt: number | null;
  /**
   * The same for a data row outside any `inert` subtree: one the agent can act on. Later
   * than `firstRowAt` only where the server painted rows before the page's script ran.
   */
  liveRowAt: number | null;
  /** Start of the frame that showed a different first row after `armChange()`. */
  changedAt: number | null;
  armedAt: number | null;
  loaf: { start: number; duration: number; blocking: number }[];
  /**
   * Key (or click) → next frame, measured with rAF + a posted message. Under back-to-back
   * input the message waits behind queued input events, so this overstates a burst.
   */
  inputs: { type: string; key: string; at: number; latency: number }[];
  /**
   * The browser's own input → next paint (Event Timing, what INP uses): entries of 16 ms
   * or more only, rounded to 8 ms; `start` is the event's timeStamp.
   */
  events: { name: string; start: number; duration: number }[];
  cls: number;
  armChange: () => void;
  /**
   * Mutation records inside each row of the grid since `watchRows()`, by the row's link
   * (its href; a row without one by its aria-rowindex). A row mounted or unmounted counts
   * as changed too. Null until asked.
   */
  rowMutations: Record<string, number> | null;
  watchRows: () => void;
}

declare global {
  interface Window {
    __bench: Probe;
  }
}

/** Installed before any page script runs. */
export function installProbe(): void {
  const firstRowSelector = '[role="grid"] [role="row"][aria-rowindex="2"]';
  const firstRow = () => document.querySelector(firstRowSelector)?.textContent ?? null;
  const liveRow = () =>
    [...document.querySelectorAll(firstRowSelector)].some((row) => row.closest('[inert]') === null);
  // The frame after a DOM change: rAF runs just before the browser paints that frame.
  // performance.now(), not rAF's timestamp: Chromium stamps rAF with the frame's vsync,
  // which can be earlier than the task that changed the DOM.
  const afterNextFrame = (then: (t: number) => void) =>
    requestAnimationFrame(() => then(performance.now()));
  // A message posted from rAF is handled after the frame's paint: input → presented.
  const afterPaint = (then: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(performance.now());
      channel.port2.postMessage(null);
    });

  // Which row a change belongs to: rows keep their link while the list stands still.
  const rowKey = (row: Element) =>
    row.querySelector('a')?.getAttribute('href') ??
    `aria-rowindex ${row.getAttribute('aria-rowindex') ?? '?'}`;
  let rowWatcher: MutationObserver | null = null;

  let armedText: string | null = null;
  let waitingFirst = true;
  let waitingLive = true;
  const probe: Probe = {
    firstRowAt: null,
    liveRowAt: null,
    changedAt: null,
    armedAt: null,
    loaf: [],
    inputs: [],
    events: [],
    cls: 0,
    armChange() {
      armedText = firstRow();
      probe.armedAt = performance.now();
      probe.changedAt = null;
    },
    rowMutations: null,
    watchRows() {
      rowWatcher?.disconnect();
      const counts: Record<string, number> = {};
      probe.rowMutations = counts;
      const count = (row: Element) => (counts[rowKey(row)] = (counts[rowKey(row)] ?? 0) + 1);
      rowWatcher = new MutationObserver((records) => {
        for (const record of records) {
          const node = record.target;
          const row = (node instanceof Element ? node : node.parentElement)?.closest(
            '[role="row"]',
          );
          if (row) {
            count(row);
            continue;
          }
          // A change outside every row: rows mounted or unmounted around them.
          for (const changed of [...record.addedNodes, ...record.removedNodes]) {
            if (!(changed instanceof Element)) continue;
            if (changed.matches('[role="row"]')) count(changed);
            changed.querySelectorAll('[role="row"]').forEach(count);
          }
        }
      });
      const grid = document.querySelector('[role="grid"]');
      if (grid) {
        rowWatcher.observe(grid, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      }
    },
  };
  window.__bench = probe;

  new MutationObserver(() => {
    if (waitingFirst && firstRow() !== null) {
      waitingFirst = false;
      afterNextFrame((t) => (probe.firstRowAt = t));
    }
    if (waitingLive && liveRow()) {
      waitingLive = false;
      afterNextFrame((t) => (probe.liveRowAt = t));
    }
    if (probe.armedAt !== null && probe.changedAt === null) {
      const text = firstRow();
      if (text !== null && text !== armedText) {
        armedText = text;
        afterNextFrame((t) => (probe.changedAt ??= t));
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });

  const observe = (
    type: string,
    each: (entry: PerformanceEntry) => void,
    options: { durationThreshold?: number } = {},
  ) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({
        type,
        buffered: true,
        ...options,
      });
    } catch {
      // Entry type unsupported in this browser: the report shows it as missing.
    }
  };
  observe('long-animation-frame', (e) => {
    const entry = e as PerformanceEntry & { blockingDuration: number };
    probe.loaf.push({
      start: entry.startTime,
      duration: entry.duration,
      blocking: entry.blockingDuration,
    });
  });
  observe(
    'event',
    (e) => probe.events.push({ name: e.name, start: e.startTime, duration: e.duration }),
    { durationThreshold: 16 },
  );
  observe('layout-shift', (e) => {
    const entry = e as PerformanceEntry & { value: number; hadRecentInput: boolean };
    if (!entry.hadRecentInput) probe.cls += entry.value;
  });

  for (const type of ['keydown', 'click'] as const) {
    addEventListener(
      type,
      (event) => {
        const key = event instanceof KeyboardEvent ? event.key : '';
        afterPaint((t) =>
          probe.inputs.push({ type, key, at: event.timeStamp, latency: t - event.timeStamp }),
        );
      },
      { capture: true },
    );
  }
}

export interface FlingResult {
  /** rAF-to-rAF intervals, ms. */
  frames: number[];
  blankFrames: number;
  blockingMs: number;
  maxRows: number;
  maxElements: number;
  scrolledPx: number;
}

/**
 * Scrolls the grid's scroller at `speed` px/s for `durationMs`, one step per frame, and
 * checks in each frame, after the step, whether rows cover the whole viewport: what that
 * frame paints. A frame with a gap is blank. (Scrolling from rAF is main-thread scrolling;
 * real wheel scrolling can only show more blank, never less.)
 */
export function flingInPage({
  speed,
  durationMs,
}: {
  speed: number;
  durationMs: number;
}): Promise<FlingResult> {
  const grid = document.querySelector('[role="grid"]');
  const scroller = [...(grid?.querySelectorAll('[role="rowgroup"]') ?? [])].find(
    (el) => el.scrollHeight > el.clientHeight,
  );
  if (!scroller) return Promise.reject(new Error('no scrollable rowgroup in the grid'));
  const covered = () => {
    const view = scroller.getBoundingClientRect();
    const spans = [...scroller.querySelectorAll('[role="row"]')]
      .map((row) => row.getBoundingClientRect())
      .map((r) => [Math.max(r.top, view.top), Math.min(r.bottom, view.bottom)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let reach = view.top;
    for (const [a, b] of spans) {
      if (a > reach + 1) return false;
      reach = Math.max(reach, b);
    }
    return reach >= view.bottom - 1;
  };
  return new Promise((resolve) => {
    const frames: number[] = [];
    let blankFrames = 0;
    let maxRows = 0;
    let maxElements = 0;
    let position = scroller.scrollTop;
    const startTop = scroller.scrollTop;
    let start: number | null = null;
    let last = 0;
    const step = (t: number) => {
      if (start === null) {
        start = t;
      } else {
        frames.push(t - last);
      }
      last = t;
      // Stop at the loaded end rather than run ahead of it: the list grows as pages arrive.
      const end = scroller.scrollHeight - scroller.clientHeight;
      position = Math.min(position + (speed * (frames.at(-1) ?? 0)) / 1000, end);
      scroller.scrollTop = position;
      if (!covered()) blankFrames++;
      maxRows = Math.max(maxRows, grid?.querySelectorAll('[role="row"]').length ?? 0);
      if (frames.length % 10 === 0) {
        maxElements = Math.max(maxElements, document.getElementsByTagName('*').length);
      }
      if (t - start < durationMs) {
        requestAnimationFrame(step);
        return;
      }
      const from = start;
      const blockingMs = window.__bench.loaf
        .filter((e) => e.start >= from && e.start <= t)
        .reduce((sum, e) => sum + e.blocking, 0);
      resolve({
        frames,
        blankFrames,
        blockingMs,
        maxRows,
        maxElements,
        scrolledPx: scroller.scrollTop - startTop,
      });
    };
    requestAnimationFrame(step);
  });
}

/**
 * Resolves at the frame that first shows a live status (role="status") whose text begins
 * with `prefix`: when a long action is reported done to the agent.
 */
export function statusShownInPage(prefix: string): Promise<number> {
  const shown = () =>
    [...document.querySelectorAll('[role="status"]')].some((status) =>
      (status.textContent ?? '').trim().startsWith(prefix),
    );
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Rows mounted in the grid and elements in the document, now. */
export function domCountsInPage(): { rows: number; elements: number } {
  return {
    rows: document.querySelectorAll('[role="grid"] [role="row"]').length,
    elements: document.getElementsByTagName('*').length,
  };
}
