import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackEventCallback, slackMessageEvent } from '../fixtures/slack-payloads.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #9, item 16: Slack's replay protection works both ways (a timestamp more than five minutes
 * ahead is refused as well as one five minutes old), and each refusal says what was wrong.
 */
describe('item 16: Slack request timestamps outside five minutes are refused, each with its own code', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // Only events with a listener are stored (item 14): a stand-in listener, registered as the
    // product's own are, makes an accepted message event visible in inbound_events.
    t.app.slackEvents.listen(t.app.slack, 'message', async () => {});
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async () => (await t.app.database.sql`select 1 from inbound_events where source = 'slack'`).length;
  const refusedCodes = () => t.logs.entries.filter((e) => e.msg === 'request refused').map((e) => e.code);
  const event = (text: string) => slackEventCallback(slackMessageEvent({ channel: 'C_TEAM', user: 'U_STAFF', text, ts: `${Date.now() / 1000}` }));

  it('refuses a correctly signed request stamped more than five minutes in the future, and accepts one a little ahead', async () => {
    const before = await stored();
    const inTenMinutes = Math.floor(Date.now() / 1000) + 600;
    const res = await t.postSlackJson(event('from the future'), { timestamp: inTenMinutes });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'timestamp_in_future' });
    expect(await stored()).toBe(before);
    expect(refusedCodes()).toContain('timestamp_in_future');
    // Clocks differ a little: two minutes ahead is within Slack's five.
    const inTwoMinutes = Math.floor(Date.now() / 1000) + 120;
    expect((await t.postSlackJson(event('slightly ahead'), { timestamp: inTwoMinutes })).status).toBe(200);
    expect(await stored()).toBe(before + 1);
  });

  it('logs a stale timestamp as stale, and a wrong signature as a wrong signature', async () => {
    const logged = refusedCodes().length;
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const stale = await t.postSlackJson(event('replayed'), { timestamp: tenMinutesAgo });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({ error: 'timestamp_stale' });
    const wrong = await t.postSlackJson(event('forged'), { secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'signature_invalid' });
    expect(refusedCodes().slice(logged)).toEqual(['timestamp_stale', 'signature_invalid']);
  });
});
