import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../fakes/slack-api.js';
import { lineTextMessage } from '../fixtures/line-events.js';
import { blockAction, messageShortcut, reactionAdded, slackEventCallback, viewSubmission } from '../fixtures/slack-payloads.js';
import { createCase, linkLineUser, openReplyModal, repliesTo, sendLine, submitSendModal } from '../helpers/journey.js';
import { initial, nextModal } from '../helpers/modals.js';
import { eventually, startTestApp, TestClock, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #12, "LINE sending that respects people and the quota": signed HTTP into the real server
 * against the fakes, on real PostgreSQL and real queues. Reply tokens only while fresh, pushes with
 * retry keys otherwise; the admins warned at 80 % and 95 % of the monthly quota, once each; 既読 on
 * LINE only after a staff act (返信, 記録する, ✅), never before, and not at all when switched off;
 * the loading animation before "which case?".
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long to watch for something that must not happen (jobs here retry within 200 ms). */
const QUIET_MS = 1500;

const replyCallsWith = (t: TestApp, token: string | undefined) =>
  t.line.calls.filter((c) => c.path === '/v2/bot/message/reply' && (c.body as { replyToken?: string } | undefined)?.replyToken === token);

/** Clicks the 再送する button of a notice in the thread. */
async function clickRetry(t: TestApp, notice: SlackMessage, threadTs: string): Promise<void> {
  const elements = (notice.blocks ?? []).flatMap((b) => (b as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? []);
  const value = elements.find((e) => e.action_id === 'relay.retry')?.value;
  if (!value) throw new Error('the notice has no retry button');
  const res = await t.postSlackForm(
    blockAction({ actionId: 'relay.retry', value, channel: 'C_TEAM', messageTs: notice.ts, threadTs, responseUrl: t.slack.responseUrl() }),
  );
  expect(res.status).toBe(200);
}

/** A staff member adds `reaction` to a post (reaction_added through the Events API). */
async function react(t: TestApp, o: { user: string; reaction: string; ts: string; channel?: string }): Promise<void> {
  const res = await t.postSlackJson(slackEventCallback(reactionAdded({ channel: 'C_TEAM', ...o })));
  expect(res.status).toBe(200);
}

describe('reply tokens, read receipts and the loading animation', () => {
  const clock = new TestClock();
  let t: TestApp;
  let c: { code: string; threadTs: string };
  const MOTHER = 'U_send_mother';
  const thread = () => t.slack.threadReplies('C_TEAM', c.threadTs);
  const postOf = (text: string) => t.slack.waitFor(() => thread().find((m) => m.text.includes(text)));
  const readRow = async (text: string) =>
    (
      await t.database.sql<Array<{ read_marked_at: Date | null; mark_as_read_token: string | null }>>`
      select read_marked_at, mark_as_read_token from messages where body = ${text}`
    )[0];

  beforeAll(async () => {
    t = await startTestApp({ RETRY_BASE_DELAY_MS: '200', SLACK_CHANNEL_POST_INTERVAL_MS: '0' }, { clock });
    c = await createCase(t, '送信T');
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: MOTHER, displayName: '送信花子' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers with the reply token while the event is fresh: no push', async () => {
    const pushesBefore = t.line.pushes.length;
    const event = lineTextMessage({ userId: 'U_send_stranger', text: 'こんにちは' });
    await sendLine(t, event);
    const reply = await repliesTo(t, event.replyToken);
    expect(JSON.stringify(reply)).toContain('text');
    await sleep(300);
    expect(t.line.pushes.slice(pushesBefore).filter((p) => p.to === 'U_send_stranger')).toEqual([]);
  });

  it('answers an event older than a reply token lives by push with a retry key, without trying the token', async () => {
    // LINE delivered it late (a backlog, a redelivery after an outage): its token would be refused.
    const event = { ...lineTextMessage({ userId: 'U_send_late', text: 'こんにちは' }), timestamp: clock.now().getTime() - 60_000 };
    await sendLine(t, event);
    const push = await t.line.waitFor(() => t.line.pushes.find((p) => p.to === 'U_send_late'));
    expect(push.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(replyCallsWith(t, event.replyToken)).toEqual([]);
    expect(t.line.staleReplyTokens).not.toContain(event.replyToken);
    // One answer, by push only.
    expect(t.line.pushes.filter((p) => p.to === 'U_send_late')).toHaveLength(1);
  });

  it('the fake refuses a stale token the way LINE does, and the bot falls back to push', async () => {
    // The app's clock says the event is fresh, LINE's (the fake's) says the token is too old.
    const event = lineTextMessage({ userId: 'U_send_refused', text: 'こんにちは' });
    t.line.issueTokens([{ ...event, timestamp: Date.now() - 120_000 }]);
    await t.postLine({ destination: 'Ubot', events: [event] });
    const push = await t.line.waitFor(() => t.line.pushes.find((p) => p.to === 'U_send_refused'));
    expect(push.retryKey).toBeDefined();
    expect(t.line.staleReplyTokens).toContain(event.replyToken);
  });

  it('marks messages read on LINE only after a staff member replies (返信), once', async () => {
    const first = lineTextMessage({ userId: MOTHER, text: '明日は通院のため休みます' });
    const second = lineTextMessage({ userId: MOTHER, text: '夕方に連絡します' });
    await sendLine(t, first);
    await sendLine(t, second);
    await postOf('明日は通院のため休みます');
    const post = await postOf('夕方に連絡します');
    // Relayed and shown to staff: nobody acted yet, so nothing is read on LINE.
    await sleep(QUIET_MS);
    expect(t.line.readMarks).toEqual([]);
    expect((await readRow('夕方に連絡します'))?.mark_as_read_token).toBe((second.message as { markAsReadToken: string }).markAsReadToken);

    const modal = await openReplyModal(t, post, c.threadTs);
    await submitSendModal(t, modal, '承知しました。お大事にしてください。');
    await t.line.waitFor(() => t.line.pushes.find((p) => p.to === MOTHER));
    const mark = await t.line.waitFor(() => t.line.readMarks[0]);
    // The latest message's token: LINE marks it and the ones before it.
    expect(mark.markAsReadToken).toBe((second.message as { markAsReadToken: string }).markAsReadToken);
    await eventually(async () => (await readRow('明日は通院のため休みます'))?.read_marked_at != null);
    expect((await readRow('夕方に連絡します'))?.read_marked_at).not.toBeNull();
    // Another reply with nothing new from the person: nothing more to mark.
    await submitSendModal(t, await openReplyModal(t, post, c.threadTs), 'もう一点、来週の予定もご連絡ください。');
    await t.line.waitFor(() => t.line.pushes.filter((p) => p.to === MOTHER).length === 2 || undefined);
    await sleep(QUIET_MS);
    expect(t.line.readMarks).toHaveLength(1);
    const audit = await t.database.sql<Array<{ actor_id: string; details: { via: string } }>>`
      select actor_id, details from audit_log where action = 'message.read_receipt_requested'`;
    expect(audit).toEqual([expect.objectContaining({ actor_id: 'U_STAFF', details: expect.objectContaining({ via: 'reply' }) })]);
  });

  it('marks them read after ✅ by staff of the case, not by others, not for other reactions, and once', async () => {
    const event = lineTextMessage({ userId: MOTHER, text: '書類を提出しました' });
    await sendLine(t, event);
    const post = await postOf('書類を提出しました');
    const token = (event.message as { markAsReadToken: string }).markAsReadToken;
    const marks = () => t.line.readMarks.filter((m) => m.markAsReadToken === token);

    await react(t, { user: 'U_STAFF', reaction: 'eyes', ts: post.ts });
    await react(t, { user: 'U_send_outsider', reaction: 'white_check_mark', ts: post.ts }); // not a member of the channel
    await sleep(QUIET_MS);
    expect(marks()).toEqual([]);

    await react(t, { user: 'U_STAFF', reaction: 'white_check_mark', ts: post.ts });
    await t.line.waitFor(() => marks()[0]);
    await react(t, { user: 'U_STAFF', reaction: 'heavy_check_mark', ts: post.ts });
    await sleep(QUIET_MS);
    expect(marks()).toHaveLength(1);
    expect(await t.database.sql`select 1 from audit_log where action = 'access.refused' and actor_id = 'U_send_outsider'`).toHaveLength(1);
  });

  it('marks them read after 記録する on the message', async () => {
    const event = lineTextMessage({ userId: MOTHER, text: '昨夜はよく眠れませんでした' });
    await sendLine(t, event);
    const post = await postOf('昨夜はよく眠れませんでした');
    const before = t.slack.views.length;
    await t.postSlackForm(
      messageShortcut({
        callbackId: 'record_message',
        channel: 'C_TEAM',
        message: { ts: post.ts, thread_ts: c.threadTs, text: post.text, bot_id: 'BBOT' },
        responseUrl: t.slack.responseUrl('rec-read'),
      }),
    );
    const modal = await nextModal(t, before);
    await sleep(300);
    const token = (event.message as { markAsReadToken: string }).markAsReadToken;
    expect(t.line.readMarks.filter((m) => m.markAsReadToken === token)).toEqual([]); // opening the form is not recording
    await t.postSlackForm(
      viewSubmission({
        view: { id: modal.id, ...modal.view },
        values: {
          category: { selected: 'sleep' },
          date: { date: initial(modal, 'date') as string },
          time: { time: initial(modal, 'time') as string },
          body: { text: initial(modal, 'body') as string },
        },
      }),
    );
    await t.line.waitFor(() => t.line.readMarks.find((m) => m.markAsReadToken === token));
  });

  it('a read mark LINE fails with a 5xx is tried again by its job, and marked once', async () => {
    const event = lineTextMessage({ userId: MOTHER, text: '駅に着きました' });
    await sendLine(t, event);
    const post = await postOf('駅に着きました');
    const token = (event.message as { markAsReadToken: string }).markAsReadToken;
    t.line.fail('markAsRead', { status: 500 }, { status: 503 });
    await react(t, { user: 'U_STAFF', reaction: 'white_check_mark', ts: post.ts });
    await t.line.waitFor(() => t.line.readMarks.find((m) => m.markAsReadToken === token));
    expect(t.line.pendingFaults('markAsRead')).toBe(0);
    const tries = t.line.calls.filter(
      (call) => call.path === '/v2/bot/chat/markAsRead' && (call.body as { markAsReadToken?: string }).markAsReadToken === token,
    );
    expect(tries).toHaveLength(3); // two failures, then accepted
    await eventually(async () => (await readRow('駅に着きました'))?.read_marked_at != null);
  });

  it('shows the loading animation before asking a person in two cases which case they mean', async () => {
    const other = await createCase(t, '送信U');
    await linkLineUser(t, { caseCode: other.code, role: '家族', relation: '母', userId: MOTHER });
    const event = lineTextMessage({ userId: MOTHER, text: 'どちらの件か分かりますか' });
    await sendLine(t, event);
    const reply = await repliesTo(t, event.replyToken);
    expect(JSON.stringify(reply)).toContain('送信U');
    const loading = t.line.loadings.find((l) => l.chatId === MOTHER);
    expect(loading?.loadingSeconds).toBeGreaterThanOrEqual(5);
    const order = t.line.calls.map((call) => call.path);
    expect(order.indexOf('/v2/bot/chat/loading/start')).toBeLessThan(order.lastIndexOf('/v2/bot/message/reply'));

    // LINE failing the animation changes nothing for the person.
    t.line.fail('loading', { status: 500 });
    const again = lineTextMessage({ userId: MOTHER, text: 'もう一度聞きます' });
    await sendLine(t, again);
    expect(JSON.stringify(await repliesTo(t, again.replyToken))).toContain('送信U');
    expect(t.line.pendingFaults('loading')).toBe(0);
  });
});

describe('read receipts switched off (LINE_READ_RECEIPTS=false)', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('sends none, after 返信 or ✅', async () => {
    t = await startTestApp({ LINE_READ_RECEIPTS: 'false', SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
    const c = await createCase(t, '既読なしT');
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: 'U_noread' });
    await sendLine(t, lineTextMessage({ userId: 'U_noread', text: '今日は休みます' }));
    const post = await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', c.threadTs).find((m) => m.text.includes('今日は休みます')));
    await submitSendModal(t, await openReplyModal(t, post, c.threadTs), '了解です');
    await t.line.waitFor(() => t.line.pushes.find((p) => p.to === 'U_noread'));
    await react(t, { user: 'U_STAFF', reaction: 'white_check_mark', ts: post.ts });
    await sleep(QUIET_MS);
    expect(t.line.calls.filter((call) => call.path === '/v2/bot/chat/markAsRead')).toEqual([]);
  }, 60_000);
});

describe("the monthly quota: the admins' warnings and a send at the limit", () => {
  const clock = new TestClock();
  let t: TestApp;
  let c: { code: string; threadTs: string };
  const FATHER = 'U_quota_father';
  const ADMINS = ['UQADMIN1', 'UQADMIN2'];
  const thread = () => t.slack.threadReplies('C_TEAM', c.threadTs);
  const warningsTo = (user: string) => t.slack.dmMessages(user).filter((m) => m.text.includes('LINE'));
  let post: SlackMessage;
  const reply = async (text: string) => {
    const before = t.line.pushes.length;
    await submitSendModal(t, await openReplyModal(t, post, c.threadTs), text);
    await t.line.waitFor(() => t.line.pushes.length > before || undefined);
  };

  beforeAll(async () => {
    clock.set(new Date('2027-03-10T10:00:00+09:00'));
    t = await startTestApp({ ADMIN_USER_IDS: ADMINS.join(','), LINE_QUOTA_CHECK_SECONDS: '1', SLACK_CHANNEL_POST_INTERVAL_MS: '0' }, { clock });
    c = await createCase(t, '上限T');
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '父', userId: FATHER });
    await sendLine(t, lineTextMessage({ userId: FATHER, text: '来週の面談の件です' }));
    post = await t.slack.waitFor(() => thread().find((m) => m.text.includes('来週の面談の件です')));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('warns every admin once at 80 % (not again for later pushes), and again at 95 %', async () => {
    t.line.setQuota({ type: 'limited', value: 200, used: 158 - t.line.pushes.length });
    await reply('一通目です'); // 159 of 200: under 80 %
    await sleep(2500); // the check ran after the push and on its timer
    expect(ADMINS.flatMap(warningsTo)).toEqual([]);

    await reply('二通目です'); // 160 of 200: 80 %
    for (const admin of ADMINS) await t.slack.waitFor(() => warningsTo(admin)[0]);
    expect(warningsTo(ADMINS[0]!)[0]?.text).toContain('80%');
    expect(warningsTo(ADMINS[0]!)[0]?.text).toContain('160 / 200');

    await reply('三通目です'); // 161: past 80 % already
    await sleep(2500);
    for (const admin of ADMINS) expect(warningsTo(admin)).toHaveLength(1);

    t.line.setQuota({ type: 'limited', value: 200, used: 190 - t.line.pushes.length - 1 });
    await reply('四通目です'); // 190 of 200: 95 %
    for (const admin of ADMINS) await t.slack.waitFor(() => warningsTo(admin)[1]);
    expect(warningsTo(ADMINS[1]!)[1]?.text).toContain('95%');
    await sleep(2500);
    for (const admin of ADMINS) expect(warningsTo(admin)).toHaveLength(2);
    const rows = await t.database.sql<Array<{ threshold: number; user_id: string; sent_at: Date | null }>>`
      select threshold, user_id, sent_at from quota_warnings order by threshold, user_id`;
    expect(rows.map((r) => [r.threshold, r.user_id, r.sent_at !== null])).toEqual([
      [80, 'UQADMIN1', true],
      [80, 'UQADMIN2', true],
      [95, 'UQADMIN1', true],
      [95, 'UQADMIN2', true],
    ]);
  });

  it('a send at the limit fails in the thread with what to do, and 再送する sends it once the limit is raised', async () => {
    t.line.setQuotaExceeded(true);
    await submitSendModal(t, await openReplyModal(t, post, c.threadTs), '上限のときの返信です');
    const notice = await t.slack.waitFor(() => thread().find((m) => m.text.includes('上限に達しました')));
    expect(notice.text).toContain('電話');
    expect(notice.text).toContain('LINE Official Account Manager');
    expect(notice.text).toContain('来月1日');
    expect(JSON.stringify(notice.blocks)).toContain('relay.retry');

    t.line.setQuotaExceeded(false); // the plan was changed
    await clickRetry(t, notice, c.threadTs);
    await t.line.waitFor(() => t.line.pushes.find((p) => p.to === FATHER && JSON.stringify(p.messages).includes('上限のときの返信です')));
  });
  it('warns again next month; a warning whose DM failed is sent by a later check, once', async () => {
    clock.set(new Date('2027-04-01T09:00:00+09:00')); // LINE counts from zero again on the 1st
    const refuse = t.slack.failMatching('chat.postMessage', (args) => String(args.text).includes('80%'), { error: 'fatal_error' });
    t.line.setQuota({ type: 'limited', value: 200, used: 169 - t.line.pushes.length });
    await reply('四月の一通目です'); // 170 of 200: 85 % (the timer may see 169 first: past 80 % already)
    const row = () => t.database.sql<Array<{ sent_at: Date | null }>>`select sent_at from quota_warnings where month = '2027-04' and user_id = 'UQADMIN1'`;
    await eventually(async () => (await row()).length === 1);
    await sleep(2500);
    expect((await row())[0]?.sent_at).toBeNull();
    for (const admin of ADMINS) expect(warningsTo(admin)).toHaveLength(2); // March's two

    refuse(); // Slack answers again; a check after the claim has gone stale takes it on
    clock.set(new Date('2027-04-01T09:06:00+09:00'));
    for (const admin of ADMINS) await t.slack.waitFor(() => warningsTo(admin)[2]);
    // As the push or the timer read it, whichever came first: 169 or 170 of 200.
    expect(warningsTo(ADMINS[0]!)[2]?.text).toMatch(/80% を超えました（1(69|70) \/ 200 通）/);
    await eventually(async () => (await row())[0]?.sent_at != null);
    await sleep(2500);
    for (const admin of ADMINS) expect(warningsTo(admin)).toHaveLength(3);
  });
});
