import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { startTsunagi, type Tsunagi } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/env.js';
import { createLogger } from '../../src/lib/logger.js';
import { startFakeLine, type FakeLine } from '../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { useLineEventClock } from '../fixtures/line-events.js';
import { signLineBody, signSlackRequest } from './sign.js';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from './database.js';

export const TEST_SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests',
  LINE_CHANNEL_ACCESS_TOKEN: 'line-test-token',
  LINE_CHANNEL_SECRET: 'line-channel-secret-for-tests',
} as const;

/** Every log line the app wrote, parsed, so tests can assert what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get entries(): Array<Record<string, unknown>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp {
  app: Tsunagi;
  config: Config;
  baseUrl: string;
  slack: FakeSlack;
  line: FakeLine;
  database: TestDatabase;
  logs: LogCapture;
  /** POSTs a LINE webhook body, signed unless `signature` is given. */
  postLine(body: unknown, options?: { signature?: string | null }): Promise<Response>;
  /** POSTs a JSON Events API body to /slack/events, signed. */
  postSlackJson(body: unknown, options?: { headers?: Record<string, string>; secret?: string; timestamp?: number }): Promise<Response>;
  /** POSTs a form body (slash command or `payload=` interaction), signed. */
  postSlackForm(body: string, options?: { headers?: Record<string, string> }): Promise<Response>;
  /** Stops the app and starts it again on the same database, queue prefix and fakes (a restart or a deploy). */
  restart(): Promise<void>;
  /** Starts another process of the app on the same database (a second replica); closed with the test app. */
  startReplica(env?: Record<string, string>): Promise<Tsunagi>;
  close(): Promise<void>;
}

/** A clock the test can set: the app reads it for "now"; timers still run in real time from there. */
export class TestClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** From now on, "now" is `at` (and moves on in real time). */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

/** The product as Slack and LINE see it: the real server on a free port, fakes of both APIs, a fresh database and queue prefix. */
export async function startTestApp(env: Record<string, string> = {}, options: { clock?: TestClock } = {}): Promise<TestApp> {
  const slackClock = options.clock ? () => options.clock!.now().getTime() : undefined;
  const [slack, line, database] = await Promise.all([
    startFakeSlack(slackClock ? { clock: slackClock } : {}),
    startFakeLine(slackClock ? { clock: slackClock } : {}),
    createTestDatabase(),
  ]);
  // LINE's events happen now by the app's clock: their timestamps follow it (reply tokens are judged by them).
  if (slackClock) useLineEventClock(slackClock);
  const redisUrl = inject('redisUrl');
  const configEnv: Record<string, string> = {
    ...TEST_SECRETS,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    QUEUE_PREFIX: uniqueQueuePrefix(),
    SLACK_API_URL: slack.url,
    LINE_API_BASE_URL: line.apiBaseUrl,
    LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
    LOG_LEVEL: 'debug',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // The out-of-hours answer depends on the time of day: tests about it set a period and move the app's
    // clock; the others must not change with the hour they run at.
    AFTER_HOURS_REPLY_PERIOD_HOURS: '0',
    ...env,
  };
  const config = loadConfig(configEnv);
  const logs = new LogCapture();
  const start = (c: Config) => startTsunagi(c, createLogger(c.logLevel, logs), options.clock ? { clock: () => options.clock!.now() } : {});
  const replicas: Tsunagi[] = [];

  const postSlack = (raw: string, contentType: string, headers: Record<string, string>, secret: string, ts?: number) =>
    fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signSlackRequest(secret, raw, ts), ...headers },
      body: raw,
    });

  const app = await start(config);
  const t: TestApp = {
    app,
    config,
    baseUrl: `http://127.0.0.1:${app.port}`,
    slack,
    line,
    database,
    logs,
    postLine(body, options = {}) {
      // LINE issued the events' reply tokens (and markAsRead tokens) with them.
      const events = (body as { events?: unknown } | null)?.events;
      if (typeof body === 'object' && Array.isArray(events)) line.issueTokens(events as Array<Record<string, unknown>>);
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const signature = options.signature === undefined ? signLineBody(TEST_SECRETS.LINE_CHANNEL_SECRET, raw) : options.signature;
      return fetch(`${t.baseUrl}/line/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-line-signature': signature }) },
        body: raw,
      });
    },
    postSlackJson(body, options = {}) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      return postSlack(raw, 'application/json', options.headers ?? {}, options.secret ?? TEST_SECRETS.SLACK_SIGNING_SECRET, options.timestamp);
    },
    postSlackForm(body, options = {}) {
      return postSlack(body, 'application/x-www-form-urlencoded', options.headers ?? {}, TEST_SECRETS.SLACK_SIGNING_SECRET);
    },
    async restart() {
      await t.app.stop();
      t.app = await start(config);
      t.baseUrl = `http://127.0.0.1:${t.app.port}`;
    },
    async startReplica(extra = {}) {
      const replica = await start(loadConfig({ ...configEnv, ...extra }));
      replicas.push(replica);
      return replica;
    },
    async close() {
      await Promise.allSettled(replicas.map((r) => r.stop()));
      await t.app.stop();
      await Promise.allSettled([slack.close(), line.close()]);
      await database.drop();
    },
  };
  return t;
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
