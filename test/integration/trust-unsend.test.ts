import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineMediaMessage, linePostback, lineTextMessage, lineUnsend, lineWebhookBody } from '../fixtures/line-events.js';
import { createCase, linkLineUser, relayIdOf, repliesTo, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectNoTrace } from '../helpers/trace.js';

/**
 * Issue #9, item 3: after an unsend the text is nowhere — not in the thread (whatever the timing),
 * not in any table (inbound_events.payload included), not in queue job data, not in the export.
 */
describe('unsend is honoured in every window', () => {
  let t: TestApp;
  let code: string;
  let threadTs: string;
  let second: { code: string; threadTs: string };
  const MOTHER = 'U_unsend_mother';
  const BOTH = 'U_unsend_in_two_cases';
  const thread = () => t.slack.threadReplies('C_TEAM', threadTs);

  const rowOf = async (lineMessageId: string) =>
    (
      await t.database.sql<Array<{ id: number; body: string | null; delivery_status: string; slack_post_started_at: Date | null }>>`
        select id, body, delivery_status, slack_post_started_at from messages where line_message_id = ${lineMessageId}`
    )[0];
  const eventStatus = async (webhookEventId: string) =>
    (await t.database.sql<Array<{ status: string }>>`select status from inbound_events where external_id = ${webhookEventId}`)[0]?.status;
  const caseId = async (caseCode: string) => (await t.database.sql<Array<{ id: number }>>`select id from cases where code = ${caseCode}`)[0]!.id;

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', API_TIMEOUT_MS: '5000' });
    ({ code, threadTs } = await createCase(t, '佐藤U'));
    second = await createCase(t, '佐藤V');
    await linkLineUser(t, { caseCode: code, role: '家族', relation: '母', userId: MOTHER, displayName: '佐藤花子' });
    await linkLineUser(t, { caseCode: code, role: '家族', relation: '兄', userId: BOTH, displayName: '佐藤一郎' });
    await linkLineUser(t, { caseCode: second.code, role: '家族', relation: '兄', userId: BOTH, displayName: '佐藤一郎' });
    await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', second.threadTs).find((m) => m.text.includes('連携しました')));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('item 3: an unsend racing a slow Slack post (2.5 s) leaves no trace of the text; the copy shows the withdrawn notice', async () => {
    const secret = '遅い投稿中に取り消した秘密A';
    t.slack.fail('chat.postMessage', { delayMs: 2500 });
    const sent = lineTextMessage({ userId: MOTHER, text: secret });
    const lineId = String((sent.message as { id: string }).id);
    await sendLine(t, sent);
    // The post is in flight (Slack answers only 2.5 s later) when the person unsends.
    await eventually(async () => (await rowOf(lineId))?.slack_post_started_at, 10_000, 20);
    await sendLine(t, lineUnsend({ userId: MOTHER, messageId: lineId }));
    const row = await eventually(async () => {
      const r = await rowOf(lineId);
      return r?.delivery_status === 'withdrawn' ? r : undefined;
    });
    // The copy Slack made is replaced by the notice, whatever the order in which things finished.
    const copy = await t.slack.waitFor(() => thread().find((m) => relayIdOf(m) === Number(row!.id) && m.text.includes('取り消しました')), 20_000);
    expect(copy.edited).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    await expectNoTrace(t, secret, code);
  }, 60_000);

  it('item 3: an unsend of a message held for "which case?" is not relayed after the choice, and leaves no trace', async () => {
    const secret = 'どちらの件か聞かれている間に取り消した秘密B';
    const sent = lineTextMessage({ userId: BOTH, text: secret });
    const lineId = String((sent.message as { id: string }).id);
    await sendLine(t, sent);
    expect(JSON.stringify(await repliesTo(t, sent.replyToken))).toContain('どなたについて');
    await sendLine(t, lineUnsend({ userId: BOTH, messageId: lineId }));
    const unsendDone = await eventually(
      async () => (await t.database.sql`select 1 from inbound_events where kind = 'unsend' and actor = ${BOTH} and status = 'processed'`).length > 0,
    );
    expect(unsendDone).toBe(true);
    const choose = linePostback({ userId: BOTH, data: `choose=${await caseId(code)}` });
    await sendLine(t, choose);
    await repliesTo(t, choose.replyToken);
    await eventually(async () => (await eventStatus(choose.webhookEventId)) === 'processed');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rowOf(lineId)).toBeUndefined();
    await expectNoTrace(t, secret, code);
    await expectNoTrace(t, secret, second.code);
  }, 60_000);

  it('item 3: an unsend after staff deleted the Slack copy (message_not_found) is done, and leaves no trace', async () => {
    const secret = 'スタッフが消した後に取り消した秘密C';
    const sent = lineTextMessage({ userId: MOTHER, text: secret });
    const lineId = String((sent.message as { id: string }).id);
    await sendLine(t, sent);
    const copy = await t.slack.waitFor(() => thread().find((m) => m.text.includes(secret)));
    // A staff member deletes the copy in Slack.
    const res = await fetch(`${t.slack.url}chat.delete`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxp-staff', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ channel: 'C_TEAM', ts: copy.ts }),
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    const unsend = lineUnsend({ userId: MOTHER, messageId: lineId });
    await sendLine(t, unsend);
    await eventually(async () => (await eventStatus(unsend.webhookEventId)) === 'processed');
    await eventually(async () => (await rowOf(lineId))?.delivery_status === 'withdrawn', 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    await expectNoTrace(t, secret, code);
  }, 60_000);

  it('item 3: an unsend that overtakes its own message (photo) stops it: nothing stored, posted or uploaded', async () => {
    const photo = lineMediaMessage({ userId: MOTHER, kind: 'image' });
    const lineId = String((photo.message as { id: string }).id);
    t.line.setContent(lineId, { body: Buffer.from('withdrawn-photo-bytes'), contentType: 'image/jpeg' });
    const before = thread().length;
    // LINE delivers the unsend first; the photo's own event comes after (a redelivery, a retried first handling).
    const unsend = lineUnsend({ userId: MOTHER, messageId: lineId });
    expect((await t.postLine(lineWebhookBody([unsend]))).status).toBe(200);
    await eventually(async () => (await eventStatus(unsend.webhookEventId)) === 'processed');
    await sendLine(t, photo);
    await eventually(async () => (await eventStatus(photo.webhookEventId)) === 'processed');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rowOf(lineId)).toBeUndefined();
    expect(thread().length).toBe(before);
    expect(t.line.calls.some((c) => c.path.includes(`/message/${lineId}/content`))).toBe(false);
    await expectNoTrace(t, 'withdrawn-photo-bytes', code);
  }, 60_000);
});
