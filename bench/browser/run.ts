import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { isCached, openBenchDatabase, databaseFile, CACHE_DIR } from '../api/databases.ts';
import { describeMachine } from '../api/report.ts';
import { seededRandom, shuffled, spread } from '../stats.ts';
import { measureInitialJs } from './bundle.ts';
import {
  evaluateGates,
  NOISY_SPREAD,
  renderMarkdown,
  type BlockSample,
  type BrowserBenchReport,
  type Extras,
  type SlowOpenSample,
} from './report.ts';
import {
  runAnswerAndRoute,
  runBlockItem,
  runFling,
  runFocusChurn,
  runInfiniteLoad,
  runSearchAndHistory,
  runSlowOpen,
  runSoak,
  runTriage,
  VIEWPORT,
  type Target,
  type Variant,
} from './scenarios.ts';
import { startServer, stopAllServers, type BenchServer } from './servers.ts';

const USAGE = 'usage: npm run bench [-- --quick] [-- --seed N]';
const SEED = 1;
const VARIANTS_ROOT = path.join(CACHE_DIR, 'variants');

interface Settings {
  mode: 'quick' | 'full';
  sizes: number[];
  cpus: number[];
  blocks: number;
  flingMs: number;
  extraFlingSpeeds: number[];
  soakCycles: number;
  triageMoves: number;
  churnSwitches: number;
  /** Which (size, cpu) get the once-only scenarios. */
  extrasAt: (size: number, cpu: number, largest: number) => boolean;
}

/**
 * Quick mode keeps every gate measurable in under 5 minutes on 2 shared cores: the
 * smallest and largest inbox only (the 100k/1k ratios need both ends), 3 blocks, and the
 * once-only scenarios at the largest inbox.
 */
const MODES: Record<'quick' | 'full', Settings> = {
  quick: {
    mode: 'quick',
    sizes: [1_000, 100_000],
    cpus: [1, 4],
    blocks: 3,
    flingMs: 1_500,
    extraFlingSpeeds: [2_000, 8_000],
    soakCycles: 4,
    triageMoves: 20,
    churnSwitches: 10,
    extrasAt: (size, _cpu, largest) => size === largest,
  },
  full: {
    mode: 'full',
    sizes: [1_000, 10_000, 100_000],
    cpus: [1, 4],
    blocks: 10,
    flingMs: 2_000,
    extraFlingSpeeds: [2_000, 8_000],
    soakCycles: 20,
    triageMoves: 50,
    churnSwitches: 20,
    extrasAt: () => true,
  },
};

type Item = { variant: Variant | 'A+150ms'; size: number; cpu: number };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const settings = MODES[values.quick ? 'quick' : 'full'];
  const startedAt = new Date();
  const log = (message: string) =>
    console.log(
      `[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${message}`,
    );

  log('building the app and the variants…');
  await build({ logLevel: 'warn' });
  // The server build of the first paint (decision 0011), as `npm run build` makes it.
  await build({
    logLevel: 'warn',
    build: { ssr: 'src/app/render-first-paint.tsx', outDir: 'dist-server' },
  });
  await build({
    configFile: path.resolve('bench/variants/vite.config.ts'),
    build: { outDir: path.join(VARIANTS_ROOT, 'dist'), emptyOutDir: true },
  });
  const bundle = measureInitialJs(path.resolve('dist'));

  for (const size of settings.sizes) {
    if (!isCached(size, SEED)) log(`seeding ${size.toLocaleString('en-US')} conversations…`);
    openBenchDatabase(size, SEED).db.close();
  }

  const targets = new Map<string, Target>();
  const servers: BenchServer[] = [];
  let browser: Browser | null = null;
  const interrupt = () => {
    console.error('interrupted: stopping servers');
    void Promise.allSettled([browser?.close(), stopAllServers()]).then(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    for (const size of settings.sizes) {
      const dataFile = databaseFile(size, SEED);
      // One after the other: both open the same SQLite file and may build indexes on open.
      const app = await startServer({ dataFile, seedSize: size });
      const variants = await startServer({ dataFile, seedSize: size, cwd: VARIANTS_ROOT });
      servers.push(app, variants);
      for (const cpu of settings.cpus) {
        targets.set(`${size}/${cpu}`, { appUrl: app.url, variantsUrl: variants.url, cpu });
      }
    }
    const target = (size: number, cpu: number) => targets.get(`${size}/${cpu}`) as Target;
    browser = await chromium.launch({
      executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const chromiumVersion = browser.version();

    const runItem = async (item: Item, block: number, flingMs: number) => {
      const t = target(item.size, item.cpu);
      if (item.variant === 'A+150ms') {
        return {
          slow: {
            block,
            size: item.size,
            cpu: item.cpu,
            firstRowsMs: await runSlowOpen(browser as Browser, t),
          },
        };
      }
      const result = await runBlockItem(browser as Browser, t, item.variant, flingMs);
      return { sample: { block, size: item.size, cpu: item.cpu, variant: item.variant, result } };
    };

    // Warm the browser, both servers of every size and SQLite's page cache; E only once,
    // at the smallest size (it costs seconds at 100k).
    log('warm-up…');
    for (const size of settings.sizes) {
      const variants =
        size === settings.sizes[0] ? (['A', 'B', 'E', 'null'] as const) : (['A', 'B'] as const);
      for (const variant of variants) await runItem({ variant, size, cpu: 1 }, -1, 300);
    }

    const items: Item[] = settings.sizes.flatMap((size) =>
      settings.cpus.flatMap((cpu) =>
        (['A', 'B', 'E', 'null', 'A+150ms'] as const).map((variant) => ({ variant, size, cpu })),
      ),
    );
    const samples: BlockSample[] = [];
    const slowOpen: SlowOpenSample[] = [];
    for (let block = 0; block < settings.blocks; block++) {
      log(`block ${block + 1}/${settings.blocks} (${items.length} items, random order)…`);
      for (const item of shuffled(items, seededRandom(SEED * 1000 + block))) {
        const out = await runItem(item, block, settings.flingMs);
        if (out.sample) samples.push(out.sample);
        if (out.slow) slowOpen.push(out.slow);
      }
    }

    const largest = settings.sizes.at(-1) as number;
    const extras: Extras[] = [];
    for (const size of settings.sizes) {
      for (const cpu of settings.cpus) {
        if (!settings.extrasAt(size, cpu, largest)) continue;
        log(`S2 speeds, S3–S8 at ${size.toLocaleString('en-US')} / ${cpu}× CPU…`);
        const t = target(size, cpu);
        const b = browser;
        const flings = [];
        for (const speed of settings.extraFlingSpeeds) {
          flings.push(await runFling(b, t, speed, settings.flingMs));
        }
        extras.push({
          size,
          cpu,
          flings,
          infinite: await runInfiniteLoad(b, t, 20),
          search: await runSearchAndHistory(b, t),
          triage:
            cpu === 1 || settings.mode === 'full'
              ? await runTriage(b, t, settings.triageMoves)
              : null,
          soak:
            cpu === 1 && size === largest ? await runSoak(b, t, settings.soakCycles, 1_000) : null,
          churn:
            cpu === 1 || settings.mode === 'full'
              ? await runFocusChurn(b, t, settings.churnSwitches)
              : null,
          // Last: it assigns a view and undoes it, so the scenarios above read the seed.
          answerAndRoute: await runAnswerAndRoute(b, t),
        });
      }
    }

    const noise = settings.cpus.map((cpu) => {
      const nullFirstPaint = spread(
        samples
          .filter((s) => s.variant === 'null' && s.cpu === cpu)
          .map((s) => s.result.firstRowsMs),
      );
      return { cpu, nullFirstPaint, noisy: nullFirstPaint.relSpread > NOISY_SPREAD };
    });
    const partial: Omit<BrowserBenchReport, 'gates'> = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      mode: settings.mode,
      seed: SEED,
      sizes: settings.sizes,
      cpus: settings.cpus,
      method: {
        blocks: settings.blocks,
        warmupBlocks: 1,
        flingMs: settings.flingMs,
        viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
      },
      machine: describeMachine(),
      node: process.version,
      chromium: chromiumVersion,
      provider: 'HighLevel',
      bundle,
      samples,
      slowOpen,
      extras,
      noise,
    };
    const report: BrowserBenchReport = { ...partial, gates: evaluateGates(partial) };
    const stamp = startedAt
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replace(/:/g, '-');
    const base = path.resolve('bench', 'results', stamp);
    fs.mkdirSync(path.dirname(base), { recursive: true });
    fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = renderMarkdown(report);
    fs.writeFileSync(`${base}.md`, markdown);
    console.log(`\n${markdown}`);
    log(`wrote ${path.relative(process.cwd(), base)}.json and .md`);
  } finally {
    await browser?.close();
    await stopAllServers();
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAllServers();
  process.exit(1);
});
