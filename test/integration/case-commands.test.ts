import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linePostback, lineTextMessage } from '../fixtures/line-events.js';
import { messageShortcut, viewSubmission } from '../fixtures/slack-payloads.js';
import { createCase, linkLineUser, runCaseCommand, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

type ModalView = {
  callback_id: string;
  private_metadata: string;
  blocks: Array<{ block_id?: string; element?: { initial_option?: { value: string }; initial_value?: string } }>;
};

/** /case show, list, close, unlink; the LINEに送信 shortcut; one LINE user in two cases. */
describe('case commands, the send shortcut and several cases per LINE user', () => {
  let t: TestApp;
  let first: { code: string; threadTs: string };
  let second: { code: string; threadTs: string };
  const AUNT = 'U_aunt_0003';
  const thread = (c: { threadTs: string }) => t.slack.threadReplies('C_TEAM', c.threadTs);

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
    first = await createCase(t, '田中A', { service: 'A型' });
    second = await createCase(t, '田中B', { service: '定着' });
    await linkLineUser(t, { caseCode: first.code, role: '家族', relation: '叔母', userId: AUNT, displayName: '田中和子' });
    await linkLineUser(t, { caseCode: second.code, role: '家族', relation: '叔母', userId: AUNT, displayName: '田中和子' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists the channel's cases and shows a case with its numbered LINE links", async () => {
    const list = await runCaseCommand(t, 'list');
    expect(list).toContain(first.code);
    expect(list).toContain(second.code);
    const show = await runCaseCommand(t, `show ${first.code}`);
    expect(show).toContain('田中A');
    expect(show).toMatch(/\d+\. 家族（叔母） 田中和子 — 連携中（同意済み）/);
  });

  it("refuses staff outside the case's channel", async () => {
    t.slack.setMembers('C_TEAM', ['U_STAFF', 'UBOT']);
    const answer = await runCaseCommand(t, `show ${first.code}`, { user: 'U_OUTSIDER' });
    expect(answer).toContain('メンバーではない');
  });

  it('asks which case when a LINE user is linked to two, remembers the choice, relays held messages', async () => {
    const message = lineTextMessage({ userId: AUNT, text: 'どちらの件か聞かれるはず' });
    await sendLine(t, message);
    const question = await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === message.replyToken));
    const items = (question.messages[0] as { quickReply?: { items: Array<{ action: { label: string; data: string } }> } }).quickReply?.items ?? [];
    expect(items.map((i) => i.action.label)).toEqual(['田中A', '田中B']);
    expect(thread(second).some((m) => m.text.includes('どちらの件か'))).toBe(false);

    const choice = linePostback({ userId: AUNT, data: items[1]?.action.data as string });
    await sendLine(t, choice);
    await t.slack.waitFor(() => thread(second).find((m) => m.text.includes('どちらの件か')));
    const next = lineTextMessage({ userId: AUNT, text: '続けて同じ件です' });
    await sendLine(t, next);
    await t.slack.waitFor(() => thread(second).find((m) => m.text.includes('続けて同じ件')));
    expect(thread(first).some((m) => /どちらの件か|続けて同じ件/.test(m.text))).toBe(false);
  });

  it('sends a staff message from the thread with the LINEに送信 shortcut, after confirmation, and marks it', async () => {
    const staff = await t.app.slack.client.chat.postMessage({ channel: 'C_TEAM', thread_ts: first.threadTs, text: '明日10時に伺います。' });
    const viewsBefore = t.slack.views.length;
    await t.postSlackForm(
      messageShortcut({
        callbackId: 'send_to_line',
        channel: 'C_TEAM',
        message: { ts: staff.ts as string, thread_ts: first.threadTs, text: '明日10時に伺います。', user: 'U_STAFF' },
        responseUrl: t.slack.responseUrl('shortcut'),
      }),
    );
    const opened = await t.slack.waitFor(() => t.slack.views[viewsBefore]);
    const view = opened.view as ModalView;
    expect(view.blocks.find((b) => b.block_id === 'text')?.element?.initial_value).toBe('明日10時に伺います。');
    expect(t.line.pushes.some((p) => JSON.stringify(p.messages).includes('明日10時'))).toBe(false);
    const recipient = view.blocks.find((b) => b.block_id === 'recipient')?.element?.initial_option?.value as string;
    await t.postSlackForm(
      viewSubmission({ view: { id: opened.id, ...view }, values: { recipient: { selected: recipient }, text: { text: '明日10時に伺います。' } } }),
    );
    const push = await t.line.waitFor(() => t.line.pushes.find((p) => JSON.stringify(p.messages).includes('明日10時')));
    expect(push.to).toBe(AUNT);
    await t.slack.waitFor(() => t.slack.message('C_TEAM', staff.ts as string)?.reactions.includes('white_check_mark'));
    // No copy is posted: the staff message itself is what was sent.
    expect(thread(first).filter((m) => m.text.includes('明日10時'))).toHaveLength(1);
  });

  it('refuses the shortcut outside a case thread, in Japanese', async () => {
    await t.postSlackForm(
      messageShortcut({
        callbackId: 'send_to_line',
        channel: 'C_TEAM',
        message: { ts: '1764009999.000001', text: '雑談', user: 'U_STAFF' },
        responseUrl: t.slack.responseUrl('outside'),
      }),
    );
    const answer = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith('/outside')));
    expect(String((answer.body as { text: string }).text)).toContain('ケーススレッドにありません');
  });

  it('unlinks a contact on staff request and tells the thread', async () => {
    const [row] = await t.database.sql<Array<{ id: number }>>`select c.id from contacts c join cases k on k.id = c.case_id where k.code = ${first.code}`;
    const answer = await runCaseCommand(t, `unlink ${first.code} ${row?.id}`);
    expect(answer).toContain('解除しました');
    await t.slack.waitFor(() => thread(first).find((m) => m.text.includes('LINE連携を解除しました')));
    await eventually(async () => (await t.database.sql`select 1 from audit_log where action = 'contact.unlinked'`).length === 1);
  });

  it('closes a case: the thread is told and the LINE user gets an explanation instead of a relay', async () => {
    const answer = await runCaseCommand(t, `close ${second.code}`);
    expect(answer).toContain('終了しました');
    await t.slack.waitFor(() => thread(second).find((m) => m.text.includes('このケースを終了しました')));
    const before = t.slack.messages.length;
    const late = lineTextMessage({ userId: AUNT, text: '終了後のメッセージ' });
    await sendLine(t, late);
    await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === late.replyToken));
    expect(t.slack.messages.length).toBe(before);
    expect(await runCaseCommand(t, `invite ${second.code} 家族`)).toContain('終了しています');
  });
});

describe('a long staff message sent with the shortcut', () => {
  let t: TestApp;
  const NIECE = 'U_niece_0004';

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is sent as it is, split into LINE messages of at most 5,000 characters in one request', async () => {
    const c = await createCase(t, '長文テスト');
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: NIECE });
    const long = `${'あ'.repeat(4000)}\n\n${'い'.repeat(4000)}\n\n${'う'.repeat(3000)}`;
    const staff = await t.app.slack.client.chat.postMessage({ channel: 'C_TEAM', thread_ts: c.threadTs, text: long });
    const viewsBefore = t.slack.views.length;
    await t.postSlackForm(
      messageShortcut({
        callbackId: 'send_to_line',
        channel: 'C_TEAM',
        message: { ts: staff.ts as string, thread_ts: c.threadTs, text: long, user: 'U_STAFF' },
        responseUrl: t.slack.responseUrl('long'),
      }),
    );
    const opened = await t.slack.waitFor(() => t.slack.views[viewsBefore]);
    const view = opened.view as ModalView;
    expect(view.blocks.some((b) => b.block_id === 'text')).toBe(false);
    expect(JSON.stringify(view.blocks)).toContain('11,004文字');
    const recipient = view.blocks.find((b) => b.block_id === 'recipient')?.element?.initial_option?.value as string;
    await t.postSlackForm(viewSubmission({ view: { id: opened.id, ...view }, values: { recipient: { selected: recipient } } }));
    const push = await t.line.waitFor(() => t.line.pushes.find((p) => p.to === NIECE));
    const texts = (push.messages as unknown as Array<{ text: string }>).map((m) => m.text);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect(texts.length).toBeLessThanOrEqual(5);
    expect(texts.every((x) => x.length <= 5000)).toBe(true);
    expect(texts.join('').replace(/\n/g, '')).toBe(long.replace(/\n/g, ''));
    await t.slack.waitFor(() => t.slack.message('C_TEAM', staff.ts as string)?.reactions.includes('white_check_mark'));
  });

  it("reaches Slack from LINE split within Slack's block limits", async () => {
    const c = await createCase(t, '長文LINE');
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: 'U_long_writer' });
    const long = 'え'.repeat(4999) + 'お'.repeat(4999);
    await sendLine(t, lineTextMessage({ userId: 'U_long_writer', text: long }));
    const post = await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', c.threadTs).find((m) => m.text.includes('ええええ')));
    const sections = (post.blocks as Array<{ type: string; text?: { text: string } }>).filter((b) => b.type === 'section');
    expect(sections.every((b) => (b.text?.text.length ?? 0) <= 3000)).toBe(true);
    expect(sections.map((b) => b.text?.text).join('')).toBe(long);
  });
});
