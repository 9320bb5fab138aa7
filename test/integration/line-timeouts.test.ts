import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTextMessage } from '../fixtures/line-events.js';
import { createCase, linkLineUser, openReplyModal, sendLine, submitSendModal } from '../helpers/journey.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** LINE that does not answer in time (API_TIMEOUT_MS): the push is retried with its key and arrives once. */
describe('LINE timeouts', () => {
  let t: TestApp;
  let threadTs: string;
  const SISTER = 'U_sister_0005';

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', API_TIMEOUT_MS: '1000' });
    const c = await createCase(t, '高橋M');
    threadTs = c.threadTs;
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '姉', userId: SISTER });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('retries a push that timed out with the same retry key; LINE keeps one', async () => {
    await sendLine(t, lineTextMessage({ userId: SISTER, text: '連絡お願いします' }));
    const post = await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', threadTs).find((m) => m.text.includes('連絡お願いします')));
    const modal = await openReplyModal(t, post, threadTs);
    t.line.fail('push', { delayMs: 2500 });
    await submitSendModal(t, modal, '折り返しご連絡します。');
    const copy = await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', threadTs).find((m) => m.text.includes('折り返しご連絡します')));
    await t.slack.waitFor(() => t.slack.message('C_TEAM', copy.ts)?.reactions.includes('white_check_mark'), 20_000);
    // Let the slow first request finish too: LINE answers it 409 (key already accepted).
    await new Promise((r) => setTimeout(r, 2000));
    const attempts = t.line.calls.filter((c) => c.path === '/v2/bot/message/push' && JSON.stringify(c.body).includes('折り返し'));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((c) => c.headers['x-line-retry-key'])).size).toBe(1);
    expect(t.line.pushes.filter((p) => JSON.stringify(p.messages).includes('折り返し'))).toHaveLength(1);
    expect(t.logs.text()).toContain('LINE pushMessage gave no answer within 1000 ms');
  }, 30_000);
});
