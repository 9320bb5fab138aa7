import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFollow, lineTextMessage } from '../fixtures/line-events.js';
import { createCase, linkLineUser, openReplyModal, sendLine, submitSendModal } from '../helpers/journey.js';
import { scrape, scrapeUntil, type Scrape } from '../helpers/metrics.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const TOKEN = 'metrics-token-for-the-tests-0123456789';

/**
 * /metrics as Prometheus scrapes it, after the product did its work through signed webhooks and
 * commands against the fakes: what was counted, how it is guarded, and that no label carries a
 * person's id, name or words.
 */
describe('metrics', () => {
  let t: TestApp;
  let threadTs: string;
  let caseCode: string;
  let linkedAt: number;
  const MOTHER = 'U_metrics_mother_0001';
  const MOTHER_NAME = '山田花子';
  const STRANGER = 'U_metrics_stranger_0002';
  const texts: string[] = [];
  const replies = () => t.slack.threadReplies('C_TEAM', threadTs);
  const read = (): Promise<Scrape> => scrape(`${t.baseUrl}/metrics`, TOKEN);

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', API_TIMEOUT_MS: '1000', METRICS_TOKEN: TOKEN, METRICS_PORT: '0' });
    const c = await createCase(t, '山田T');
    threadTs = c.threadTs;
    caseCode = c.code;
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: MOTHER, displayName: MOTHER_NAME });
    await t.slack.waitFor(() => replies().find((m) => m.text.includes('連携しました')));
    linkedAt = Date.now();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A LINE text from the mother, sent `ageMs` before now by LINE's clock; resolves with its post in the thread. */
  async function relay(text: string, ageMs = 0) {
    texts.push(text);
    await sendLine(t, { ...lineTextMessage({ userId: MOTHER, text }), timestamp: Date.now() - ageMs });
    return t.slack.waitFor(() => replies().find((m) => m.text.includes(text)), 30_000);
  }

  it('answers 401 without the token or with a wrong one and 200 with it; 404 on the main port without METRICS_TOKEN; METRICS_PORT on 127.0.0.1', async () => {
    const bare = await fetch(`${t.baseUrl}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await scrape(`${t.baseUrl}/metrics`, 'not-the-token')).status).toBe(401);
    const ok = await read();
    expect(ok.status).toBe(200);
    expect(ok.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    // The process's own metrics are there too.
    // (The CPU counter counts from the registry's first use, so it may still read 0 on the first scrape.)
    expect(ok.samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(ok.value('process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(ok.samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);

    // Its own listener, bound to 127.0.0.1 by default, asks for the token too when one is set.
    const port = t.app.metricsPort;
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect(
      (await scrape(`http://127.0.0.1:${port}/metrics`, TOKEN)).value('tsunagi_inbound_events_total', { source: 'line', outcome: 'stored' }),
    ).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);

    // Without METRICS_TOKEN the main port does not serve them at all; METRICS_PORT alone serves them without a token.
    const replica = await t.startReplica({ METRICS_TOKEN: '', METRICS_PORT: '0' });
    expect((await fetch(`http://127.0.0.1:${replica.port}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${replica.port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const own = await scrape(`http://127.0.0.1:${replica.metricsPort}/metrics`);
    expect(own.status).toBe(200);
    expect(own.samples.some((s) => s.name === 'tsunagi_relay_latency_seconds_count')).toBe(true);
    await replica.stop();
  }, 60_000);

  it('counts a relay: the inbound LINE event, its latency from LINE’s timestamp to the thread post, the chat.postMessage call, the delivery', async () => {
    // The message says LINE stamped it 1.5 s ago (after the consent, which is judged at that time).
    await new Promise((r) => setTimeout(r, Math.max(0, linkedAt + 2000 - Date.now())));
    const before = await read();
    await relay('明日は通院のため休みます', 1500);
    const after = await scrapeUntil(
      read,
      (s) =>
        s.value('tsunagi_relay_latency_seconds_count') > before.value('tsunagi_relay_latency_seconds_count') &&
        s.value('tsunagi_inbound_events_total', { source: 'line', outcome: 'processed' }) >
          before.value('tsunagi_inbound_events_total', { source: 'line', outcome: 'processed' }),
    );
    const delta = (name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);

    expect(delta('tsunagi_inbound_events_total', { source: 'line', outcome: 'stored' })).toBe(1);
    expect(delta('tsunagi_inbound_events_total', { source: 'line', outcome: 'processed' })).toBe(1);
    expect(delta('tsunagi_inbound_events_total', { source: 'line', outcome: 'duplicate' })).toBe(0);
    // One observation, of at least the 1.5 s since LINE's timestamp (not since the webhook arrived).
    expect(delta('tsunagi_relay_latency_seconds_count')).toBe(1);
    expect(delta('tsunagi_relay_latency_seconds_sum')).toBeGreaterThanOrEqual(1.5);
    expect(delta('tsunagi_relay_latency_seconds_sum')).toBeLessThan(30);
    expect(delta('tsunagi_relay_latency_seconds_bucket', { le: '1' })).toBe(0);
    expect(delta('tsunagi_relay_latency_seconds_bucket', { le: '30' })).toBe(1);
    expect(delta('tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(delta('tsunagi_deliveries_total', { kind: 'line_message', outcome: 'delivered' })).toBe(1);

    // The same event again (LINE's redelivery) is counted as a duplicate, and not relayed again.
    const event = { ...lineTextMessage({ userId: MOTHER, text: '同じ知らせが二度' }), timestamp: Date.now() };
    texts.push('同じ知らせが二度');
    await sendLine(t, event);
    await sendLine(t, { ...event, deliveryContext: { isRedelivery: true } });
    await t.slack.waitFor(() => replies().find((m) => m.text.includes('同じ知らせが二度')), 30_000);
    const again = await scrapeUntil(
      read,
      (s) =>
        s.value('tsunagi_deliveries_total', { kind: 'line_message', outcome: 'delivered' }) ===
        after.value('tsunagi_deliveries_total', { kind: 'line_message', outcome: 'delivered' }) + 1,
    );
    expect(
      again.value('tsunagi_inbound_events_total', { source: 'line', outcome: 'duplicate' }) -
        after.value('tsunagi_inbound_events_total', { source: 'line', outcome: 'duplicate' }),
    ).toBe(1);
    expect(again.value('tsunagi_relay_latency_seconds_count') - after.value('tsunagi_relay_latency_seconds_count')).toBe(1);
  }, 60_000);

  it('counts a 429 from Slack as 429, and a call that got no answer in time as a timeout', async () => {
    const before = await read();
    t.slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    await relay('混んでいても届きますか');
    t.slack.fail('chat.postMessage', { delayMs: 2500 });
    await relay('遅くても一度だけ');
    const after = await scrapeUntil(
      read,
      (s) =>
        s.value('tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: 'timeout' }) > 0 &&
        s.value('tsunagi_deliveries_total', { kind: 'line_message', outcome: 'retrying' }) >
          before.value('tsunagi_deliveries_total', { kind: 'line_message', outcome: 'retrying' }),
      30_000,
    );
    expect(
      after.value('tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: '429' }) -
        before.value('tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: '429' }),
    ).toBe(1);
    expect(after.value('tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: 'timeout' })).toBe(1);
    // Calls Bolt makes itself are counted too (auth.test, at the start).
    expect(after.value('tsunagi_slack_api_calls_total', { method: 'auth.test', status: 'ok' })).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('counts LINE push failures with their status (500, timeout, 429) and the failed delivery, and asks LINE for the quota at most once a minute', async () => {
    const post = await t.slack.waitFor(() => replies().find((m) => m.text.includes('明日は通院')));
    const before = await read();
    // First a push LINE answers 500, then does not answer in time (but accepts, late), then answers 409 to the
    // retry with the same key (already accepted).
    let modal = await openReplyModal(t, post, threadTs);
    t.line.fail('push', { status: 500 }, { delayMs: 1500 });
    texts.push('お大事になさってください');
    await submitSendModal(t, modal, 'お大事になさってください');
    await scrapeUntil(read, (s) => s.value('tsunagi_deliveries_total', { kind: 'line_push', outcome: 'delivered' }) === 1, 30_000);
    expect(t.line.pushes.filter((p) => JSON.stringify(p.messages).includes('お大事に'))).toHaveLength(1);
    // Then one refused for good: the monthly limit is reached (429).
    t.line.setQuotaExceeded(true);
    modal = await openReplyModal(t, post, threadTs);
    texts.push('上限に達したあとの返信');
    await submitSendModal(t, modal, '上限に達したあとの返信');
    const after = await scrapeUntil(read, (s) => s.value('tsunagi_deliveries_total', { kind: 'line_push', outcome: 'failed' }) >= 1, 30_000);
    t.line.setQuotaExceeded(false);
    expect(after.value('tsunagi_line_api_calls_total', { method: 'pushMessage', status: '500' })).toBe(1);
    expect(after.value('tsunagi_line_api_calls_total', { method: 'pushMessage', status: 'timeout' })).toBe(1);
    expect(after.value('tsunagi_line_api_calls_total', { method: 'pushMessage', status: '409' })).toBe(1);
    expect(after.value('tsunagi_line_api_calls_total', { method: 'pushMessage', status: '429' })).toBe(1);
    // Asking LINE whether the 429 meant the monthly limit is counted too.
    expect(after.value('tsunagi_line_api_calls_total', { method: 'getMessageQuotaConsumption', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(after.value('tsunagi_deliveries_total', { kind: 'line_push', outcome: 'retrying' })).toBe(2);
    expect(after.value('tsunagi_deliveries_total', { kind: 'line_push', outcome: 'delivered' })).toBe(1);
    expect(after.value('tsunagi_deliveries_total', { kind: 'line_push', outcome: 'failed' })).toBe(1);
    // Both messages' copies and the failure notice in the thread are counted as thread posts.
    const posted = (s: Scrape, kind: string) =>
      s.value('tsunagi_deliveries_total', { kind, outcome: 'delivered' }) - before.value('tsunagi_deliveries_total', { kind, outcome: 'delivered' });
    await scrapeUntil(read, (s) => posted(s, 'staff_send') === 2 && posted(s, 'notice') === 1);

    // The quota: LINE's count and the limit, asked once for all the scrapes of this minute.
    const quotaCalls = () => t.line.calls.filter((c) => c.path === '/v2/bot/message/quota/consumption').length;
    const first = await read();
    const asked = quotaCalls();
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(first.value('tsunagi_line_quota_limit_messages')).toBe(200);
    expect(first.samples.some((s) => s.name === 'tsunagi_line_quota_used_messages')).toBe(true);
    await read();
    await read();
    expect(quotaCalls()).toBe(asked);
  }, 90_000);

  it('carries no ids, names or texts in its labels: kinds, outcomes, methods, statuses and queue names only', async () => {
    // An unknown LINE user writes too (their id must not show either).
    const follow = lineFollow({ userId: STRANGER });
    await sendLine(t, follow);
    await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === follow.replyToken));
    const s = await read();
    const forbidden = [MOTHER, STRANGER, MOTHER_NAME, '山田T', caseCode, 'U_STAFF', 'C_TEAM', threadTs, ...texts];
    for (const value of forbidden) expect(s.text, `the output carries ${value}`).not.toContain(value);
    const values = s.samples.flatMap((x) => Object.values(x.labels));
    expect(values.filter((v) => !/^[A-Za-z0-9_.+-]{1,64}$/.test(v))).toEqual([]);
    const ownLabels = new Set(s.samples.filter((x) => x.name.startsWith('tsunagi_')).flatMap((x) => Object.keys(x.labels)));
    expect([...ownLabels].sort()).toEqual(['kind', 'le', 'method', 'outcome', 'queue', 'source', 'state', 'status']);
  }, 30_000);
});

/** The queue backlog as the queue store holds it: jobs waiting, active, delayed and failed, and the oldest one's wait. */
describe('queue depth at /metrics', () => {
  let t: TestApp;
  let threadTs: string;
  const SON = 'U_metrics_son_0003';
  const read = (): Promise<Scrape> => scrape(`${t.baseUrl}/metrics`, TOKEN);

  beforeAll(async () => {
    // One worker per queue, one attempt per inbound event, retries a minute apart: a backlog stays long enough to be seen.
    t = await startTestApp({
      SLACK_CHANNEL_POST_INTERVAL_MS: '0',
      METRICS_TOKEN: TOKEN,
      WORKER_CONCURRENCY: '1',
      INBOUND_ATTEMPTS: '1',
      RETRY_BASE_DELAY_MS: '60000',
    });
    const c = await createCase(t, '佐藤T');
    threadTs = c.threadTs;
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: SON });
    await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', threadTs).find((m) => m.text.includes('連携しました')));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the jobs waiting behind a failing Slack, then delayed for their retry, and the age of the oldest', async () => {
    const idle = await read();
    expect(idle.value('tsunagi_queue_jobs', { queue: 'slack-out', state: 'waiting' })).toBe(0);
    expect(idle.value('tsunagi_queue_oldest_waiting_seconds', { queue: 'slack-out' })).toBe(0);
    // Slack answers every post with a 500, after a second and a half.
    const stop = t.slack.failMatching('chat.postMessage', () => true, { status: 500, delayMs: 1500 });
    try {
      for (const text of ['一通目', '二通目', '三通目']) await sendLine(t, lineTextMessage({ userId: SON, text }));
      // While the one worker waits on Slack, the other deliveries wait in the queue, the oldest for a while.
      const backlog = await scrapeUntil(
        read,
        (s) =>
          s.value('tsunagi_queue_jobs', { queue: 'slack-out', state: 'active' }) === 1 &&
          s.value('tsunagi_queue_jobs', { queue: 'slack-out', state: 'waiting' }) >= 1 &&
          s.value('tsunagi_queue_oldest_waiting_seconds', { queue: 'slack-out' }) >= 0.5,
        20_000,
      );
      expect(backlog.value('tsunagi_queue_oldest_waiting_seconds', { queue: 'slack-out' })).toBeLessThan(30);
      // Each failed attempt waits for its retry a minute later.
      const delayed = await scrapeUntil(read, (s) => s.value('tsunagi_queue_jobs', { queue: 'slack-out', state: 'delayed' }) >= 3, 30_000);
      expect(delayed.value('tsunagi_queue_jobs', { queue: 'slack-out', state: 'waiting' })).toBe(0);
      expect(delayed.value('tsunagi_queue_oldest_waiting_seconds', { queue: 'slack-out' })).toBe(0);
      expect(delayed.value('tsunagi_deliveries_total', { kind: 'line_message', outcome: 'retrying' })).toBeGreaterThanOrEqual(3);
      expect(delayed.value('tsunagi_slack_api_calls_total', { method: 'chat.postMessage', status: '500' })).toBeGreaterThanOrEqual(3);
    } finally {
      stop();
    }
  }, 60_000);
});

/** A stored event's first attempt is made at once, in the process that took the webhook; the others are queue jobs. */
describe('failed jobs at /metrics', () => {
  let t: TestApp;
  const read = (): Promise<Scrape> => scrape(`${t.baseUrl}/metrics`, TOKEN);

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN, INBOUND_ATTEMPTS: '2', RETRY_BASE_DELAY_MS: '200' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a job that failed for good, and the inbound event counted as failed', async () => {
    const before = await read();
    // LINE refuses the answer to a stranger's follow (500) on both attempts of the event: the one made at
    // once, then its queue job's (the last), which fails for good.
    t.line.fail('reply', { status: 500 }, { status: 500 });
    await sendLine(t, lineFollow({ userId: 'U_metrics_stranger_0004' }));
    const after = await scrapeUntil(
      read,
      (s) => s.value('tsunagi_queue_jobs', { queue: 'inbound', state: 'failed' }) > before.value('tsunagi_queue_jobs', { queue: 'inbound', state: 'failed' }),
      20_000,
    );
    expect(
      after.value('tsunagi_inbound_events_total', { source: 'line', outcome: 'failed' }) -
        before.value('tsunagi_inbound_events_total', { source: 'line', outcome: 'failed' }),
    ).toBe(1);
    expect(after.value('tsunagi_line_api_calls_total', { method: 'replyMessage', status: '500' })).toBe(2);
  }, 30_000);
});
