/**
 * The README's pictures, taken from the real app: the production build (`npm run build`)
 * served by the embedded server over a throwaway, freshly seeded database, the way
 * playwright.config.ts's webServer starts it. The data's clock (PARLEY_CLOCK) and the
 * browser's are pinned to one instant, the time zone and locale are fixed, so the same
 * commit takes the same pictures. Run with `npm run screenshots`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

const ROOT = process.cwd();
const OUT_DIR = path.join(ROOT, 'docs', 'screenshots');
const PORT = Number(process.env.PARLEY_SCREENSHOTS_PORT ?? 4391);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATA = path.join('.parley', 'screenshots.db');
/** A Tuesday afternoon: today's rows show a time of day, older ones a weekday or a date. */
const INSTANT = '2026-11-03T14:30:00Z';
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Shot {
  file: string;
  viewport: { width: number; height: number };
  colorScheme: 'light' | 'dark';
  /** Open the first conversation in the reading pane before the picture. */
  open: boolean;
  mobile: boolean;
}

const SHOTS: Shot[] = [
  {
    file: 'inbox-light.png',
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    open: true,
    mobile: false,
  },
  {
    file: 'inbox-dark.png',
    viewport: { width: 1440, height: 900 },
    colorScheme: 'dark',
    open: true,
    mobile: false,
  },
  {
    file: 'inbox-phone.png',
    viewport: { width: 390, height: 844 },
    colorScheme: 'light',
    open: false,
    mobile: true,
  },
];

const say = (line: string) => process.stdout.write(`${line}\n`);

function removeData(): void {
  for (const suffix of ['', '-wal', '-shm'])
    fs.rmSync(path.join(ROOT, DATA + suffix), { force: true });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts `tsx server/main.ts` as the leader of its own process group (so stopping it also ends the node process tsx spawns). */
function startServer(): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(TSX, ['server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PARLEY_DATA: DATA,
      PARLEY_SEED_SIZE: '2500',
      PARLEY_CLOCK: INSTANT,
      NODE_ENV: 'production',
    },
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

async function waitForHealth(child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    if (await answers(`${BASE_URL}/parley/health`)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${BASE_URL}/parley/health in 120 s:\n${output()}`);
}

/** Ends the server's process group: SIGTERM, then SIGKILL if it has not gone in 5 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const gone = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
  ]);
  if (!gone) signal('SIGKILL');
}

async function waitForRows(page: Page): Promise<void> {
  const grid = page.getByRole('grid', { name: 'Conversations' });
  await grid.getByRole('link').first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForLoadState('networkidle');
}

async function take(browser: Browser, shot: Shot): Promise<string> {
  const context = await browser.newContext({
    viewport: shot.viewport,
    colorScheme: shot.colorScheme,
    timezoneId: 'UTC',
    locale: 'en-US',
    deviceScaleFactor: shot.mobile ? 2 : 1,
    isMobile: shot.mobile,
    hasTouch: shot.mobile,
  });
  try {
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(INSTANT));
    await page.goto(`${BASE_URL}/`);
    await waitForRows(page);
    if (shot.open) {
      const first = page.getByRole('grid', { name: 'Conversations' }).getByRole('link').first();
      await first.click();
      const pane = page.getByRole('complementary', { name: 'Reading pane' });
      await pane.getByRole('heading').first().waitFor({ state: 'visible', timeout: 30_000 });
      await pane
        .getByRole('region', { name: 'Messages' })
        .getByRole('listitem')
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      await waitForRows(page);
    }
    // No hover highlight from where the pointer last was.
    await page.mouse.move(0, 0);
    const file = path.join(OUT_DIR, shot.file);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    return file;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    throw new Error('no built app in dist/: run `npm run build` first (npm run screenshots does)');
  }
  if (await answers(`${BASE_URL}/parley/health`)) {
    throw new Error(`something already answers on port ${PORT}; set PARLEY_SCREENSHOTS_PORT`);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.mkdirSync(path.join(ROOT, '.parley'), { recursive: true });
  removeData();

  const { child, output } = startServer();
  // Ctrl-C skips `finally`: stop the server on the way out all the same.
  const interrupted = () => {
    void stopServer(child).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let browser: Browser | null = null;
  try {
    await waitForHealth(child, output);
    browser = await chromium.launch({
      executablePath: EXECUTABLE,
      headless: true,
      // This machine has no outside network: keep Chromium from trying to reach it.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    for (const shot of SHOTS) {
      const file = await take(browser, shot);
      const kb = (fs.statSync(file).size / 1024).toFixed(0);
      say(
        `wrote ${path.relative(ROOT, file)} (${shot.viewport.width}×${shot.viewport.height}, ${shot.colorScheme}, ${kb} kB)`,
      );
    }
  } finally {
    await browser?.close();
    await stopServer(child);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    removeData();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
