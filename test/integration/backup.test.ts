import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { createLogger } from '../../src/lib/logger.js';
import { lineTextMessage } from '../fixtures/line-events.js';
import { slashCommand } from '../fixtures/slack-payloads.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createCase, linkLineUser, runCaseCommand, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/** The tables that hold what staff and families did, and the sequences that number it. */
const TABLES = [
  'cases',
  'contacts',
  'invites',
  'messages',
  'records',
  'record_versions',
  'reminders',
  'reminder_pings',
  'audit_log',
  'inbound_events',
  'app_secrets',
];

/** Everything those tables hold, row by row, and every sequence's position: equal snapshots mean the same data. */
async function snapshot(url: string): Promise<Record<string, unknown>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const out: Record<string, unknown> = {};
    for (const table of TABLES) out[table] = JSON.parse(JSON.stringify(await sql.unsafe(`select * from ${table} order by 1`)));
    out.sequences = await sql`select sequencename, last_value::text from pg_sequences where schemaname = 'public' order by 1`;
    out.migrations = await sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by id`;
    return out;
  } finally {
    await sql.end();
  }
}

/** What the queue store holds for this app: Redis keys under its prefix, or whether BullMQ's schema is in the database. */
async function queueStoreItems(t: TestApp, url: string): Promise<number> {
  if (t.config.queue.redisUrl) {
    const redis = new Redis(t.config.queue.redisUrl, { maxRetriesPerRequest: 2 });
    try {
      return (await redis.keys(`${t.config.queue.prefix}:*`)).length;
    } finally {
      await redis.quit();
    }
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_namespace where nspname = 'bullmq'`;
    return row!.n;
  } finally {
    await sql.end();
  }
}

async function rowCount(url: string, table: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
    return row!.n;
  } finally {
    await sql.end();
  }
}

/**
 * npm run backup and npm run restore, run as an administrator would, on data made through the product
 * (a case, a linked LINE user and their message, a record, a visit reminder): backed up while Tsunagi
 * runs, wiped, restored, and Tsunagi started again on it.
 */
describe('npm run backup / npm run restore', () => {
  let t: TestApp;
  let dir: string;
  let archive: string;
  let before: Record<string, unknown>;
  const extraDatabases: TestDatabase[] = [];
  const redisUrl = inject('redisUrl');

  const env = (databaseUrl: string | undefined, extra: Record<string, string> = {}): Record<string, string> => ({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    DATA_DIR: path.join(dir, 'data'),
    ...(redisUrl ? { REDIS_URL: redisUrl, QUEUE_PREFIX: t.config.queue.prefix } : {}),
    ...extra,
  });

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-backup-'));
    // Embedded databases go in folders below: as root, their PostgreSQL runs as 'postgres', which must enter this one.
    await fs.chmod(dir, 0o755);
    t = await startTestApp();
    const c = await createCase(t, 'ハル', { channel: 'C_TEAM', service: 'B型' });
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: 'U_MOTHER', displayName: '母' });
    await sendLine(t, lineTextMessage({ userId: 'U_MOTHER', text: '今朝は熱があるので休ませます' }));
    await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', c.threadTs).find((m) => m.text.includes('今朝は熱があるので休ませます')));
    const recorded = t.slack.responseUrl('update');
    await t.postSlackForm(slashCommand({ command: '/update', text: `${c.code} 体調 朝から発熱のため欠勤`, responseUrl: recorded }));
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith('/update')));
    const visit = t.slack.responseUrl('visit');
    await t.postSlackForm(slashCommand({ command: '/visit', text: `${c.code} 2027-03-10 14:00 職場訪問`, responseUrl: visit }));
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith('/visit')));
    for (const table of ['cases', 'contacts', 'messages', 'records', 'reminders']) expect(await rowCount(t.database.url, table), table).toBeGreaterThan(0);
    // Every post and card delivered: from here on the data stays as it is until the test changes it.
    await eventually(async () => (await rowCount(t.database.url, "messages where delivery_status = 'pending'")) === 0, 30_000);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await Promise.allSettled(extraDatabases.map((d) => d.drop()));
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('backs up while Tsunagi runs: one compressed file with a manifest (schema version, tables, row counts, time), readable with gunzip', async () => {
    before = await snapshot(t.database.url);
    const out = path.join(dir, 'backups');
    const run = await runCli('backup', env(t.database.url, { STAFF_LANGUAGE: 'en' }), ['--out', `${out}/`]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const files = await fs.readdir(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^tsunagi-\d{8}-\d{6}\.backup\.gz$/);
    archive = path.join(out, files[0]!);
    expect(run.stdout).toContain(`✓ Backup written: ${archive}`);
    expect(((await fs.stat(archive)).mode & 0o777).toString(8)).toBe('600'); // people's data: the owner only

    const chunks: Buffer[] = [];
    for await (const chunk of (await fs.open(archive)).createReadStream().pipe(createGunzip())) chunks.push(chunk as Buffer);
    const [magic, manifestLine] = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(magic).toBe('TSUNAGI-BACKUP 1');
    const manifest = JSON.parse(manifestLine!) as {
      createdAt: string;
      schema: { migrations: number; lastMigrationTag: string };
      tables: Array<{ name: string; rows: number }>;
    };
    expect(Date.now() - Date.parse(manifest.createdAt)).toBeLessThan(60_000);
    expect(manifest.schema.migrations).toBeGreaterThan(0);
    expect(manifest.schema.lastMigrationTag).toMatch(/^\d{4}_\w+$/);
    const rows = Object.fromEntries(manifest.tables.map((x) => [x.name, x.rows]));
    for (const table of ['cases', 'contacts', 'messages', 'records', 'reminders'])
      expect(rows[`public.${table}`], table).toBe(await rowCount(t.database.url, table));
    expect(rows['drizzle.__drizzle_migrations']).toBe(manifest.schema.migrations);
    // Parents before the tables that reference them.
    const order = manifest.tables.map((x) => x.name);
    expect(order.indexOf('public.cases')).toBeLessThan(order.indexOf('public.messages'));
    expect(order.indexOf('public.messages')).toBeLessThan(order.indexOf('public.records'));
    expect(order.indexOf('public.records')).toBeLessThan(order.indexOf('public.reminders'));
  });

  it('restore refuses while Tsunagi uses the database, then, once it is stopped, a database that holds data (without --replace)', async () => {
    const inUse = await runCli('restore', env(t.database.url), [archive, '--replace']);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toMatch(/^✗ Tsunagi がこのデータベースを使っています（接続 \d+ 件）/);

    await t.app.stop();
    const notEmpty = await runCli('restore', env(t.database.url), [archive]);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toContain('✗ データベースにはすでにデータがあります（');
    expect(notEmpty.stderr).toContain('public.cases');
    expect(notEmpty.stderr).toContain('--replace');
    expect(await snapshot(t.database.url)).toEqual(before);
  });

  it('backup, wipe, restore: the cases, messages, records and reminders are back, sequences included', async () => {
    const sql = postgres(t.database.url, { max: 1, onnotice: () => {} });
    await sql`delete from audit_log`;
    await sql`delete from cases`; // everything of the cases goes with them (cascade)
    await sql`delete from inbound_events`;
    await sql`delete from app_secrets`;
    await sql`select setval('case_code_seq', 1, false)`;
    await sql.end();
    expect(await rowCount(t.database.url, 'messages')).toBe(0);
    expect(await queueStoreItems(t, t.database.url)).toBeGreaterThan(0);

    const run = await runCli('restore', env(t.database.url), [archive, '--replace']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`✓ 復元しました: ${archive}`);
    expect(run.stdout).toContain('元のデータは削除し、バックアップの内容に置き換えました。');
    expect(await snapshot(t.database.url)).toEqual(before);
    // The queue store held jobs of the data that was there: emptied (Tsunagi re-derives them at start).
    expect(await queueStoreItems(t, t.database.url)).toBe(0);
  });

  it('restored into a new, empty database, Tsunagi starts on it: the case, its record and its reminder are there, and case codes go on', async () => {
    const fresh = await createTestDatabase();
    extraDatabases.push(fresh);
    const run = await runCli('restore', env(fresh.url), [archive]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await snapshot(fresh.url)).toEqual(before);

    const again = await startTestApp({ DATABASE_URL: fresh.url });
    try {
      const shown = await runCaseCommand(again, 'show C-0001');
      expect(shown).toContain('ハル');
      expect(shown).toContain('朝から発熱のため欠勤');
      expect(shown).toContain('職場訪問');
      const next = await createCase(again, 'ケン');
      expect(next.code).toBe('C-0002'); // the code sequence came back too: C-0001 is never handed out twice
    } finally {
      await again.close();
    }
  }, 120_000);

  it('embedded mode: restore creates the embedded database, backup works with it running or not, and a restore of that is the same data', async () => {
    const first = path.join(dir, 'embedded-1');
    const second = path.join(dir, 'embedded-2');
    const restored = await runCli('restore', { ...env(undefined), DATA_DIR: first }, [archive]);
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);

    // Running (here in this process, as a Tsunagi would run it): backup joins it; restore refuses.
    const embedded = await startEmbeddedDatabase(first, createLogger('silent'));
    try {
      expect(await snapshot(embedded.url)).toEqual(before);
      const whileRunning = await runCli('backup', { DATA_DIR: first }, ['--out', path.join(dir, 'while-running.backup.gz')]);
      expect(whileRunning.code, whileRunning.stdout + whileRunning.stderr).toBe(0);
      expect(whileRunning.stdout).not.toContain('組み込み PostgreSQL をこのために起動し');
      const refused = await runCli('restore', { DATA_DIR: first }, [archive, '--replace']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^✗ Tsunagi が動いています（プロセス \d+）/);
    } finally {
      await embedded.stop();
    }

    // Stopped: backup starts the embedded PostgreSQL itself, and stops it again.
    const stopped = await runCli('backup', { DATA_DIR: first }, ['--out', path.join(dir, 'stopped.backup.gz')]);
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain('（組み込み PostgreSQL をこのために起動し、終わってから停止しました）');

    for (const [name, file] of [
      ['while running', 'while-running.backup.gz'],
      ['stopped', 'stopped.backup.gz'],
    ] as const) {
      await fs.rm(second, { recursive: true, force: true });
      const run = await runCli('restore', { DATA_DIR: second }, [path.join(dir, file)]);
      expect(run.code, `${name}: ${run.stdout}${run.stderr}`).toBe(0);
      const check = await startEmbeddedDatabase(second, createLogger('silent'));
      try {
        expect(await snapshot(check.url), name).toEqual(before);
      } finally {
        await check.stop();
      }
    }
  }, 180_000);

  it('a damaged or cut-short file is refused and the database keeps its data', async () => {
    const cut = path.join(dir, 'cut.backup.gz');
    const whole = await fs.readFile(archive);
    await fs.writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    const run = await runCli('restore', env(t.database.url), [cut, '--replace']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^✗ 失敗しました: /);
    // Dropping, migrating and loading are one transaction: the failed --replace changed nothing.
    expect(await snapshot(t.database.url)).toEqual(before);
    const notBackup = path.join(dir, 'not-a-backup.gz');
    await fs.writeFile(notBackup, 'hello');
    const other = await runCli('restore', env(t.database.url), [notBackup]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('is not a readable Tsunagi backup');
    expect(await snapshot(t.database.url)).toEqual(before);
  });

  it('--keep n keeps the newest n backups of the folder and touches no other file', async () => {
    const folder = path.join(dir, 'rotation');
    await fs.mkdir(folder);
    for (const stamp of ['20260101-030000', '20260102-030000', '20260103-030000']) await fs.writeFile(path.join(folder, `tsunagi-${stamp}.backup.gz`), '');
    await fs.writeFile(path.join(folder, 'notes.txt'), 'mine');
    const run = await runCli('backup', env(t.database.url), ['--out', `${folder}/`, '--keep', '2']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const left = (await fs.readdir(folder)).sort();
    expect(left).toHaveLength(3);
    expect(left).toContain('notes.txt');
    expect(left).toContain('tsunagi-20260103-030000.backup.gz');
    expect(left.filter((f) => f.startsWith('tsunagi-2026010'))).toEqual(['tsunagi-20260103-030000.backup.gz']);
  });
});
