import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTextMessage, lineWebhookBody, type LineEventFixture } from '../fixtures/line-events.js';
import { slackEventCallback, slackMessageEvent } from '../fixtures/slack-payloads.js';
import { createCase, linkLineUser, runCaseCommand, sendLine } from '../helpers/journey.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** What comes in is stored if it can be, only if something handles it, and stays inert on its way out. */
describe('trust: intake', () => {
  let t: TestApp;
  let c: { code: string; threadTs: string };
  const SELF = 'U_intake_self';
  const MOTHER = 'U_intake_mother';
  const thread = () => t.slack.threadReplies('C_TEAM', c.threadTs);
  const storedIds = async (ids: string[]) =>
    (await t.database.sql<Array<{ external_id: string }>>`select external_id from inbound_events where external_id in ${t.database.sql(ids)}`).map(
      (r) => r.external_id,
    );

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
    c = await createCase(t, '田中I', { service: 'B型' });
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: SELF, displayName: '田中一郎' });
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: MOTHER, displayName: '田中花子' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("item 9: a \\u0000 in one person's message does not keep another person's message out: 200, both stored, both reach the thread", async () => {
    const broken = lineTextMessage({ userId: SELF, text: '体調\u0000不良\ud800です' });
    const other = lineTextMessage({ userId: MOTHER, text: '本日は欠席させます' });
    const res = await t.postLine(lineWebhookBody([broken, other]));
    expect(res.status).toBe(200);
    expect((await storedIds([broken.webhookEventId, other.webhookEventId])).sort()).toEqual([broken.webhookEventId, other.webhookEventId].sort());

    await t.slack.waitFor(() => thread().find((m) => m.text.includes('本日は欠席させます')));
    // The character PostgreSQL cannot keep (and the lone surrogate) became U+FFFD; the rest arrived as sent.
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('体調\uFFFD不良\uFFFDです')));
  });

  it('item 9: an event the database still refuses is the only one left out: the others are stored and handled, and the answer is 500 until it is stored too', async () => {
    // A stand-in for any event PostgreSQL refuses whatever we do: a trigger that rejects one marked text.
    await t.database.sql.unsafe(`
      create function refuse_marked_event() returns trigger language plpgsql as $$
      begin
        if new.payload::text like '%REFUSE-THIS%' then raise exception 'refused for the test'; end if;
        return new;
      end $$;
      create trigger refuse_marked_event before insert on inbound_events for each row execute function refuse_marked_event();
    `);
    const refused = lineTextMessage({ userId: SELF, text: 'REFUSE-THIS 明日の予定' });
    const fine = lineTextMessage({ userId: MOTHER, text: '明日は送迎できます' });
    const body = lineWebhookBody([refused, fine]);
    try {
      const first = await t.postLine(body);
      expect(first.status).toBe(500);
      expect(await storedIds([refused.webhookEventId, fine.webhookEventId])).toEqual([fine.webhookEventId]);
      await t.slack.waitFor(() => thread().find((m) => m.text.includes('明日は送迎できます')));
    } finally {
      await t.database.sql.unsafe('drop trigger refuse_marked_event on inbound_events; drop function refuse_marked_event();');
    }

    // LINE retries the whole body: the missing event is stored now, the other is not doubled.
    const retry = await t.postLine(body);
    expect(retry.status).toBe(200);
    expect((await storedIds([refused.webhookEventId, fine.webhookEventId])).sort()).toEqual([refused.webhookEventId, fine.webhookEventId].sort());
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('REFUSE-THIS 明日の予定')));
    await new Promise((r) => setTimeout(r, 300));
    expect(thread().filter((m) => m.text.includes('明日は送迎できます'))).toHaveLength(1);
    // The failure was logged without the message text (a failed query's parameters hold the payload).
    expect(t.logs.text()).toContain('inbound events could not all be stored');
    expect(t.logs.text()).not.toContain('明日は送迎できます');
    expect(t.logs.text()).not.toContain('REFUSE-THIS');
  });

  it('item 14: a Slack message event is acknowledged with 200 and not stored, since no listener handles it', async () => {
    const body = slackEventCallback(
      slackMessageEvent({ channel: 'C_TEAM', user: 'U_STAFF', text: 'スレッド内の相談です', ts: '1764002222.000100', thread_ts: c.threadTs }),
    );
    const res = await t.postSlackJson(body);
    expect(res.status).toBe(200);
    expect(await storedIds([String(body.event_id)])).toEqual([]);
    const [n] = await t.database.sql<Array<{ n: number }>>`select count(*)::int as n from inbound_events where source = 'slack'`;
    expect(n?.n).toBe(0);
  });

  it('item 14: LINE events nobody handles (join, leave, memberJoined, beacon, a group message) are acknowledged and not stored; a handled one in the same body is', async () => {
    const event = (type: string, source: Record<string, unknown>, extra: Record<string, unknown> = {}): LineEventFixture =>
      ({
        type,
        mode: 'active',
        timestamp: Date.now(),
        source,
        webhookEventId: `01${randomUUID().replace(/-/g, '').slice(0, 24).toUpperCase()}`,
        deliveryContext: { isRedelivery: false },
        ...extra,
      }) as LineEventFixture;
    const group = { type: 'group', groupId: 'C_group_1', userId: SELF };
    const unhandled = [
      event('join', { type: 'group', groupId: 'C_group_1' }, { replyToken: `rt-${randomUUID()}` }),
      event('leave', { type: 'group', groupId: 'C_group_1' }),
      event(
        'memberJoined',
        { type: 'group', groupId: 'C_group_1' },
        { joined: { members: [{ type: 'user', userId: MOTHER }] }, replyToken: `rt-${randomUUID()}` },
      ),
      event('beacon', { type: 'user', userId: SELF }, { replyToken: `rt-${randomUUID()}`, beacon: { hwid: 'd41d8cd98f', type: 'enter' } }),
      event('message', group, { replyToken: `rt-${randomUUID()}`, message: { id: '900001', type: 'text', text: 'グループでの会話' } }),
    ];
    const handled = lineTextMessage({ userId: MOTHER, text: '承知しました' });
    const res = await t.postLine(lineWebhookBody([...unhandled, handled]));
    expect(res.status).toBe(200);
    expect(await storedIds([...unhandled, handled].map((e) => e.webhookEventId))).toEqual([handled.webhookEventId]);
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('承知しました')));
    expect(thread().some((m) => m.text.includes('グループでの会話'))).toBe(false);
  });

  it('item 16: /case export of texts that look like formulas, images or HTML: the CSV keeps them as text, the Markdown shows them as text', async () => {
    const texts = ['＝HYPERLINK("http://evil.example","開く")', ' -1+2', '![見て](https://tracker.example/p.png) <img src="https://tracker.example/q.png">'];
    for (const text of texts) {
      await sendLine(t, lineTextMessage({ userId: MOTHER, text }));
      await t.slack.waitFor(() => thread().find((m) => m.text.includes('tracker.example') || m.text.includes('HYPERLINK') || m.text.includes('-1+2')));
    }
    await t.slack.waitFor(() => thread().filter((m) => /HYPERLINK|-1\+2|tracker\.example/.test(m.text)).length >= 3);

    const answer = await runCaseCommand(t, `export ${c.code}`);
    expect(answer).toContain('DM');
    const csvFile = await t.slack.waitFor(() => t.slack.files.find((f) => f.completed && f.filename.endsWith('.csv')));
    const mdFile = await t.slack.waitFor(() => t.slack.files.find((f) => f.completed && f.filename.endsWith('.md')));
    const csv = csvFile.bytes.subarray(3).toString('utf8');
    expect(csv).toContain(`"'＝HYPERLINK(""http://evil.example"",""開く"")"`);
    expect(csv).toContain(`"' -1+2"`);
    const md = mdFile.bytes.toString('utf8');
    expect(md).toContain('> !\\[見て](https://tracker.example/p.png) \\<img src="https://tracker.example/q.png">');
    expect(md).not.toMatch(/(^|[^\\])!\[/m);
    expect(md).not.toMatch(/(^|[^\\])<img/m);
  });
});
