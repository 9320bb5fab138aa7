/**
 * npm run bench: how fast LINE messages are accepted and relayed, and how much memory it takes.
 * Runs the real app against the local Slack and LINE fakes, on DATABASE_URL/REDIS_URL if set, else
 * on an embedded PostgreSQL in a temporary directory. Prints the numbers and fails below the targets.
 */
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startTsunagi } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { sql } from 'drizzle-orm';
import { startEmbeddedDatabase } from '../src/db/embedded.js';
import { createLogger } from '../src/lib/logger.js';
import { startFakeLine } from '../test/fakes/line-api.js';
import { startFakeSlack } from '../test/fakes/slack-api.js';

const CASES = 20;
const PER_CASE = 50;
const EVENTS_PER_BODY = 10;
const CONCURRENT_POSTERS = 8;
const TARGETS = { intakeEventsPerSec: 200, deliveredWithinSec: 60, p95LatencyMs: 20_000, rssMb: 500 };

const secrets = {
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-slack',
  LINE_CHANNEL_ACCESS_TOKEN: 'bench-line',
  LINE_CHANNEL_SECRET: 'bench-line-secret',
};
const silent = createLogger('silent');
const appLogger = process.env.BENCH_LOG ? createLogger('info') : silent;

async function main(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!adminUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-bench-pg-'));
    const embedded = await startEmbeddedDatabase(dir, silent);
    adminUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const name = `tsunagi_bench_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const [slack, line] = await Promise.all([startFakeSlack(), startFakeLine()]);
  const config = loadConfig({
    ...secrets,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl.toString(),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: `{bench${Date.now()}}` } : {}),
    SLACK_API_URL: slack.url,
    LINE_API_BASE_URL: line.apiBaseUrl,
    LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
    SLACK_CHANNEL_POST_INTERVAL_MS: '0',
    LOG_LEVEL: 'silent',
  });
  const app = await startTsunagi(config, appLogger);
  try {
    // Cases with consented LINE contacts, one channel each (pacing is per channel; Slack's limit is not the subject here).
    const users: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const channel = `CBENCH${i}`;
      const c = await app.core.store.cases.create({
        label: `bench${i}`,
        service: null,
        slackChannelId: channel,
        slackTeamId: null,
        responsibleUserId: 'UBENCH',
      });
      const root = await app.slack.client.chat.postMessage({ channel, text: c.code });
      await app.core.store.cases.setThread(c.id, root.ts as string);
      const userId = `Ubench${i}`;
      await app.database.db.execute(
        sql`insert into contacts (case_id, line_user_id, role, status, consent_given_at) values (${c.id}, ${userId}, '家族', 'active', now())`,
      );
      users.push(userId);
    }

    const bodies: string[] = [];
    const sentAt = new Map<string, number>();
    for (let round = 0; round < PER_CASE; round++) {
      for (let i = 0; i < CASES; i += EVENTS_PER_BODY) {
        const events = users.slice(i, i + EVENTS_PER_BODY).map((userId) => ({
          type: 'message',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId },
          webhookEventId: randomUUID(),
          deliveryContext: { isRedelivery: false },
          replyToken: randomUUID(),
          message: { id: randomUUID(), type: 'text', quoteToken: 'q', text: `bench ${userId} ${round}` },
        }));
        bodies.push(JSON.stringify({ destination: 'Ubot', events }));
      }
    }
    const url = `http://127.0.0.1:${app.port}/line/webhook`;
    const intakeStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENT_POSTERS }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as string;
          const signature = createHmac('sha256', secrets.LINE_CHANNEL_SECRET).update(body).digest('base64');
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
          if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
          const now = Date.now();
          for (const e of (JSON.parse(body) as { events: Array<{ message: { text: string } }> }).events) sentAt.set(e.message.text, now);
        }
      }),
    );
    const intakeSec = (performance.now() - intakeStart) / 1000;
    const total = CASES * PER_CASE;

    const deliverStart = Date.now();
    const deadline = deliverStart + TARGETS.deliveredWithinSec * 1000;
    const posted = () => slack.messages.filter((m) => m.text.includes('bench Ubench'));
    while (posted().length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const delivered = posted();
    const postTimes = new Map(slack.calls.filter((c) => c.method === 'chat.postMessage').map((c) => [String(c.args.text ?? '').replace(/^.*: /, ''), c.at]));
    const latencies = [...sentAt.entries()].map(([text, at]) => (postTimes.get(text) ?? Number.POSITIVE_INFINITY) - at).sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
    const duplicates = delivered.length - new Set(delivered.map((m) => m.text)).size;
    const rssMb = process.memoryUsage().rss / 1024 / 1024;

    const results = {
      queue: app.queueKind,
      events: total,
      intakeEventsPerSec: Math.round(total / intakeSec),
      delivered: delivered.length,
      duplicates,
      deliverySec: Math.round((Date.now() - deliverStart) / 100) / 10,
      p50LatencyMs: Math.round(pct(50)),
      p95LatencyMs: Math.round(pct(95)),
      rssMb: Math.round(rssMb),
    };
    console.log(JSON.stringify(results, null, 2));
    const failures = [
      results.intakeEventsPerSec < TARGETS.intakeEventsPerSec && `intake ${results.intakeEventsPerSec}/s < ${TARGETS.intakeEventsPerSec}/s`,
      results.delivered !== total && `delivered ${results.delivered} of ${total} within ${TARGETS.deliveredWithinSec} s`,
      results.duplicates > 0 && `${results.duplicates} duplicate posts`,
      results.p95LatencyMs > TARGETS.p95LatencyMs && `p95 latency ${results.p95LatencyMs} ms > ${TARGETS.p95LatencyMs} ms`,
      results.rssMb > TARGETS.rssMb && `RSS ${results.rssMb} MB > ${TARGETS.rssMb} MB`,
    ].filter(Boolean);
    if (failures.length) {
      console.error(`below target: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log('all targets met');
    }
  } finally {
    await app.stop();
    await Promise.allSettled([slack.close(), line.close()]);
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
    await stopEmbedded();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
