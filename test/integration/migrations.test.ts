import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/client.js';
import { MIGRATIONS_FOLDER, runMigrations } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { createLogger } from '../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * The migrations of the architecture work (0005–0007) turn the data an earlier release stored into
 * the typed shapes the core reads: a database at 0004 with rows in the old shapes (the `meta` bag,
 * `updates`, held messages whose content was in the webhook event) is migrated, then read through
 * the app's store, which validates what it reads.
 */
async function migrateUpTo(url: string, lastTag: string): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-migrations-'));
  try {
    await fs.cp(MIGRATIONS_FOLDER, dir, { recursive: true });
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(await fs.readFile(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
    const upTo = journal.entries.findIndex((e) => e.tag === lastTag);
    expect(upTo).toBeGreaterThanOrEqual(0);
    journal.entries = journal.entries.slice(0, upTo + 1);
    await fs.writeFile(journalFile, JSON.stringify(journal));
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: dir });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('migrating data stored by an earlier release (0004) to the typed shapes', () => {
  let db: TestDatabase;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateUpTo(db.url, '0004_trust');
    const sql = db.sql;
    const [c] = await sql<Array<{ id: number }>>`
      insert into cases (code, label, slack_channel_id, responsible_user_id) values ('C-0001', '佐藤R', 'C_OLD', 'U_STAFF') returning id`;
    const caseId = c!.id;
    const [contact] = await sql<Array<{ id: number }>>`
      insert into contacts (case_id, line_user_id, role, status) values (${caseId}, 'U_MOTHER', '家族', 'active') returning id`;
    let seq = 0;
    const message = async (values: Record<string, unknown>) => {
      seq += 1;
      const row = { case_id: caseId, seq, idempotency_key: `k${seq}`, ...values };
      const [m] = await sql<Array<{ id: number }>>`insert into messages ${sql(row as Record<string, postgres.SerializableParameter>)} returning id`;
      return Number(m!.id);
    };
    const json = (v: unknown) => sql.json(v as postgres.JSONValue);
    ids.sticker = await message({
      direction: 'line_to_slack',
      kind: 'sticker',
      contact_id: contact!.id,
      meta: json({ packageId: '446', stickerId: '1988', keywords: ['ありがとう'] }),
      slack_ts: '1.1',
    });
    ids.location = await message({
      direction: 'line_to_slack',
      kind: 'location',
      contact_id: contact!.id,
      meta: json({ title: '自宅', address: '東京都', latitude: 35.6, longitude: 139.7 }),
      slack_ts: '1.2',
    });
    ids.video = await message({
      direction: 'line_to_slack',
      kind: 'video',
      contact_id: contact!.id,
      meta: json({ duration: 12000, noAnswerAt: '2026-11-01T00:00:00Z', postFailures: 2 }),
    });
    ids.failedPost = await message({
      direction: 'line_to_slack',
      kind: 'text',
      body: '届かなかった',
      contact_id: contact!.id,
      meta: json({ threadPost: 'failed', postFailures: 5 }),
    });
    ids.push = await message({
      direction: 'slack_to_line',
      kind: 'text',
      body: '承知しました',
      slack_user_id: 'U_STAFF',
      delivery_status: 'pending',
      meta: json({ pushedRequests: 1, failures: 2, withdrawal: 'pending', filesToDelete: ['F1', 'F2'] }),
    });
    const [update] = await sql<Array<{ id: number }>>`
      insert into updates (case_id, author_user_id, category, occurred_at, body, idempotency_key, version)
      values (${caseId}, 'U_STAFF', 'health', now(), '体調は良い', 'u1', 2) returning id`;
    ids.record = Number(update!.id);
    await sql`insert into update_versions (update_id, version, snapshot, edited_by) values (${ids.record}, 1, ${json({ body: '体調' })}, 'U_STAFF')`;
    ids.card = await message({
      direction: 'note',
      kind: 'text',
      body: '記録',
      slack_ts: '1.3',
      meta: json({ updateId: ids.record, shownVersion: 1, cardFailedVersion: 2 }),
    });
    await sql`update updates set card_message_id = ${ids.card} where id = ${ids.record}`;
    const [reminder] = await sql<Array<{ id: number }>>`
      insert into reminders (case_id, kind, rule, title, due_day, due_at, assignee_user_id, created_by, idempotency_key, source_update_id)
      values (${caseId}, 'task', 'manual', '次の面談', '2026-12-01', now(), 'U_STAFF', 'U_STAFF', 'r1', ${ids.record}) returning id`;
    const [ping] = await sql<Array<{ id: number }>>`
      insert into reminder_pings (reminder_id, kind, label, fire_at) values (${reminder!.id}, 'due', '当日', now()) returning id`;
    ids.ping = Number(ping!.id);
    ids.pingNote = await message({ direction: 'note', kind: 'text', body: '⏰', meta: json({ pingId: ids.ping }) });
    ids.retryNotice = await message({ direction: 'note', kind: 'text', body: '⚠️ 送れませんでした', meta: json({ retrySelf: true }) });
    ids.eventNotice = await message({ direction: 'note', kind: 'text', body: '⚠️ 処理できませんでした', meta: json({ retryInboundEventId: 77 }) });

    // A message held for "which case?" whose content is still in its webhook event, and one whose event lost it.
    const event = (externalId: string, payload: unknown, scrubbed: boolean) =>
      sql<Array<{ id: number }>>`
        insert into inbound_events (source, external_id, kind, payload, status, actor, scrubbed_at)
        values ('line', ${externalId}, 'message', ${json(payload)}, 'processed', 'U_NURSE', ${scrubbed ? new Date() : null}) returning id`;
    const [held] = await event(
      'W_HELD',
      {
        destination: 'Ubot',
        event: {
          type: 'message',
          timestamp: 1764460800000,
          message: { id: 'M_HELD', type: 'text', text: '明日の訪問は10時です' },
          source: { type: 'user', userId: 'U_NURSE' },
        },
      },
      false,
    );
    const [gone] = await event('W_GONE', { destination: 'Ubot', event: { type: 'message', message: { id: 'M_GONE', type: 'text' } } }, true);
    await sql`insert into held_messages (line_user_id, inbound_event_id) values ('U_NURSE', ${held!.id}), ('U_NURSE', ${gone!.id})`;

    await runMigrations(db.url, createLogger('silent'));
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('moves what messages.meta held into typed columns, and drops meta', async () => {
    const rows = await db.sql<Array<Record<string, unknown>>>`select * from messages order by id`;
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    expect(rows[0]).not.toHaveProperty('meta');
    expect(byId.get(ids.sticker!)?.details).toEqual({ sticker: { packageId: '446', stickerId: '1988', keywords: ['ありがとう'] } });
    expect(byId.get(ids.location!)?.details).toEqual({ location: { title: '自宅', address: '東京都', latitude: 35.6, longitude: 139.7 } });
    expect(byId.get(ids.video!)).toMatchObject({ details: { durationMs: 12000 }, post_failures: 2, post_failed: false });
    expect((byId.get(ids.video!)?.post_no_answer_at as Date).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(byId.get(ids.failedPost!)).toMatchObject({ post_failed: true, post_failures: 5 });
    expect(byId.get(ids.push!)).toMatchObject({ push_requests_done: 1, push_failures: 2, withdrawal: 'owed', files_to_delete: ['F1', 'F2'] });
    expect(byId.get(ids.card!)).toMatchObject({ note: { kind: 'record_card', recordId: ids.record }, card_version: 2 });
    expect(byId.get(ids.pingNote!)?.note).toEqual({ kind: 'reminder_ping', pingId: ids.ping });
    expect(byId.get(ids.retryNotice!)?.note).toEqual({ kind: 'notice', notice: { type: 'rendered', retryMessageId: ids.retryNotice } });
    expect(byId.get(ids.eventNotice!)?.note).toEqual({ kind: 'notice', notice: { type: 'rendered', retryInboundEventId: 77 } });
  });

  it('renames updates to records (versions and reminders follow)', async () => {
    const [record] = await db.sql<Array<{ id: number; body: string; card_message_id: number }>>`select id::int, body, card_message_id::int from records`;
    expect(record).toMatchObject({ id: ids.record, body: '体調は良い', card_message_id: ids.card });
    expect(await db.sql`select version from record_versions where record_id = ${ids.record!}`).toEqual([{ version: 1 }]);
    expect(await db.sql`select source_record_id::int from reminders`).toEqual([{ source_record_id: ids.record }]);
  });

  it('gives held messages their own content; one whose event lost it is let go', async () => {
    const held = await db.sql<Array<{ line_message_id: string; message: Record<string, unknown> }>>`select line_message_id, message from held_messages`;
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      line_message_id: 'M_HELD',
      message: {
        webhookEventId: 'W_HELD',
        lineMessageId: 'M_HELD',
        kind: 'text',
        text: '明日の訪問は10時です',
        attachments: [],
        sentAt: '2025-11-30T00:00:00.000Z',
      },
    });
  });

  it('reads every converted row through the app’s store, which validates it', async () => {
    const database = connectDatabase(db.url);
    try {
      const store = createStore(database.db);
      for (const id of Object.values({
        card: ids.card,
        ping: ids.pingNote,
        retry: ids.retryNotice,
        event: ids.eventNotice,
        sticker: ids.sticker,
        push: ids.push,
      })) {
        expect(await store.messages.byId(id!), String(id)).toBeDefined();
      }
      const held = await store.choices.held('U_NURSE');
      expect(held.map((h) => h.message.text)).toEqual(['明日の訪問は10時です']);
    } finally {
      await database.close();
    }
  });
});
