import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseTenantMismatch, openDatabase } from '../db/open-database.ts';
import { HL_HEADERS, LOCATION_ID, ORGANIZATION_UID, request } from '../test-support/fixtures.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { addExanteConversations } from './exante-seed.ts';
import { addHighLevelConversations } from './highlevel-seed.ts';
import { HOSTILE_STRINGS, LONG_TEXT } from './vocabulary.ts';
import { PINNED_CLOCK_ISO } from './demo-identities.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-seed-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function open(name: string, seed: number, size = 300) {
  return openDatabase({
    path: path.join(dir, name),
    seed,
    seedSize: size,
    locationId: LOCATION_ID,
    organizationUid: ORGANIZATION_UID,
    clockMs: Date.parse(PINNED_CLOCK_ISO),
  });
}

const dump = (db: ReturnType<typeof open>['db'], table: string) =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();

describe('the seed', () => {
  it('is deterministic: the same seed gives the same database, another seed another', () => {
    const a = open('a.db', 7);
    const b = open('b.db', 7);
    const c = open('c.db', 8);
    for (const table of [
      'hl_users',
      'hl_conversations',
      'hl_scores',
      'ex_agents',
      'ex_conversations',
    ]) {
      expect(dump(b.db, table)).toEqual(dump(a.db, table));
    }
    expect(dump(c.db, 'hl_conversations')).not.toEqual(dump(a.db, 'hl_conversations'));
    expect(dump(c.db, 'ex_conversations')).not.toEqual(dump(a.db, 'ex_conversations'));
    for (const opened of [a, b, c]) opened.db.close();
  });

  it('gives the same first page over HTTP for the same seed', async () => {
    const first = await startTestServer({ size: 150, seed: 3 });
    const second = await startTestServer({ size: 150, seed: 3 });
    try {
      const url = `/providers/highlevel/conversations/search?locationId=${LOCATION_ID}`;
      const one = await request<{ traceId: string }>(`${first.url}${url}`, { headers: HL_HEADERS });
      const two = await request<{ traceId: string }>(`${second.url}${url}`, {
        headers: HL_HEADERS,
      });
      expect({ ...two.body, traceId: '' }).toEqual({ ...one.body, traceId: '' });
      const exUrl = '/providers/exante/api/conversations';
      const headers = { Authorization: HL_HEADERS.Authorization };
      expect((await request(`${second.url}${exUrl}`, { headers })).body).toEqual(
        (await request(`${first.url}${exUrl}`, { headers })).body,
      );
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('has realistic proportions, agents, ids and deliberate ties', () => {
    const { db } = open('shape.db', 1, 2000);
    const hl = db.prepare('SELECT * FROM hl_conversations').all() as Record<string, unknown>[];
    const share = (pred: (r: Record<string, unknown>) => boolean, rows = hl) =>
      rows.filter(pred).length / rows.length;
    expect(share((r) => r.assigned_to === null)).toBeGreaterThan(0.1);
    expect(share((r) => r.assigned_to === null)).toBeLessThan(0.2);
    expect(share((r) => (r.unread_count as number) > 0)).toBeGreaterThan(0.1);
    expect(share((r) => r.starred === 1)).toBeGreaterThan(0.03);
    const dates = hl.map((r) => r.last_message_date as number);
    const tied = dates.filter((d, _, all) => all.indexOf(d) !== all.lastIndexOf(d)).length;
    expect(tied / dates.length).toBeGreaterThan(0.1);
    for (const r of hl) {
      expect(r.id).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(r.msg_count as number).toBeGreaterThanOrEqual(3);
      expect(r.msg_count as number).toBeLessThanOrEqual(12);
      expect(r.date_added as number).toBeLessThanOrEqual(r.last_message_date as number);
    }
    const users = db.prepare('SELECT id FROM hl_users').all() as { id: string }[];
    expect(users.length).toBeGreaterThanOrEqual(8);
    expect(users.length).toBeLessThanOrEqual(12);

    const ex = db.prepare('SELECT * FROM ex_conversations').all() as Record<string, unknown>[];
    expect(share((r) => r.agent_uid === null, ex)).toBeGreaterThan(0.1);
    expect(share((r) => r.agent_uid === null, ex)).toBeLessThan(0.2);
    expect(new Set(ex.map((r) => r.status))).toEqual(
      new Set(['draft', 'active', 'archived', 'closed']),
    );
    const agents = db.prepare('SELECT uid FROM ex_agents').all() as { uid: string }[];
    expect(agents.length).toBeGreaterThanOrEqual(8);
    for (const a of agents)
      expect(a.uid).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    db.close();
  });

  it('plants hostile strings where a UI shows them', () => {
    const { db } = open('hostile.db', 1, 600);
    const hlText = (
      db
        .prepare('SELECT full_name, last_message_body, company_name FROM hl_conversations')
        .all() as Record<string, string | null>[]
    ).flatMap((r) => Object.values(r));
    const exText = (
      db.prepare('SELECT subject, metadata FROM ex_conversations').all() as Record<string, string>[]
    ).flatMap((r) => [
      r.subject,
      (JSON.parse(r.metadata as string) as { snippet: string }).snippet,
    ]);
    for (const hostile of [...HOSTILE_STRINGS, LONG_TEXT]) {
      expect(hlText, hostile.slice(0, 30)).toContain(hostile);
      expect(exText, hostile.slice(0, 30)).toContain(hostile);
    }
    expect(LONG_TEXT).toHaveLength(2000);
    expect(hlText.some((t) => t?.includes('<script>'))).toBe(true);
    expect(hlText.some((t) => /[\u0590-\u05FF]/.test(t ?? ''))).toBe(true);
    db.close();
  });

  it('seeds only an empty file, and refuses a file seeded for another tenant', () => {
    const first = open('once.db', 1, 50);
    expect(first.seeded).not.toBeNull();
    first.db.prepare('UPDATE hl_conversations SET starred = 1').run();
    first.db.close();
    const again = open('once.db', 99, 80);
    expect(again.seeded).toBeNull();
    expect(
      (
        again.db.prepare('SELECT COUNT(*) AS n FROM hl_conversations WHERE starred = 0').get() as {
          n: number;
        }
      ).n,
    ).toBe(0);
    expect(
      (again.db.prepare('SELECT COUNT(*) AS n FROM hl_conversations').get() as { n: number }).n,
    ).toBe(50);
    again.db.close();
    expect(() =>
      openDatabase({
        path: path.join(dir, 'once.db'),
        seed: 1,
        seedSize: 50,
        locationId: 'AnotherLocation00001',
        organizationUid: ORGANIZATION_UID,
        clockMs: Date.parse(PINNED_CLOCK_ISO),
      }),
    ).toThrow(DatabaseTenantMismatch);
  });
});

/**
 * The live test hook draws from a stream derived from the newest row and the clock, and a
 * mulberry32 stream can replay a stretch of the seed's. These tests plant, before the hook
 * runs, exactly the ids it is about to draw (found by a rolled-back dry run).
 */
describe('conversations added by the live test hook', () => {
  const NOW = Date.UTC(2026, 10, 21, 12);
  type Db = ReturnType<typeof open>['db'];
  function dryRun<T>(db: Db, run: () => T): T {
    db.exec('SAVEPOINT dry_run');
    try {
      return run();
    } finally {
      db.exec('ROLLBACK TO dry_run; RELEASE dry_run');
    }
  }
  const count = (db: Db, sql: string, value: string | null) =>
    (db.prepare(sql).get(value) as { n: number }).n;

  it('never reuse a HighLevel conversation or contact id already stored', () => {
    const { db } = open('live-hl.db', 5, 100);
    const add = () => addHighLevelConversations(db, 3, NOW, { oneContact: true });
    const planned = dryRun(db, add);
    db.prepare('UPDATE hl_conversations SET id = ? WHERE seq = 1').run(planned.ids[1]);
    db.prepare('UPDATE hl_conversations SET contact_id = ? WHERE seq = 2').run(planned.contact);

    const added = add();
    expect(added.ids).toHaveLength(3);
    expect(new Set(added.ids).size).toBe(3);
    expect(added.contact).not.toBe(planned.contact);
    const byContact = 'SELECT COUNT(*) AS n FROM hl_conversations WHERE contact_id = ?';
    expect(count(db, byContact, added.contact)).toBe(3);
    for (const id of added.ids) {
      expect(count(db, 'SELECT COUNT(*) AS n FROM hl_conversations WHERE id = ?', id)).toBe(1);
    }
    db.close();
  });

  it('never reuse an Exante conversation or party uid already stored', () => {
    const { db } = open('live-ex.db', 5, 100);
    const add = () => addExanteConversations(db, 3, NOW, { oneContact: true });
    const planned = dryRun(db, add);
    db.prepare('UPDATE ex_conversations SET uid = ? WHERE seq = 1').run(planned.ids[1]);
    db.prepare('UPDATE ex_parties SET uid = ? WHERE rowid = 1').run(planned.contact);

    const added = add();
    expect(added.ids).toHaveLength(3);
    expect(new Set(added.ids).size).toBe(3);
    expect(added.contact).not.toBe(planned.contact);
    const byParty = 'SELECT COUNT(*) AS n FROM ex_conversations WHERE party_uid = ?';
    expect(count(db, byParty, added.contact)).toBe(3);
    for (const id of added.ids) {
      expect(count(db, 'SELECT COUNT(*) AS n FROM ex_conversations WHERE uid = ?', id)).toBe(1);
    }
    db.close();
  });
});
