import type { Config } from '../config.ts';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as DatabaseType } from 'better-sqlite3';
import { createIndexes, createTables, readMeta } from './schema.ts';
import { isSeeded, seedDatabase, type SeedTimings } from '../seed/seed-database.ts';

export interface OpenOptions {
  path: string;
  seed: number;
  seedSize: number;
  locationId: string;
  organizationUid: string;
  /** The seed's "now" (PARLEY_CLOCK); null: the moment it is seeded. */
  clockMs: number | null;
}

/** The database a server configuration names: its file, seed and demo tenants. */
export function databaseOptions(config: Config): OpenOptions {
  return {
    path: config.dataPath,
    seed: config.seed,
    seedSize: config.seedSize,
    locationId: config.demoLocationId,
    organizationUid: config.demoOrganizationUid,
    clockMs: config.clockMs,
  };
}

export interface OpenedDatabase {
  db: DatabaseType;
  /** Null when the file already held data. */
  seeded: SeedTimings | null;
}

export class DatabaseTenantMismatch extends Error {}

/**
 * Opens (creating if needed) the one SQLite file and seeds it when it is new or empty.
 * An existing seeded file is never re-seeded, so PUT/PATCH changes survive restarts.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  fs.mkdirSync(path.dirname(options.path), { recursive: true });
  let seeded: SeedTimings | null = null;
  if (!holdsSeed(options.path)) seeded = seedToFile(options);
  const db = new Database(options.path);
  try {
    // WAL lets readers proceed while a write commits; NORMAL is durable enough in WAL.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // Rows that INSERT/UPDATE OR REPLACE deletes then fire delete triggers, which keep the
    // view counts exact (view-counts.ts); without it SQLite drops them silently.
    db.pragma('recursive_triggers = ON');
    createTables(db);
    createIndexes(db);
    const location = readMeta(db, 'highlevel_location_id');
    const organization = readMeta(db, 'exante_organization_uid');
    if (location !== options.locationId || organization !== options.organizationUid) {
      throw new DatabaseTenantMismatch(
        `${options.path} was seeded for location ${location ?? '?'} and organization ` +
          `${organization ?? '?'}, not ${options.locationId} / ${options.organizationUid}. ` +
          'Delete the file to re-seed, or set PARLEY_DEMO_LOCATION_ID / PARLEY_DEMO_ORGANIZATION_UID to match.',
      );
    }
    return { db, seeded };
  } catch (error) {
    db.close();
    throw error;
  }
}

function holdsSeed(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file);
  try {
    createTables(db);
    return isSeeded(db);
  } finally {
    db.close();
  }
}

/**
 * Seeds a side file without a journal (nothing to roll back into on a fresh file, and it
 * halves the writes), then renames it into place: a crash mid-seed leaves the target
 * absent or untouched, never half-seeded.
 */
function seedToFile(options: OpenOptions): SeedTimings {
  const temp = `${options.path}.seeding-${process.pid}`;
  removeDatabaseFiles(temp);
  const db = new Database(temp);
  let timings: SeedTimings;
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    createTables(db);
    timings = seedDatabase(db, {
      seed: options.seed,
      size: options.seedSize,
      locationId: options.locationId,
      organizationUid: options.organizationUid,
      nowMs: options.clockMs ?? Date.now(),
    });
  } catch (error) {
    db.close();
    removeDatabaseFiles(temp);
    throw error;
  }
  db.close();
  removeDatabaseFiles(options.path);
  fs.renameSync(temp, options.path);
  return timings;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    fs.rmSync(`${file}${suffix}`, { force: true });
}
