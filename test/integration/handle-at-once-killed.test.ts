import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/lib/free-port.js';
import { lineTextMessage, lineWebhookBody } from '../fixtures/line-events.js';
import { createCase, linkLineUser } from '../helpers/journey.js';
import { spawnTsunagi, type TsunagiProcess } from '../helpers/process.js';
import { TEST_SECRETS, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A process killed hard (no graceful stop) while it holds events to handle at once, some running, some
 * waiting in memory, some left in the database: nothing of them lived only in that process. After a
 * restart every message reaches its thread, once, in the order sent (issue #14).
 */
describe('inbound events held at once by a process that is killed', { timeout: 90_000 }, () => {
  let t: TestApp;
  let threadTs: string;
  let child: TsunagiProcess | undefined;
  const SON = 'U_killed_son';

  beforeAll(async () => {
    // The restarted app sweeps what nobody handles, right away.
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', SWEEP_EVERY_MS: '200', INBOUND_SWEEP_MIN_AGE_MS: '0' });
    const c = await createCase(t, '加藤K');
    threadTs = c.threadTs;
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: SON });
  });
  afterAll(async () => {
    if (child && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    await t?.close();
  });

  it('after a SIGKILL right after the answer, the restarted app relays every message once, in order', async () => {
    // The process that takes the webhook: the same database, queue store and fakes, handling one at a
    // time with two waiting in memory, and no sweep of its own before it dies.
    await t.app.stop();
    const port = await freePort();
    const redisUrl = inject('redisUrl');
    child = spawnTsunagi(
      {
        ...TEST_SECRETS,
        DATABASE_URL: t.database.url,
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        QUEUE_PREFIX: t.config.queue.prefix,
        SLACK_API_URL: t.slack.url,
        LINE_API_BASE_URL: t.line.apiBaseUrl,
        LINE_DATA_API_BASE_URL: t.line.dataApiBaseUrl,
        SLACK_CHANNEL_POST_INTERVAL_MS: '0',
        AFTER_HOURS_REPLY_PERIOD_HOURS: '0',
        WORKER_CONCURRENCY: '1',
        INBOUND_WAITING_MAX: '2',
        SWEEP_EVERY_MS: '3600000',
        LOG_LEVEL: 'warn',
      },
      port,
    );
    await child.waitUntilReady(60_000);

    const [{ last } = { last: 0 }] = await t.database.sql<Array<{ last: number }>>`select coalesce(max(id), 0)::int as last from inbound_events`;
    const texts = Array.from({ length: 40 }, (_, i) => `連絡 ${String(i + 1).padStart(2, '0')}`);
    t.baseUrl = `http://127.0.0.1:${port}`;
    const res = await t.postLine(lineWebhookBody(texts.map((text) => lineTextMessage({ userId: SON, text }))));
    expect(res.status).toBe(200);
    child.child.kill('SIGKILL');
    await child.exited;

    // Stored, and most of them not handled yet when it died: the test is about those.
    const [left] = await t.database.sql<Array<{ stored: number; waiting: number }>>`
      select count(*)::int as stored, count(*) filter (where status = 'received')::int as waiting
      from inbound_events where id > ${last}`;
    expect(left?.stored).toBe(40);
    expect(left?.waiting).toBeGreaterThan(10);

    await t.restart();
    const relayed = () => t.slack.threadReplies('C_TEAM', threadTs).filter((m) => m.text.includes('連絡 '));
    await t.slack.waitFor(() => (relayed().length >= 40 ? true : undefined), 30_000);
    // A moment more, for a double to show if there were one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(relayed().map((m) => texts.findIndex((text) => m.text.includes(text)))).toEqual(texts.map((_, i) => i));
    const [after] = await t.database.sql<Array<{ waiting: number }>>`
      select count(*)::int as waiting from inbound_events where status <> 'processed' and id > ${last}`;
    expect(after?.waiting).toBe(0);
  });
});
