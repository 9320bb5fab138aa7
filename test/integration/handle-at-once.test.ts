import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFollow, lineTextMessage } from '../fixtures/line-events.js';
import { createCase, linkLineUser, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/** A stored LINE event is handled by the process that took its webhook, not by a queue job (issue #14). */
describe('inbound events handled at once', () => {
  let t: TestApp;
  let threadTs: string;
  const SON = 'U_at_once_son';
  const eventRow = async (externalId: string) =>
    (
      await t.app.database.sql<
        Array<{ id: number; status: string; attempts: number }>
      >`select id, status, attempts from inbound_events where external_id = ${externalId}`
    )[0];

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', INBOUND_ATTEMPTS: '3', RETRY_BASE_DELAY_MS: '300' });
    const c = await createCase(t, '中村A');
    threadTs = c.threadTs;
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: SON });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('relays a message into the thread while the inbound queue is paused: no job was needed', async () => {
    const inbound = t.app.queues.raw('inbound');
    await inbound.pause();
    try {
      const event = lineTextMessage({ userId: SON, text: '今日は休みます' });
      await sendLine(t, event);
      await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', threadTs).find((m) => m.text.includes('今日は休みます')));
      expect((await eventRow(event.webhookEventId))?.status).toBe('processed');
      const counts = await inbound.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await inbound.resume();
    }
  });

  it('queues an event whose first attempt failed; its job tries again after the backoff and the answer is sent once', async () => {
    const stranger = lineFollow({ userId: 'U_at_once_stranger' });
    // LINE fails the first answer (500): the first attempt, made at once, fails.
    t.line.fail('reply', { status: 500 });
    await sendLine(t, stranger);
    const row = await eventually(async () => {
      const r = await eventRow(stranger.webhookEventId);
      return r?.status === 'processed' ? r : undefined;
    });
    if (!row) throw new Error('the event was not processed');
    // Two attempts: the one at once, then its queue job's (which knows it is the second: it replies with the still fresh token).
    expect(row.attempts).toBe(2);
    expect(t.line.replies.filter((r) => r.replyToken === stranger.replyToken)).toHaveLength(1);
    expect(t.line.pushes.filter((p) => p.to === 'U_at_once_stranger')).toHaveLength(0);
  });
});
