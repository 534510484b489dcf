import type { Database } from 'better-sqlite3';
import { createIndexes, readMeta, SCHEMA_VERSION, writeMeta } from '../db/schema.ts';
import { seedExante } from './exante-seed.ts';
import { seedHighLevel } from './highlevel-seed.ts';

export interface SeedOptions {
  seed: number;
  size: number;
  locationId: string;
  organizationUid: string;
  /** "Now" for the seed: the data's newest conversations are minutes older than this. */
  nowMs: number;
}

export interface SeedTimings {
  highlevelMs: number;
  exanteMs: number;
  indexMs: number;
  totalMs: number;
}

/** Seeded, and by this version of the seed: an older file is seeded again. */
export function isSeeded(db: Database): boolean {
  const row = db.prepare("SELECT value FROM parley_meta WHERE key = 'seeded_at_anchor'").get();
  return row !== undefined && readMeta(db, 'schema_version') === SCHEMA_VERSION;
}

/** Fills an empty database in one transaction. */
export function seedDatabase(db: Database, options: SeedOptions): SeedTimings {
  const started = performance.now();
  let highlevelMs = 0;
  let exanteMs = 0;
  let indexMs = 0;
  db.transaction(() => {
    let t = performance.now();
    seedHighLevel(db, {
      seed: options.seed,
      size: options.size,
      locationId: options.locationId,
      nowMs: options.nowMs,
    });
    highlevelMs = performance.now() - t;
    t = performance.now();
    seedExante(db, {
      seed: options.seed,
      size: options.size,
      organizationUid: options.organizationUid,
      nowMs: options.nowMs,
    });
    exanteMs = performance.now() - t;
    t = performance.now();
    createIndexes(db);
    db.exec("INSERT INTO hl_fts (hl_fts) VALUES ('rebuild')");
    db.exec("INSERT INTO ex_fts (ex_fts) VALUES ('rebuild')");
    indexMs = performance.now() - t;
    writeMeta(db, 'schema_version', SCHEMA_VERSION);
    writeMeta(db, 'seed', String(options.seed));
    writeMeta(db, 'seed_size', String(options.size));
    writeMeta(db, 'highlevel_location_id', options.locationId);
    writeMeta(db, 'exante_organization_uid', options.organizationUid);
    writeMeta(db, 'seeded_at_anchor', new Date(options.nowMs).toISOString());
  })();
  // Statistics let the planner pick the covering index for counts; a sampled ANALYZE
  // takes milliseconds even at a million rows.
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
  return { highlevelMs, exanteMs, indexMs, totalMs: performance.now() - started };
}
