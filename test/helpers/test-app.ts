import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { startTsunagi, type Tsunagi } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/env.js';
import { createLogger } from '../../src/lib/logger.js';
import { startFakeLine, type FakeLine } from '../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
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
  close(): Promise<void>;
}

/** The product as Slack and LINE see it: the real server on a free port, fakes of both APIs, a fresh database and queue prefix. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const [slack, line, database] = await Promise.all([startFakeSlack(), startFakeLine(), createTestDatabase()]);
  const redisUrl = inject('redisUrl');
  const config = loadConfig({
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
    ...env,
  });
  const logs = new LogCapture();
  const app = await startTsunagi(config, createLogger(config.logLevel, logs));
  const baseUrl = `http://127.0.0.1:${app.port}`;

  const postSlack = (raw: string, contentType: string, headers: Record<string, string>, secret: string, ts?: number) =>
    fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signSlackRequest(secret, raw, ts), ...headers },
      body: raw,
    });

  return {
    app,
    config,
    baseUrl,
    slack,
    line,
    database,
    logs,
    postLine(body, options = {}) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const signature = options.signature === undefined ? signLineBody(TEST_SECRETS.LINE_CHANNEL_SECRET, raw) : options.signature;
      return fetch(`${baseUrl}/line/webhook`, {
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
    async close() {
      await app.stop();
      await Promise.allSettled([slack.close(), line.close()]);
      await database.drop();
    },
  };
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
