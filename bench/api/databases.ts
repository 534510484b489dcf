import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../../server/config.ts';
import { databaseOptions, openDatabase } from '../../server/db/open-database.ts';
import type { Database as DatabaseType } from 'better-sqlite3';

/** Where seeded benchmark databases live between runs (`.parley/` is gitignored). */
export const CACHE_DIR = path.resolve('.parley', 'bench');

/**
 * Measured: a 1M-per-provider file takes about 2.6 GB once indexed, and the seed writes a
 * side file before renaming it, so a build needs its final size free plus headroom.
 */
const BYTES_PER_CONVERSATION = 3_000;
const HEADROOM = 1.25;

export interface BenchDatabase {
  db: DatabaseType;
  config: Config;
  file: string;
  /** Null when the cached file was reused. */
  seededMs: number | null;
}

export function databaseFile(size: number, seed: number): string {
  return path.join(CACHE_DIR, `api-${size}-seed${seed}.db`);
}

/** Bytes the cached files for `size` occupy (main file plus WAL), or 0 when absent. */
export function cachedBytes(size: number, seed: number): number {
  const file = databaseFile(size, seed);
  let bytes = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      bytes += fs.statSync(`${file}${suffix}`).size;
    } catch {
      // absent
    }
  }
  return bytes;
}

/** True when the cached file holds a finished seed of exactly this size and seed. */
export function isCached(size: number, seed: number): boolean {
  const file = databaseFile(size, seed);
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const meta = new Map(
      (
        db.prepare('SELECT key, value FROM parley_meta').all() as { key: string; value: string }[]
      ).map((row) => [row.key, row.value]),
    );
    return (
      meta.has('seeded_at_anchor') &&
      meta.get('seed_size') === String(size) &&
      meta.get('seed') === String(seed)
    );
  } catch {
    // A file from an interrupted or foreign run: not ours to trust.
    return false;
  } finally {
    db.close();
  }
}

export class NotEnoughDisk extends Error {}

/**
 * Throws NotEnoughDisk, with the numbers, before seeding that would fill the disk.
 * `size` is the sum of the sizes about to be seeded.
 */
export function checkDiskFor(size: number): void {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const stats = fs.statfsSync(CACHE_DIR);
  const free = stats.bavail * stats.bsize;
  const needed = size * BYTES_PER_CONVERSATION * HEADROOM;
  if (free < needed) {
    throw new NotEnoughDisk(
      `Seeding ${size.toLocaleString('en-US')} conversations per provider in all needs about ` +
        `${gb(needed)} free in ${CACHE_DIR}, but only ${gb(free)} is available. ` +
        'Free some space, or choose smaller sizes with --sizes 10000,100000.',
    );
  }
}

const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;

/**
 * Opens the cached database for `size`, seeding it first when absent or stale. Opening
 * goes through the server's own openDatabase, so indexes added since the file was seeded
 * are built on the way in, exactly as they would be for a deployed data file.
 */
export function openBenchDatabase(size: number, seed: number): BenchDatabase {
  const file = databaseFile(size, seed);
  const reuse = isCached(size, seed);
  if (!reuse) {
    checkDiskFor(size);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  }
  const config = loadConfig({
    PARLEY_DATA: file,
    PARLEY_SEED_SIZE: String(size),
    PARLEY_SEED: String(seed),
    // The bench measures queries, not HighLevel's per-location request budget.
    PARLEY_RATE_LIMIT: '0',
  });
  const started = performance.now();
  const opened = openDatabase(databaseOptions(config));
  return {
    db: opened.db,
    config,
    file,
    seededMs: opened.seeded === null ? null : performance.now() - started,
  };
}
