import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFollow, lineMediaMessage, lineTextMessage, lineWebhookBody } from '../fixtures/line-events.js';
import { createCase, linkLineUser, openReplyModal, sendLine, submitSendModal } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Exactly once, in order, through Slack and LINE failures; nothing from people who did not agree. */
describe('relay guarantees', () => {
  let t: TestApp;
  let threadTs: string;
  let code: string;
  const FATHER = 'U_father_0002';
  const replies = () => t.slack.threadReplies('C_TEAM', threadTs);

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
    ({ code, threadTs } = await createCase(t, '鈴木K', { service: '移行' }));
    await linkLineUser(t, { caseCode: code, role: '家族', relation: '父', userId: FATHER, displayName: '鈴木一郎' });
    await t.slack.waitFor(() => replies().find((m) => m.text.includes('連携しました')));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('posts once when chat.postMessage answers 500 three times, then 429 with Retry-After: 1', async () => {
    t.slack.fail('chat.postMessage', { status: 500 }, { status: 500 }, { status: 500 }, { status: 429, retryAfter: 1 });
    await sendLine(t, lineTextMessage({ userId: FATHER, text: '障害のあとでも一度だけ' }));
    await t.slack.waitFor(() => replies().find((m) => m.text.includes('障害のあとでも')), 45_000);
    const attempts = t.slack.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.text ?? '').includes('障害のあとでも'));
    expect(attempts).toHaveLength(5);
    // The post after the 429 came at least a second later.
    expect((attempts[4]?.at ?? 0) - (attempts[3]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    await new Promise((r) => setTimeout(r, 500));
    expect(replies().filter((m) => m.text.includes('障害のあとでも'))).toHaveLength(1);
  }, 60_000);

  it('does not post twice when Slack posted but the answer was lost (metadata carries the relay id)', async () => {
    t.slack.fail('chat.postMessage', { applyThenFail: true, status: 500 });
    await sendLine(t, lineTextMessage({ userId: FATHER, text: '返事が消えても一度だけ' }));
    await eventually(async () => {
      const [row] = await t.database.sql`select delivery_status from messages where body = '返事が消えても一度だけ'`;
      return row?.delivery_status === 'delivered';
    }, 30_000);
    expect(replies().filter((m) => m.text.includes('返事が消えても'))).toHaveLength(1);
    expect(t.slack.calls.some((c) => c.method === 'conversations.replies')).toBe(true);
  }, 45_000);

  it('shares a LINE photo once when Slack shared it but the answer was lost', async () => {
    const image = lineMediaMessage({ userId: FATHER, kind: 'image' });
    const id = String((image.message as { id: string }).id);
    t.line.setContent(id, { body: Buffer.from('photo-once'), contentType: 'image/jpeg' });
    t.slack.fail('files.completeUploadExternal', { applyThenFail: true, status: 500 });
    await sendLine(t, image);
    await eventually(async () => {
      const [row] = await t.database.sql`select delivery_status from messages where line_message_id = ${id}`;
      return row?.delivery_status === 'delivered';
    }, 30_000);
    const shared = replies().filter((m) => JSON.stringify(m.files ?? []).includes(`line-image-${id}.jpg`));
    expect(shared).toHaveLength(1);
    const [row] = await t.database.sql<Array<{ attachments: Array<{ slackFileId?: string }> }>>`select attachments from messages where line_message_id = ${id}`;
    expect(row?.attachments[0]?.slackFileId).toBe((shared[0]?.files as Array<{ id: string }>)[0]?.id);
  }, 45_000);

  it('delivers a LINE push once when LINE answers 500 twice, reusing the retry key', async () => {
    const post = await t.slack.waitFor(() => replies().find((m) => m.text.includes('障害のあとでも')));
    const modal = await openReplyModal(t, post, threadTs);
    t.line.fail('push', { status: 500 }, { status: 500 });
    await submitSendModal(t, modal, '承知しました。');
    const pushes = await t.line.waitFor(() => {
      const tried = t.line.calls.filter((c) => c.path === '/v2/bot/message/push' && JSON.stringify(c.body).includes('承知しました'));
      return tried.length >= 3 ? tried : undefined;
    }, 30_000);
    const keys = new Set(pushes.map((c) => c.headers['x-line-retry-key']));
    expect(keys.size).toBe(1);
    expect(t.line.pushes.filter((p) => JSON.stringify(p.messages).includes('承知しました'))).toHaveLength(1);
    const copy = await t.slack.waitFor(() => replies().find((m) => m.text.includes('承知しました')));
    await t.slack.waitFor(() => t.slack.message('C_TEAM', copy.ts)?.reactions.includes('white_check_mark'), 20_000);
  }, 60_000);

  it('shows a push LINE refused (monthly quota) in the thread with a retry button, and in the audit log', async () => {
    const post = await t.slack.waitFor(() => replies().find((m) => m.text.includes('障害のあとでも')));
    const modal = await openReplyModal(t, post, threadTs);
    t.line.setQuotaExceeded(true);
    await submitSendModal(t, modal, '上限のテスト');
    const notice = await t.slack.waitFor(() => replies().find((m) => m.text.includes('今月のLINE送信数の上限')), 20_000);
    expect(JSON.stringify(notice.blocks)).toContain('relay.retry');
    await eventually(async () => (await t.database.sql`select 1 from audit_log where action = 'message.delivery_failed'`).length > 0);
    t.line.setQuotaExceeded(false);
  }, 45_000);

  it("does not hold a person's later messages behind an earlier event that fails", async () => {
    // The re-follow's answer fails (LINE 500) for a while; the message sent right after still arrives.
    t.line.fail('reply', { status: 500 }, { status: 500 }, { status: 500 });
    const follow = lineFollow({ userId: FATHER });
    await sendLine(t, follow);
    const started = Date.now();
    await sendLine(t, lineTextMessage({ userId: FATHER, text: '続けて送ったメッセージ' }));
    await t.slack.waitFor(() => replies().find((m) => m.text.includes('続けて送ったメッセージ')), 10_000);
    expect(Date.now() - started).toBeLessThan(5000);
    // The failed event is retried by its own job and answered in the end.
    await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === follow.replyToken), 30_000);
  }, 45_000);

  it('never relays a person who answered 同意しない, nor an unknown LINE user', async () => {
    await linkLineUser(t, { caseCode: code, role: '関係機関', relation: 'ハローワーク', userId: 'U_declines', agree: false });
    await t.slack.waitFor(() => replies().find((m) => m.text.includes('同意しませんでした')));
    const before = t.slack.messages.length;
    const declined = lineTextMessage({ userId: 'U_declines', text: '同意していない人の文' });
    const stranger = lineTextMessage({ userId: 'U_stranger', text: '知らない人の文' });
    expect((await t.postLine(lineWebhookBody([declined, stranger]))).status).toBe(200);
    const strangerReply = await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === stranger.replyToken));
    expect(JSON.stringify(strangerReply.messages)).toContain('招待コード');
    await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === declined.replyToken));
    await new Promise((r) => setTimeout(r, 300));
    expect(t.slack.messages.length).toBe(before);
    expect(JSON.stringify(t.slack.calls)).not.toMatch(/同意していない人の文|知らない人の文/);
    const stored = await t.database.sql`select count(*)::int as n from messages where body in ('同意していない人の文', '知らない人の文')`;
    expect(stored[0]?.n).toBe(0);
  });

  it('limits wrong codes per LINE user with a clear message', async () => {
    for (let i = 0; i < 5; i++) await sendLine(t, lineTextMessage({ userId: 'U_guesser', text: `ABCD-EF${i}${i}` }));
    const last = lineTextMessage({ userId: 'U_guesser', text: 'ABCD-EFGH' });
    await sendLine(t, last);
    const reply = await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === last.replyToken));
    expect(JSON.stringify(reply.messages)).toContain('しばらく受け付けを止めています');
  });
});
