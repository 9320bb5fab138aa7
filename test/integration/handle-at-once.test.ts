import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFollow, lineTextMessage, lineWebhookBody } from '../fixtures/line-events.js';
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

/**
 * When the handling at once is full, a webhook's further events stay in the database and are read back
 * oldest first: no queue job is added on the request's path (issue #14, the answers' latency), the
 * sweep leaves them to it, and every message still reaches its thread once, in order.
 */
describe('inbound events beyond what the handling at once holds', () => {
  let t: TestApp;
  const cases: Array<{ threadTs: string; userId: string }> = [];

  beforeAll(async () => {
    t = await startTestApp({
      SLACK_CHANNEL_POST_INTERVAL_MS: '0',
      WORKER_CONCURRENCY: '1',
      INBOUND_WAITING_MAX: '1',
      // A sweep that would queue them at once if it thought nobody held them.
      SWEEP_EVERY_MS: '100',
      INBOUND_SWEEP_MIN_AGE_MS: '0',
    });
    for (const [name, userId] of [
      ['小林A', 'U_spill_a'],
      ['小林B', 'U_spill_b'],
    ] as const) {
      const c = await createCase(t, name);
      await linkLineUser(t, { caseCode: c.code, role: '本人', userId });
      cases.push({ threadTs: c.threadTs, userId });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('relays every message of a burst in order while the inbound queue is paused, and adds no job', async () => {
    const inbound = t.app.queues.raw('inbound');
    await inbound.pause();
    try {
      const texts = (userId: string) => [1, 2, 3, 4].map((n) => `${userId} の連絡 ${n}`);
      const [a, b] = cases as [(typeof cases)[0], (typeof cases)[0]];
      // One request, eight events: one handled, one waiting, six left in the database.
      const events = texts(a.userId).flatMap((text, i) => [
        lineTextMessage({ userId: a.userId, text }),
        lineTextMessage({ userId: b.userId, text: texts(b.userId)[i] as string }),
      ]);
      const res = await t.postLine(lineWebhookBody(events));
      expect(res.status).toBe(200);
      for (const c of [a, b]) {
        const relayed = () => t.slack.threadReplies('C_TEAM', c.threadTs).filter((m) => m.text.includes(`${c.userId} の連絡`));
        await t.slack.waitFor(() => (relayed().length >= 4 ? true : undefined));
        // Once each, in the order sent.
        expect(relayed().map((m) => texts(c.userId).findIndex((text) => m.text.includes(text)))).toEqual([0, 1, 2, 3]);
      }
      const counts = await inbound.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed');
      expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(0);
      const left = await t.app.database.sql<Array<{ n: number }>>`select count(*)::int as n from inbound_events where status <> 'processed'`;
      expect(left[0]?.n).toBe(0);
    } finally {
      await inbound.resume();
    }
  });
});
