import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, viewSubmission } from '../fixtures/slack-payloads.js';
import {
  lineLocationMessage,
  lineMediaMessage,
  lineStickerMessage,
  lineTextMessage,
  lineUnfollow,
  lineFollow,
  lineUnsend,
  redelivered,
} from '../fixtures/line-events.js';
import { createCase, linkLineUser, relayIdOf, runCaseCommand, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Journeys 1-4 end to end, the way Slack and LINE drive the product: a case is created, a family
 * member is invited, follows, sends the code and agrees; every LINE message type reaches the case
 * thread; staff answer with the 返信 button and see the delivery mark.
 */
describe('case thread journey', () => {
  let t: TestApp;
  let threadTs: string;
  let code: string;
  const MOTHER = 'U_mother_0001';
  const replies = () => t.slack.threadReplies('C_TEAM', threadTs);
  const lastReply = async (predicate: (m: ReturnType<typeof replies>[number]) => boolean) => t.slack.waitFor(() => replies().find(predicate));

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a case whose root message starts the case thread', async () => {
    ({ code, threadTs } = await createCase(t, '山田T', { service: 'B型' }));
    expect(code).toBe('C-0001');
    const root = t.slack.message('C_TEAM', threadTs);
    expect(root?.text).toContain('C-0001');
    expect(JSON.stringify(root?.blocks)).toContain('<@U_STAFF>');
    expect(JSON.stringify(root?.blocks)).toContain('就労継続支援B型');
  });

  it('answers mistakes to the invoker only, saying what to type', async () => {
    const before = t.slack.messages.length;
    expect(await runCaseCommand(t, 'new')).toContain('/case new');
    expect(await runCaseCommand(t, 'new 佐藤 C型')).toContain('A型, B型, 移行, 定着');
    expect(await runCaseCommand(t, 'show C-0999')).toContain('C-0999');
    expect(await runCaseCommand(t, 'invite C-0001 友人')).toContain('本人, 家族, 関係機関');
    expect(await runCaseCommand(t, 'frobnicate')).toContain('/case help');
    expect(t.slack.messages.length).toBe(before);
  });

  it('links the mother: code, consent explained in Japanese, the thread told she joined', async () => {
    const { codeReply, consentReply } = await linkLineUser(t, { caseCode: code, role: '家族', relation: '母', userId: MOTHER, displayName: '山田花子' });
    expect(JSON.stringify(codeReply)).toContain('事業所の支援スタッフ');
    expect(JSON.stringify(consentReply)).toContain('連携が完了しました');
    const joined = await lastReply((m) => m.text.includes('連携しました'));
    expect(joined.text).toContain('家族（母）');
    const audit = await t.database.sql<Array<{ action: string }>>`select action from audit_log where action like 'consent.%'`;
    expect(audit.map((r) => r.action)).toContain('consent.given');
  });

  it('relays a text with who wrote it and a 返信 button, Slack markup neutralised', async () => {
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: '今日は熱があるので休みます <!channel> <@U123> <https://evil.example|ここ>' }));
    const post = await lastReply((m) => m.text.includes('熱があるので'));
    expect(post.username).toContain('山田花子');
    const all = JSON.stringify([post.text, post.blocks]);
    expect(all).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
    expect(all).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(post.blocks)).toContain('"action_id":"relay.reply"');
  });

  it('relays stickers, images, video (after transcoding), audio, files and locations', async () => {
    await sendLine(t, lineStickerMessage({ userId: MOTHER, keywords: ['ありがとう'] }));
    await lastReply((m) => m.text.includes('スタンプ') && m.text.includes('ありがとう'));

    const image = lineMediaMessage({ userId: MOTHER, kind: 'image' });
    t.line.setContent(String((image.message as { id: string }).id), { body: Buffer.from('jpeg-bytes'), contentType: 'image/jpeg' });
    await sendLine(t, image);
    await lastReply((m) => m.text.includes('画像を送信しました'));
    const imageFile = await t.slack.waitFor(() => t.slack.files.find((f) => f.completed && f.bytes.toString() === 'jpeg-bytes'));
    expect(imageFile.thread_ts).toBe(threadTs);

    const video = lineMediaMessage({ userId: MOTHER, kind: 'video' });
    const videoId = String((video.message as { id: string }).id);
    t.line.setContent(videoId, { body: Buffer.from('mp4-bytes'), contentType: 'video/mp4', transcoding: 'processing' });
    await sendLine(t, video);
    await lastReply((m) => m.text.includes('動画を送信しました'));
    await new Promise((r) => setTimeout(r, 500));
    expect(t.slack.files.some((f) => f.bytes.toString() === 'mp4-bytes')).toBe(false);
    t.line.setTranscoding(videoId, 'succeeded');
    await t.slack.waitFor(() => t.slack.files.find((f) => f.completed && f.bytes.toString() === 'mp4-bytes'), 20_000);

    const audio = lineMediaMessage({ userId: MOTHER, kind: 'audio' });
    t.line.setContent(String((audio.message as { id: string }).id), { body: Buffer.from('m4a-bytes'), contentType: 'audio/m4a' });
    await sendLine(t, audio);
    await t.slack.waitFor(() => t.slack.files.find((f) => f.completed && f.bytes.toString() === 'm4a-bytes'));

    const file = lineMediaMessage({ userId: MOTHER, kind: 'file', fileName: '診断書.pdf' });
    t.line.setContent(String((file.message as { id: string }).id), { body: Buffer.from('pdf-bytes'), contentType: 'application/pdf' });
    await sendLine(t, file);
    await lastReply((m) => m.text.includes('診断書.pdf'));
    const pdf = await t.slack.waitFor(() => t.slack.files.find((f) => f.completed && f.bytes.toString() === 'pdf-bytes'));
    expect(pdf.filename).toBe('診断書.pdf');

    await sendLine(t, lineLocationMessage({ userId: MOTHER, title: '〇〇駅', address: '東京都新宿区', latitude: 35.69, longitude: 139.7 }));
    const location = await lastReply((m) => m.text.includes('〇〇駅'));
    expect(JSON.stringify(location.blocks)).toContain('https://www.google.com/maps/search/?api=1&query=35.69,139.7');
  });

  it('posts a redelivered webhook once', async () => {
    const event = lineTextMessage({ userId: MOTHER, text: '二回届いても一回だけ' });
    await sendLine(t, event);
    await sendLine(t, redelivered(event));
    await lastReply((m) => m.text.includes('二回届いても'));
    await new Promise((r) => setTimeout(r, 500));
    expect(replies().filter((m) => m.text.includes('二回届いても'))).toHaveLength(1);
  });

  it('replaces an unsent message with a note and deletes its stored body', async () => {
    const event = lineTextMessage({ userId: MOTHER, text: '間違えて送りました' });
    await sendLine(t, event);
    const post = await lastReply((m) => m.text.includes('間違えて送りました'));
    await sendLine(t, lineUnsend({ userId: MOTHER, messageId: String((event.message as { id: string }).id) }));
    await t.slack.waitFor(() => t.slack.message('C_TEAM', post.ts)?.text.includes('取り消しました'));
    const rows = await t.database.sql`select body from messages where line_message_id = ${String((event.message as { id: string }).id)}`;
    expect(rows).toEqual([{ body: null }]);
  });

  it('sends a reply through the 返信 button and marks it delivered', async () => {
    const post = await lastReply((m) => m.text.includes('熱があるので'));
    const messageId = relayIdOf(post);
    expect(messageId).toBeTypeOf('number');
    const res = await t.postSlackForm(
      blockAction({
        actionId: 'relay.reply',
        value: String(messageId),
        channel: 'C_TEAM',
        messageTs: post.ts,
        threadTs,
        responseUrl: t.slack.responseUrl('reply'),
      }),
    );
    expect(res.status).toBe(200);
    const opened = await t.slack.waitFor(() => t.slack.views.at(-1));
    const view = opened.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ block_id?: string; element?: { initial_option?: { value: string } } }>;
    };
    expect(view.callback_id).toBe('relay.send');
    const recipient = view.blocks.find((b) => b.block_id === 'recipient')?.element?.initial_option?.value;
    expect(recipient).toBeDefined();

    const submit = await t.postSlackForm(
      viewSubmission({
        view: { id: opened.id, ...view },
        values: { recipient: { selected: recipient as string }, text: { text: 'お大事になさってください。' } },
      }),
    );
    expect(submit.status).toBe(200);
    const push = await t.line.waitFor(() => t.line.pushes.find((p) => p.to === MOTHER && JSON.stringify(p.messages).includes('お大事に')));
    expect(push.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    const copy = await lastReply((m) => m.text.includes('お大事になさってください'));
    await t.slack.waitFor(() => t.slack.message('C_TEAM', copy.ts)?.reactions.includes('white_check_mark'));
    expect(t.line.pushes.filter((p) => JSON.stringify(p.messages).includes('お大事に'))).toHaveLength(1);
  });

  it('keeps thread talk internal: a staff message in the thread is not sent to LINE', async () => {
    const pushesBefore = t.line.pushes.length;
    const { slackEventCallback, slackMessageEvent } = await import('../fixtures/slack-payloads.js');
    await t.postSlackJson(
      slackEventCallback(slackMessageEvent({ channel: 'C_TEAM', user: 'U_STAFF', text: '明日電話してみます', ts: '1764001111.000100', thread_ts: threadTs })),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(t.line.pushes.length).toBe(pushesBefore);
  });

  it('tells the thread about a block and a re-follow', async () => {
    await sendLine(t, lineUnfollow({ userId: MOTHER }));
    await lastReply((m) => m.text.includes('ブロックしました'));
    const rows = await t.database.sql`select status from contacts where line_user_id = ${MOTHER}`;
    expect(rows[0]?.status).toBe('blocked');
    await sendLine(t, lineFollow({ userId: MOTHER, isUnblocked: true }));
    await lastReply((m) => m.text.includes('ブロックを解除しました'));
  });

  it('lets the person withdraw by sending 解除, recorded in the audit log', async () => {
    const events = await t.database.sql`select status from contacts where line_user_id = ${MOTHER}`;
    expect(events[0]?.status).toBe('active');
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: '解除' }));
    await lastReply((m) => m.text.includes('LINE連携を解除しました'));
    await eventually(async () => (await t.database.sql`select 1 from audit_log where action = 'consent.withdrawn'`).length === 1);
    const before = replies().length;
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: '解除後のメッセージ' }));
    await t.line.waitFor(() => t.line.replies.at(-1)?.messages && JSON.stringify(t.line.replies.at(-1)?.messages).includes('届いていません'));
    expect(replies().length).toBe(before);
  });

  it('wrote no message text, code or name to the logs', () => {
    const logs = t.logs.text();
    expect(t.logs.lines.length).toBeGreaterThan(20);
    for (const secret of ['熱があるので', 'お大事になさってください', '山田花子', '間違えて送りました', '診断書.pdf', '東京都新宿区']) {
      expect(logs).not.toContain(secret);
    }
  });
});
