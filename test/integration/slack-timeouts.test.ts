import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTextMessage } from '../fixtures/line-events.js';
import { createCase, linkLineUser, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Slack that does not answer in time (API_TIMEOUT_MS) but posts the message anyway, a little later:
 * the retry waits for the unanswered post to land, finds it by its metadata, and does not post again.
 */
describe('Slack timeouts', () => {
  let t: TestApp;
  let threadTs: string;
  const BROTHER = 'U_brother_0006';

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', API_TIMEOUT_MS: '1000' });
    const c = await createCase(t, '渡辺T');
    threadTs = c.threadTs;
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '兄', userId: BROTHER });
    await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', threadTs).find((m) => m.text.includes('連携しました')));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('posts once when chat.postMessage times out but Slack posts it 2.5 s later', async () => {
    t.slack.fail('chat.postMessage', { delayMs: 2500 });
    await sendLine(t, lineTextMessage({ userId: BROTHER, text: '遅れて届く投稿' }));
    await eventually(async () => {
      const [row] = await t.database.sql`select delivery_status from messages where body = '遅れて届く投稿'`;
      return row?.delivery_status === 'delivered';
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(t.slack.threadReplies('C_TEAM', threadTs).filter((m) => m.text.includes('遅れて届く投稿'))).toHaveLength(1);
    expect(t.slack.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('遅れて届く投稿'))).toHaveLength(1);
  }, 45_000);
});
