import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListQuery, runList } from '../exante/list-query.ts';
import { parseSearchQuery, runSearch } from '../highlevel/search.ts';
import { addExanteConversations } from '../seed/exante-seed.ts';
import { addHighLevelConversations } from '../seed/highlevel-seed.ts';
import { createRng } from '../seed/prng.ts';
import { LOCATION_ID, ORGANIZATION_UID } from '../test-support/fixtures.ts';
import { openDatabase } from './open-database.ts';
import { ensureViewCounts } from './view-counts.ts';
import { PINNED_CLOCK_ISO } from '../seed/demo-identities.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-view-counts-'));
let db: Database;

beforeAll(() => {
  db = openDatabase({
    path: path.join(dir, 'counts.db'),
    seed: 5,
    seedSize: 400,
    locationId: LOCATION_ID,
    organizationUid: ORGANIZATION_UID,
    clockMs: Date.parse(PINNED_CLOCK_ISO),
  }).db;
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Each count table next to the GROUP BY it stands for; empty groups left out. */
function expectCountsExact(): void {
  const rows = (sql: string) => db.prepare(sql).all();
  expect(
    rows(`SELECT location_id, assigned_to, unread_count, starred, last_message_type, n
          FROM hl_view_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`),
  ).toEqual(
    rows(`SELECT location_id, assigned_to, unread_count > 0 AS unread_count, starred,
            last_message_type, COUNT(*) AS n
          FROM hl_conversations GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  );
  expect(
    rows(`SELECT organization_uid, is_read, status, channel, agent_uid, n
          FROM ex_view_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`),
  ).toEqual(
    rows(`SELECT organization_uid, is_read, status, channel, agent_uid, COUNT(*) AS n
          FROM ex_conversations GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  );
  expect(
    rows(`SELECT organization_uid, LOWER(category) AS category, is_read, status, channel,
            agent_uid, n
          FROM ex_category_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6`),
  ).toEqual(
    rows(`SELECT c.organization_uid, LOWER(cc.category) AS category, c.is_read, c.status,
            c.channel, c.agent_uid, COUNT(*) AS n
          FROM ex_conversation_categories cc JOIN ex_conversations c ON c.seq = cc.conversation_seq
          GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`),
  );
  expect(rows('SELECT n FROM hl_view_counts WHERE n < 0')).toEqual([]);
}

/** Deletes a conversation and its full-text entry, as any delete path would have to. */
function deleteConversation(provider: 'hl' | 'ex', seq: number): void {
  const columns =
    provider === 'hl'
      ? ['full_name', 'contact_name', 'email', 'phone', 'last_message_body']
      : ['subject'];
  const fts = `${provider}_fts`;
  db.prepare(
    `INSERT INTO ${fts} (${fts}, rowid, ${columns.join(', ')})
     SELECT 'delete', seq, ${columns.join(', ')} FROM ${provider}_conversations WHERE seq = ?`,
  ).run(seq);
  db.prepare(`DELETE FROM ${provider}_conversations WHERE seq = ?`).run(seq);
}

const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

/** Every total the list code gives, next to a COUNT(*) over the rows. */
function expectTotalsExact(): void {
  const me = one<{ id: string }>('SELECT id FROM hl_users ORDER BY ord LIMIT 1').id;
  for (const extra of [
    '',
    `&assignedTo=${me}`,
    '&assignedTo=unassigned',
    `&assignedTo=${me},unassigned`,
    '&status=unread',
    '&status=read',
    '&status=starred',
    '&lastMessageType=TYPE_SMS&status=unread',
    `&assignedTo=${me}&status=starred`,
    '&query=refund',
  ]) {
    const parsed = parseSearchQuery(new URLSearchParams(`locationId=${LOCATION_ID}${extra}`));
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const where = ['location_id = ?'];
    const params: unknown[] = [LOCATION_ID];
    if (extra.includes('assignedTo=unassigned')) where.push('assigned_to IS NULL');
    if (extra.includes(`assignedTo=${me}`) && !extra.includes(',')) {
      where.push('assigned_to = ?');
      params.push(me);
    }
    if (extra.includes(`${me},unassigned`)) {
      where.splice(1, 1, '(assigned_to = ? OR assigned_to IS NULL)');
      params.push(me);
    }
    if (extra.includes('status=unread')) where.push('unread_count > 0');
    if (extra.includes('status=read')) where.push('unread_count = 0');
    if (extra.includes('status=starred')) where.push('starred = 1');
    if (extra.includes('TYPE_SMS')) where.push("last_message_type = 'TYPE_SMS'");
    if (extra.includes('query=')) {
      where.push(`seq IN (SELECT rowid FROM hl_fts WHERE hl_fts MATCH '"refund"*')`);
    }
    const expected = one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM hl_conversations WHERE ${where.join(' AND ')}`,
      ...params,
    ).n;
    expect({ extra, total: runSearch(db, parsed.value).total }).toEqual({ extra, total: expected });
  }

  const agent = one<{ uid: string }>(
    'SELECT agent_uid AS uid FROM ex_conversations WHERE agent_uid IS NOT NULL LIMIT 1',
  ).uid;
  for (const [extra, where] of [
    ['', '1'],
    ['&is_read=false', 'is_read = 0'],
    ['&status=active,closed', "status IN ('active', 'closed')"],
    [`&agent_uid=${agent}&channel=email`, `agent_uid = '${agent}' AND channel = 'email'`],
    [
      '&category=REFUND',
      "seq IN (SELECT conversation_seq FROM ex_conversation_categories WHERE category = 'refund')",
    ],
    [
      '&category=refund&is_read=true',
      "is_read = 1 AND seq IN (SELECT conversation_seq FROM ex_conversation_categories WHERE category = 'refund')",
    ],
    [
      '&category=refund,billing',
      "seq IN (SELECT conversation_seq FROM ex_conversation_categories WHERE category IN ('refund', 'billing'))",
    ],
    ['&q=invoice', `seq IN (SELECT rowid FROM ex_fts WHERE ex_fts MATCH '"invoice"*')`],
  ] as const) {
    const parsed = parseListQuery(
      new URLSearchParams(`organization_uid=${ORGANIZATION_UID}${extra}`),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const expected = one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ex_conversations WHERE organization_uid = ? AND ${where}`,
      ORGANIZATION_UID,
    ).n;
    expect({ extra, total: runList(db, ORGANIZATION_UID, parsed.value).total }).toEqual({
      extra,
      total: expected,
    });
  }
}

describe('the trigger-kept view counts', () => {
  it('match the rows after the seed, and give the totals a COUNT(*) gives', () => {
    expectCountsExact();
    expectTotalsExact();
  });

  it('stay exact through every kind of write, NULL assignees included', () => {
    const rng = createRng(99);
    const hlUsers = (db.prepare('SELECT id FROM hl_users').all() as { id: string }[]).map(
      (u) => u.id,
    );
    const exAgents = (db.prepare('SELECT uid FROM ex_agents').all() as { uid: string }[]).map(
      (a) => a.uid,
    );
    const hlSeqs = () =>
      (db.prepare('SELECT seq FROM hl_conversations').all() as { seq: number }[]).map((r) => r.seq);
    const exSeqs = () =>
      (db.prepare('SELECT seq FROM ex_conversations').all() as { seq: number }[]).map((r) => r.seq);
    const types = ['TYPE_SMS', 'TYPE_EMAIL', 'TYPE_CALL'];
    const categories = ['billing', 'Refund', 'refund', 'shipping', 'new-category'];

    for (let round = 0; round < 12; round++) {
      const hl = rng.sample(hlSeqs(), 8);
      const ex = rng.sample(exSeqs(), 8);
      db.transaction(() => {
        for (const seq of hl) {
          const column = rng.pick([
            'assigned_to',
            'unread_count',
            'starred',
            'last_message_type',
            'location_id',
          ] as const);
          const value = {
            assigned_to: () => (rng.chance(0.4) ? null : rng.pick(hlUsers)),
            unread_count: () => rng.int(0, 3),
            starred: () => rng.int(0, 1),
            last_message_type: () => rng.pick(types),
            location_id: () => rng.pick([LOCATION_ID, 'OtherLocation']),
          }[column]();
          db.prepare(`UPDATE hl_conversations SET ${column} = ? WHERE seq = ?`).run(value, seq);
        }
        for (const seq of ex) {
          const action = rng.int(0, 5);
          if (action === 0) {
            db.prepare('UPDATE ex_conversations SET agent_uid = ? WHERE seq = ?').run(
              rng.chance(0.4) ? null : rng.pick(exAgents),
              seq,
            );
          } else if (action === 1) {
            db.prepare(
              'UPDATE ex_conversations SET is_read = 1 - is_read, status = ? WHERE seq = ?',
            ).run(rng.pick(['active', 'closed', 'archived', 'draft']), seq);
          } else if (action === 2) {
            // As the PATCH route does: replace the category rows.
            db.prepare('DELETE FROM ex_conversation_categories WHERE conversation_seq = ?').run(
              seq,
            );
            for (const category of rng.sample(categories.slice(1), rng.int(0, 3))) {
              db.prepare(
                'INSERT OR IGNORE INTO ex_conversation_categories (category, conversation_seq) VALUES (?, ?)',
              ).run(category, seq);
            }
          } else if (action === 3) {
            db.prepare(
              'UPDATE ex_conversations SET channel = ?, organization_uid = ? WHERE seq = ?',
            ).run(
              rng.pick(['email', 'sms']),
              rng.pick([ORGANIZATION_UID, '00000000-0000-4000-8000-000000000000']),
              seq,
            );
          } else if (action === 4) {
            // OR REPLACE deletes the rows it collides with: counted only if delete
            // triggers fire for them (recursive_triggers, set on open).
            db.prepare(
              'UPDATE OR REPLACE ex_conversation_categories SET category = ? WHERE conversation_seq = ?',
            ).run(rng.pick(categories), seq);
          } else {
            deleteConversation('ex', seq);
          }
        }
        deleteConversation('hl', rng.pick(hlSeqs()));
      })();
      addHighLevelConversations(db, 2, Date.UTC(2026, 10, 2) + round * 1000);
      addExanteConversations(db, 2, Date.UTC(2026, 10, 2) + round * 1000);
      expectCountsExact();
    }
    expectTotalsExact();
  });

  it('count a category row only while its conversation exists, as the join does', () => {
    const max = one<{ m: number }>('SELECT MAX(seq) AS m FROM ex_conversations').m;
    db.prepare(
      'INSERT INTO ex_conversation_categories (category, conversation_seq) VALUES (?, ?)',
    ).run('orphan', max + 10);
    expectCountsExact();
    const template = one<Record<string, unknown>>(
      'SELECT * FROM ex_conversations WHERE seq = ?',
      max,
    );
    db.prepare(
      `INSERT INTO ex_conversations SELECT ${Object.keys(template)
        .map((column) => (column === 'seq' ? '?' : column === 'uid' ? "'adopted-' || uid" : column))
        .join(', ')} FROM ex_conversations WHERE seq = ?`,
    ).run(max + 10, max);
    expectCountsExact();
    db.prepare('UPDATE ex_conversations SET seq = ? WHERE seq = ?').run(max + 20, max + 10);
    expectCountsExact();
  });

  it('are rebuilt from the rows when the triggers are missing (a file from before them)', () => {
    for (const name of ['hl_view_counts_update_v1', 'ex_category_counts_insert_v1']) {
      db.exec(`DROP TRIGGER ${name}`);
    }
    db.prepare('UPDATE hl_conversations SET starred = 1 - starred WHERE seq % 3 = 0').run();
    db.prepare('DELETE FROM ex_conversation_categories WHERE conversation_seq % 4 = 0').run();
    ensureViewCounts(db);
    expectCountsExact();
    db.prepare('UPDATE hl_conversations SET starred = 1 - starred WHERE seq % 5 = 0').run();
    expectCountsExact();
  });
});
