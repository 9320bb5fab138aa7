import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackEventCallback, slackMessageEvent } from '../fixtures/slack-payloads.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

describe('POST /slack/events (Events API)', () => {
  let t: TestApp;
  const seen: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    // A listener standing in for the product's own (registered as product listeners are, so that its
    // events are stored): it records which messages Bolt handed it.
    t.app.slackEvents.listen(t.app.slack, 'message', async ({ message }) => {
      if ('text' in message && typeof message.text === 'string') seen.push(message.text);
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = () =>
    t.app.database.sql<{ external_id: string; status: string }[]>`
      select external_id, status from inbound_events where source = 'slack' order by id`;

  it('answers the url_verification challenge', async () => {
    const res = await t.postSlackJson({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('stores an event by event_id before the 200, runs the listener once, and drops Slack retries', async () => {
    const body = slackEventCallback(slackMessageEvent({ channel: 'C_TEAM', user: 'U_STAFF', text: 'event once', ts: '1764000000.000100' }));
    const res = await t.postSlackJson(body);
    expect(res.status).toBe(200);
    expect((await rows()).filter((r) => r.external_id === body.event_id)).toHaveLength(1);

    for (const retry of ['1', '2']) {
      const again = await t.postSlackJson(body, { headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' } });
      expect(again.status).toBe(200);
    }
    expect((await rows()).filter((r) => r.external_id === body.event_id)).toHaveLength(1);
    await eventually(async () => (await rows()).find((r) => r.external_id === body.event_id)?.status === 'processed');
    // Give a wrongly enqueued duplicate the time to run before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter((s) => s === 'event once')).toHaveLength(1);
  });

  it("never hands the bot's own messages to listeners", async () => {
    const own = slackEventCallback(slackMessageEvent({ channel: 'C_TEAM', user: 'UBOT', bot_id: 'BBOT', text: 'my own post', ts: '1764000000.000200' }));
    expect((await t.postSlackJson(own)).status).toBe(200);
    await eventually(async () => (await rows()).find((r) => r.external_id === own.event_id)?.status === 'processed');
    expect(seen).not.toContain('my own post');
  });

  it('refuses a wrong signature or a stale timestamp with 401 and stores nothing', async () => {
    const before = (await rows()).length;
    const body = slackEventCallback(slackMessageEvent({ channel: 'C_TEAM', user: 'U_X', text: 'forged', ts: '1764000000.000300' }));
    expect((await t.postSlackJson(body, { secret: 'not-the-secret' })).status).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await t.postSlackJson(body, { timestamp: tenMinutesAgo })).status).toBe(401);
    const unsigned = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    expect((await rows()).length).toBe(before);
  });
});
