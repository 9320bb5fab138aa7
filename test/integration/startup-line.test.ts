import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/lib/free-port.js';
import { startFakeLine, type FakeLine } from '../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from '../helpers/database.js';
import { spawnTsunagi } from '../helpers/process.js';
import { TEST_SECRETS } from '../helpers/test-app.js';

/** What `npm start` writes when it is up, as a person in a terminal or a log collector reads it. */
describe('the start-up line and the log format', () => {
  let slack: FakeSlack;
  let line: FakeLine;
  let database: TestDatabase;

  beforeAll(async () => {
    [slack, line, database] = await Promise.all([startFakeSlack(), startFakeLine(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.allSettled([slack?.close(), line?.close()]);
    await database?.drop();
  });

  const env = (extra: Record<string, string>) => {
    const redisUrl = inject('redisUrl');
    return {
      ...TEST_SECRETS,
      SLACK_API_URL: slack.url,
      LINE_API_BASE_URL: line.apiBaseUrl,
      LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      ...extra,
    };
  };

  it('LOG_FORMAT=pretty: readable lines (no JSON); without PUBLIC_URL the line says where the two URLs go and how to get them exactly', async () => {
    const port = await freePort();
    const proc = spawnTsunagi(env({ LOG_FORMAT: 'pretty', STAFF_LANGUAGE: 'en' }), port);
    await proc.waitUntilReady();
    const { code } = await proc.stop('SIGTERM');
    expect(code).toBe(0);
    const lines = proc.output().trim().split('\n');
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: tsunagi started /));
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^\\[\\d\\d:\\d\\d:\\d\\d\\] INFO: Tsunagi listens on http://127\\.0\\.0\\.1:${port}\\. Slack needs <public HTTPS address>/slack/events and LINE <public HTTPS address>/line/webhook\\. Set PUBLIC_URL to that public address to see the exact URLs here and to set them up with npm run manifest and npm run line:webhook\\.`,
        ),
      ),
    );
  });

  it('output not a terminal and LOG_FORMAT unset: JSON lines; with PUBLIC_URL the line names the exact URLs', async () => {
    const port = await freePort();
    const proc = spawnTsunagi(env({ PUBLIC_URL: 'https://tsunagi.office.example/' }), port);
    await proc.waitUntilReady();
    expect((await proc.stop('SIGTERM')).code).toBe(0);
    const entries = proc
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; publicUrl?: string });
    const startup = entries.find((e) => e.msg.startsWith('Tsunagi は'));
    expect(startup).toMatchObject({
      publicUrl: 'https://tsunagi.office.example',
      msg: `Tsunagi は http://127.0.0.1:${port} で待ち受けています。Slack アプリのリクエスト URL: https://tsunagi.office.example/slack/events 、LINE の Webhook URL: https://tsunagi.office.example/line/webhook （設定の確認は npm run doctor）`,
    });
  });
});
