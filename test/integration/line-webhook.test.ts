import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFollow, lineTextMessage, lineUnfollow, lineWebhookBody } from '../fixtures/line-events.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

describe('POST /line/webhook', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = () =>
    t.app.database.sql<{ external_id: string; kind: string; status: string }[]>`
      select external_id, kind, status from inbound_events where source = 'line' order by id`;

  it('stores each event before answering 200, and a repeated body changes nothing', async () => {
    const before = (await rows()).length;
    const body = lineWebhookBody([
      lineTextMessage({ userId: 'U_family_1', text: '今日は熱があるので休みます' }),
      lineFollow({ userId: 'U_family_2' }),
      lineUnfollow({ userId: 'U_family_3' }),
    ]);
    const first = await t.postLine(body);
    expect(first.status).toBe(200);
    // Stored before the answer: the rows are there the moment the 200 arrives.
    const stored = await rows();
    expect(stored.length - before).toBe(3);
    expect(stored.slice(-3).map((r) => r.kind)).toEqual(['message', 'follow', 'unfollow']);

    const again = await t.postLine(body);
    expect(again.status).toBe(200);
    expect((await rows()).length - before).toBe(3);

    // And each is processed once by the queue worker.
    const ids = body.events.map((e) => e.webhookEventId);
    await eventually(async () => (await rows()).filter((r) => ids.includes(r.external_id)).every((r) => r.status === 'processed'));
  });

  it('deduplicates a redelivered event (same webhookEventId) arriving in another body', async () => {
    const event = lineTextMessage({ userId: 'U_redelivery', text: 'もう一度' });
    expect((await t.postLine(lineWebhookBody([event]))).status).toBe(200);
    const redelivered = { ...event, deliveryContext: { isRedelivery: true } };
    const other = lineTextMessage({ userId: 'U_redelivery', text: '別のメッセージ' });
    expect((await t.postLine(lineWebhookBody([redelivered, other]))).status).toBe(200);
    const mine = (await rows()).filter((r) => [event.webhookEventId, other.webhookEventId].includes(r.external_id));
    expect(mine).toHaveLength(2);
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const before = (await rows()).length;
    const body = lineWebhookBody([lineTextMessage({ userId: 'U_attacker', text: 'forged' })]);
    const wrong = await t.postLine(body, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    expect(wrong.status).toBe(401);
    const missing = await t.postLine(body, { signature: null });
    expect(missing.status).toBe(401);
    // Signed for a different body: the signature covers the exact bytes.
    const tampered = await t.postLine(JSON.stringify(body).replace('forged', 'FORGED'), {
      signature: (await import('../helpers/sign.js')).signLineBody('line-channel-secret-for-tests', JSON.stringify(body)),
    });
    expect(tampered.status).toBe(401);
    expect((await rows()).length).toBe(before);
  });

  it('answers 400 to a signed body that is not JSON or not a webhook body', async () => {
    const before = (await rows()).length;
    expect((await t.postLine('{"events": [')).status).toBe(400);
    expect((await t.postLine({ hello: 'world' })).status).toBe(400);
    expect((await t.postLine({ events: [{ type: 'message' }] })).status).toBe(400); // no webhookEventId
    expect((await rows()).length).toBe(before);
  });

  it('answers 413 to a body over the size limit', async () => {
    const huge = lineWebhookBody([lineTextMessage({ userId: 'U_big', text: 'あ'.repeat(400_000) })]);
    expect((await t.postLine(huge)).status).toBe(413);
  });

  it("answers 200 to the console's Verify request (no events)", async () => {
    expect((await t.postLine(lineWebhookBody([]))).status).toBe(200);
  });

  it('keeps message text and ids of people out of the logs', async () => {
    const text = 'ログに出てはいけない本文';
    const body = lineWebhookBody([lineTextMessage({ userId: 'U_private', text })]);
    expect((await t.postLine(body)).status).toBe(200);
    await eventually(async () => (await rows()).some((r) => r.external_id === body.events[0]?.webhookEventId && r.status === 'processed'));
    expect(t.logs.text()).not.toContain(text);
    expect(t.logs.text()).toContain('inbound events accepted');
  });
});
