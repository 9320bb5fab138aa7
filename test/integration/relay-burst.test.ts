import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTextMessage, lineWebhookBody } from '../fixtures/line-events.js';
import { createCase, linkLineUser } from '../helpers/journey.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const CASES = 10;
const PER_CASE = 6;

/**
 * A busy morning: 60 LINE messages for 10 cases whose threads share one channel, while Slack allows
 * about one post a second per channel with short bursts and answers 429 beyond. Posting is paced
 * at the app's default (1/s per channel); every message arrives once, each case in order.
 */
describe('burst across cases in one channel', () => {
  let t: TestApp;
  const cases: Array<{ code: string; threadTs: string; userId: string }> = [];

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '1000' });
    for (let i = 0; i < CASES; i++) {
      const { code, threadTs } = await createCase(t, `利用者${i}`);
      cases.push({ code, threadTs, userId: `U_burst_${i}` });
    }
    await Promise.all(cases.map((c, i) => linkLineUser(t, { caseCode: c.code, role: '本人', userId: c.userId, displayName: `本人${i}` })));
    await t.slack.waitFor(() => cases.every((c) => t.slack.threadReplies('C_TEAM', c.threadTs).some((m) => m.text.includes('連携しました'))), 30_000);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
  });

  it('delivers all 60, none twice, each case in order, honouring 429s', async () => {
    // Slightly stricter than the app's own pace, so some posts do meet a 429 and must wait it out.
    t.slack.rateLimit('chat.postMessage', { perSecond: 0.8, burst: 2 });
    // Six webhooks, each carrying one message of every case (as LINE batches events).
    for (let round = 0; round < PER_CASE; round++) {
      const events = cases.map((c, i) => lineTextMessage({ userId: c.userId, text: `case${i}-msg${round}` }));
      expect((await t.postLine(lineWebhookBody(events))).status).toBe(200);
    }
    const texts = (c: (typeof cases)[number]) =>
      t.slack
        .threadReplies('C_TEAM', c.threadTs)
        .map((m) => /case\d+-msg\d+/.exec(m.text)?.[0])
        .filter((x): x is string => Boolean(x));
    await t.slack.waitFor(() => cases.every((c) => texts(c).length >= PER_CASE), 150_000);
    await new Promise((r) => setTimeout(r, 1500));
    cases.forEach((c, i) => {
      expect(texts(c)).toEqual(Array.from({ length: PER_CASE }, (_, round) => `case${i}-msg${round}`));
    });
    const posted = t.slack.messages.filter((m) => /case\d+-msg\d+/.test(m.text));
    expect(posted).toHaveLength(CASES * PER_CASE);
    expect(t.slack.rateLimited).toBeGreaterThan(0);
    // Sustained pace about one a second or slower.
    const times = t.slack.calls.filter((c) => c.method === 'chat.postMessage' && /case\d+-msg/.test(String(c.args.text))).map((c) => c.at);
    const spanSec = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    expect(spanSec).toBeGreaterThanOrEqual(CASES * PER_CASE - 5);
  }, 200_000);
});
