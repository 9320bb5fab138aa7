import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFollow, lineTextMessage, lineWebhookBody, type LineEventFixture } from '../fixtures/line-events.js';
import { createCase, issueInvite } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

const PEOPLE = 10;

/**
 * Issue #9, item 10: one event handled twice. A person's follow, code and first texts arrive within
 * a few milliseconds; each must be handled once, answered once, and never pushed after a used reply token.
 */
describe("a person's events arriving together are each handled once", () => {
  let t: TestApp;
  let code: string;

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
    ({ code } = await createCase(t, '渡辺W'));
  }, 30_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Each person's burst: follow, the invite code, two texts. */
  async function bursts(prefix: string): Promise<Array<{ userId: string; events: LineEventFixture[] }>> {
    const out: Array<{ userId: string; events: LineEventFixture[] }> = [];
    for (let i = 0; i < PEOPLE; i++) {
      const userId = `U_${prefix}_${i}`;
      const invite = await issueInvite(t, code, '家族', `家族${i}`);
      out.push({
        userId,
        events: [
          lineFollow({ userId }),
          lineTextMessage({ userId, text: invite }),
          lineTextMessage({ userId, text: 'はじめまして' }),
          lineTextMessage({ userId, text: 'よろしくお願いします' }),
        ],
      });
    }
    return out;
  }

  async function expectEachOnce(people: Array<{ userId: string; events: LineEventFixture[] }>): Promise<void> {
    const tokens = people.flatMap((p) => p.events.map((e) => e.replyToken as string));
    await t.line.waitFor(() => tokens.every((token) => t.line.replies.some((r) => r.replyToken === token)), 30_000);
    const ids = people.flatMap((p) => p.events.map((e) => e.webhookEventId));
    await eventually(async () => {
      const rows = await t.database.sql`select 1 from inbound_events where external_id in ${t.database.sql(ids)} and status = 'processed'`;
      return rows.length === ids.length;
    }, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const token of tokens) {
      const calls = t.line.calls.filter((c) => c.path === '/v2/bot/message/reply' && (c.body as { replyToken?: string }).replyToken === token);
      expect(calls, `reply calls for ${token}`).toHaveLength(1);
    }
    const users = new Set(people.map((p) => p.userId));
    expect(t.line.calls.filter((c) => c.path === '/v2/bot/message/push' && users.has(String((c.body as { to?: string }).to)))).toEqual([]);
    const attempts = await t.database.sql<Array<{ attempts: number }>>`select attempts from inbound_events where external_id in ${t.database.sql(ids)}`;
    expect(attempts.every((a) => a.attempts === 1)).toBe(true);
  }

  it('item 10: follow, code and first texts sent as separate webhook requests in parallel (10 people at once)', async () => {
    const people = await bursts('parallel');
    await Promise.all(people.flatMap((p) => p.events.map(async (e) => expect((await t.postLine(lineWebhookBody([e]))).status).toBe(200))));
    await expectEachOnce(people);
  }, 90_000);

  it('item 10: follow, code and first texts in one multi-event webhook body (10 people at once)', async () => {
    const people = await bursts('batch');
    await Promise.all(people.map(async (p) => expect((await t.postLine(lineWebhookBody(p.events))).status).toBe(200)));
    await expectEachOnce(people);
  }, 90_000);
});
