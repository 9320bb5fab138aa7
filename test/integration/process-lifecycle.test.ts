import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { createLogger } from '../../src/lib/logger.js';
import { freePort } from '../../src/lib/free-port.js';
import { startFakeLine, type FakeLine } from '../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { lineTextMessage, lineWebhookBody } from '../fixtures/line-events.js';
import { createTestDatabase, uniqueQueuePrefix } from '../helpers/database.js';
import { spawnTsunagi } from '../helpers/process.js';
import { signLineBody } from '../helpers/sign.js';
import { TEST_SECRETS } from '../helpers/test-app.js';

/** `npm start` as an operator runs it: a separate process, configured only by its environment. */
describe('the tsunagi process', () => {
  let slack: FakeSlack;
  let line: FakeLine;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    [slack, line] = await Promise.all([startFakeSlack(), startFakeLine()]);
  });
  afterAll(async () => {
    await Promise.allSettled([slack.close(), line.close()]);
    await Promise.all(tempDirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  const baseEnv = (): Record<string, string> => ({
    ...TEST_SECRETS,
    SLACK_API_URL: slack.url,
    LINE_API_BASE_URL: line.apiBaseUrl,
    LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
    LOG_LEVEL: 'info',
  });
  const dataDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-proc-'));
    tempDirs.push(dir);
    return dir;
  };
  const postLine = (port: number, body: unknown) => {
    const raw = JSON.stringify(body);
    return fetch(`http://127.0.0.1:${port}/line/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(TEST_SECRETS.LINE_CHANNEL_SECRET, raw) },
      body: raw,
    });
  };
  /** Opens the embedded database of a stopped process and counts its stored LINE events. */
  const countStoredEvents = async (dir: string) => {
    const embedded = await startEmbeddedDatabase(dir, createLogger('silent'));
    const sql = postgres(embedded.url, { max: 1 });
    try {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from inbound_events where source = 'line'`;
      return row?.n;
    } finally {
      await sql.end();
      await embedded.stop();
    }
  };

  it('exits non-zero, naming the variable, when a secret is missing', async () => {
    const env = baseEnv();
    delete (env as Partial<typeof env>).LINE_CHANNEL_SECRET;
    const proc = spawnTsunagi({ ...env, DATA_DIR: await dataDir() }, await freePort());
    const { code } = await proc.exited;
    expect(code).not.toBe(0);
    expect(proc.output()).toContain('LINE_CHANNEL_SECRET is not set');
    expect(proc.output()).not.toContain('    at '); // a message, not a stack trace
  });

  it('in embedded mode: ready, exits 0 within 10 s of SIGTERM, and finds its data again after a restart', async () => {
    const dir = await dataDir();
    const env = { ...baseEnv(), DATA_DIR: dir };
    const body = lineWebhookBody([lineTextMessage({ userId: 'U_first_run', text: 'こんにちは' })]);

    const first = spawnTsunagi(env, await freePort());
    await first.waitUntilReady();
    expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${first.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
    expect((await postLine(first.port, body)).status).toBe(200);
    const firstStop = await first.stop('SIGTERM');
    expect(firstStop.code).toBe(0);
    expect(firstStop.ms).toBeLessThan(10_000);

    const second = spawnTsunagi(env, await freePort());
    await second.waitUntilReady();
    // The same event again (a LINE redelivery): deduplicated against the row stored by the first run.
    expect((await postLine(second.port, body)).status).toBe(200);
    expect((await second.stop('SIGINT')).code).toBe(0);

    expect(await countStoredEvents(dir)).toBe(1);
  });

  it('after being killed (SIGKILL), the next start takes its embedded database over', async () => {
    const dir = await dataDir();
    const env = { ...baseEnv(), DATA_DIR: dir };
    const first = spawnTsunagi(env, await freePort());
    await first.waitUntilReady();
    expect((await postLine(first.port, lineWebhookBody([lineTextMessage({ userId: 'U_k', text: 'x' })]))).status).toBe(200);
    await first.stop('SIGKILL');

    const second = spawnTsunagi(env, await freePort());
    await second.waitUntilReady();
    expect(second.output()).toContain('left running by a previous process');
    expect((await second.stop('SIGTERM')).code).toBe(0);
    expect(await countStoredEvents(dir)).toBe(1);
  });

  it('refuses clearly when another running process holds the embedded database', async () => {
    const dir = await dataDir();
    const env = { ...baseEnv(), DATA_DIR: dir };
    const first = spawnTsunagi(env, await freePort());
    await first.waitUntilReady();
    const second = spawnTsunagi(env, await freePort());
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/already in use by process \d+.*set DATABASE_URL/);
    expect((await first.stop()).code).toBe(0);
  });

  it('two processes started at the same moment on one empty database both come up (migration lock)', async () => {
    const database = await createTestDatabase();
    const redisUrl = inject('redisUrl');
    const env = {
      ...baseEnv(),
      DATABASE_URL: database.url,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    };
    try {
      const [a, b] = [spawnTsunagi(env, await freePort()), spawnTsunagi(env, await freePort())];
      await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
      const sql = postgres(database.url, { max: 1 });
      try {
        const journal = JSON.parse(await fs.readFile('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
        const [applied] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(applied?.n).toBe(journal.entries.length);
        const tables = await sql<{ table_name: string }[]>`
          select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
        expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['audit_log', 'cases', 'contacts', 'inbound_events', 'invites', 'messages']));
      } finally {
        await sql.end();
      }
      const [stopA, stopB] = await Promise.all([a.stop(), b.stop()]);
      expect([stopA.code, stopB.code]).toEqual([0, 0]);
    } finally {
      await database.drop();
    }
  });
});
