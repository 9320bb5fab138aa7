import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretStore } from '../../src/db/queries/secrets.js';
import { hashInviteCode, normalizeInviteCode } from '../../src/core/linking/invite-code.js';
import { linePostback, lineTextMessage, lineWebhookBody, type LineEventFixture } from '../fixtures/line-events.js';
import { consentChoices, createCase, issueInvite, linkLineUser, repliesTo, runCaseCommand, sendLine } from '../helpers/journey.js';
import { signLineBody } from '../helpers/sign.js';
import { eventually, startTestApp, TEST_SECRETS, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #9, linking and consent: a used code never links again, consent is judged against the time a
 * message was sent, code-shaped texts of linked people are relayed, the consent text names the
 * organisations a Slack Connect channel is shared with, and codes are keyed by a secret of their own.
 */

const at = <E extends LineEventFixture>(event: E, timestamp: number): E => ({ ...event, timestamp });
const replyText = (messages: Array<Record<string, unknown>>) => JSON.stringify(messages);

async function contactOf(t: TestApp, userId: string, caseCode: string): Promise<{ id: number; status: string } | undefined> {
  const [row] = await t.database.sql<Array<{ id: number; status: string }>>`
    select c.id, c.status from contacts c join cases k on k.id = c.case_id where c.line_user_id = ${userId} and k.code = ${caseCode}`;
  return row;
}

async function processed(t: TestApp, event: LineEventFixture): Promise<void> {
  await eventually(async () => {
    const [row] = await t.database.sql<Array<{ status: string }>>`select status from inbound_events where external_id = ${event.webhookEventId}`;
    return row?.status === 'processed';
  }, 30_000);
}

async function storedBodies(t: TestApp, text: string): Promise<number> {
  const [row] = await t.database.sql<Array<{ n: number }>>`select count(*)::int as n from messages where body like ${`%${text}%`}`;
  return row?.n ?? 0;
}

describe('trust: linking and consent', () => {
  let t: TestApp;
  const thread = (c: { threadTs: string; channel?: string }) => t.slack.threadReplies(c.channel ?? 'C_TEAM', c.threadTs);
  const inThread = (c: { threadTs: string; channel?: string }, text: string) => thread(c).some((m) => m.text.includes(text));

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('item 1: a person unlinked by staff cannot come back with their old code, an old consent prompt or a case choice', async () => {
    const USER = 'U_item1_unlinked';
    const c = await createCase(t, '井上U');
    const { code, codeReply } = await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: USER });
    const oldPrompt = consentChoices(codeReply);
    const contact = await contactOf(t, USER, c.code);
    expect(await runCaseCommand(t, `unlink ${c.code} ${contact?.id}`)).toContain('解除しました');

    const again = lineTextMessage({ userId: USER, text: code });
    await sendLine(t, again);
    const answer = await repliesTo(t, again.replyToken);
    expect(answer.some((m) => m.type === 'template')).toBe(false);
    expect(replyText(answer)).toContain('新しい招待コード');
    expect((await contactOf(t, USER, c.code))?.status).toBe('unlinked');

    const agree = linePostback({ userId: USER, data: oldPrompt.yes });
    await sendLine(t, agree);
    await repliesTo(t, agree.replyToken);
    const choose = linePostback({ userId: USER, data: `choose=${(await t.database.sql`select id from cases where code = ${c.code}`)[0]?.id}` });
    await sendLine(t, choose);
    await repliesTo(t, choose.replyToken);
    expect((await contactOf(t, USER, c.code))?.status).toBe('unlinked');

    const text = lineTextMessage({ userId: USER, text: '解除されたあとの文' });
    await sendLine(t, text);
    expect(replyText(await repliesTo(t, text.replyToken))).toContain('届いていません');
    expect(inThread(c, '解除されたあとの文')).toBe(false);
    expect(await storedBodies(t, '解除されたあとの文')).toBe(0);

    // Only a new /case invite brings them back.
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: USER });
    expect((await contactOf(t, USER, c.code))?.status).toBe('active');
  });

  it('item 1: a person who sent 解除 or answered 同意しない cannot relink with their old code', async () => {
    const c = await createCase(t, '上田W');
    const WITHDREW = 'U_item1_withdrew';
    const DECLINED = 'U_item1_declined';
    const withdrew = await linkLineUser(t, { caseCode: c.code, role: '本人', userId: WITHDREW });
    const bye = lineTextMessage({ userId: WITHDREW, text: '解除' });
    await sendLine(t, bye);
    await repliesTo(t, bye.replyToken);
    const declined = await linkLineUser(t, { caseCode: c.code, role: '家族', userId: DECLINED, agree: false });

    for (const [user, code, status] of [
      [WITHDREW, withdrew.code, 'withdrawn'],
      [DECLINED, declined.code, 'declined'],
    ] as const) {
      const again = lineTextMessage({ userId: user, text: code });
      await sendLine(t, again);
      const answer = await repliesTo(t, again.replyToken);
      expect(answer.some((m) => m.type === 'template')).toBe(false);
      expect((await contactOf(t, user, c.code))?.status).toBe(status);
      // The old prompt's 同意する changes nothing either.
      const agree = linePostback({ userId: user, data: consentChoices(user === WITHDREW ? withdrew.codeReply : declined.codeReply).yes });
      await sendLine(t, agree);
      await repliesTo(t, agree.replyToken);
      expect((await contactOf(t, user, c.code))?.status).toBe(status);
    }
  });

  it('item 1: a retried redeem (the same LINE event) still gets its consent prompt', async () => {
    const USER = 'U_item1_retry';
    const c = await createCase(t, '江口R');
    const code = await issueInvite(t, c.code, '本人');
    t.line.fail('reply', { status: 500 });
    const sent = lineTextMessage({ userId: USER, text: code });
    await sendLine(t, sent);
    const prompt = await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === sent.replyToken), 20_000);
    expect(prompt.messages.some((m) => m.type === 'template')).toBe(true);
    expect((await contactOf(t, USER, c.code))?.status).toBe('pending_consent');
  }, 30_000);

  it('item 4: a text sent before agreeing, whose first handling failed, is never relayed once the person agrees', async () => {
    const USER = 'U_item4_early';
    const c = await createCase(t, '小川E');
    const code = await issueInvite(t, c.code, '本人');
    const now = Date.now();
    const redeem = at(lineTextMessage({ userId: USER, text: code }), now - 10_000);
    await sendLine(t, redeem);
    const { yes } = consentChoices(await repliesTo(t, redeem.replyToken));

    // The text's answer fails twice (its own attempt, then again when the consent's job handles it
    // first): it is handled for good only after the consent was recorded.
    t.line.fail('reply', { status: 500 }, { status: 500 });
    const early = at(lineTextMessage({ userId: USER, text: '同意の前に書いた文' }), now - 6000);
    const agree = at(linePostback({ userId: USER, data: yes }), now - 3000);
    expect((await t.postLine(lineWebhookBody([early, agree]))).status).toBe(200);
    await processed(t, agree);
    await processed(t, early);
    expect((await contactOf(t, USER, c.code))?.status).toBe('active');

    const later = lineTextMessage({ userId: USER, text: '同意のあとに書いた文' });
    await sendLine(t, later);
    await t.slack.waitFor(() => thread(c).find((m) => m.text.includes('同意のあとに書いた文')));
    expect(inThread(c, '同意の前に書いた文')).toBe(false);
    expect(await storedBodies(t, '同意の前に書いた文')).toBe(0);
    const earlyAnswer = t.line.replies.find((r) => r.replyToken === early.replyToken);
    expect(JSON.stringify(earlyAnswer?.messages ?? [])).toContain('同意いただく前');
  }, 45_000);

  it('item 4: consent is recorded at the time of the LINE event, and 解除 too', async () => {
    const USER = 'U_item4_times';
    const c = await createCase(t, '岡田T');
    const code = await issueInvite(t, c.code, '家族');
    const sentCode = lineTextMessage({ userId: USER, text: code });
    await sendLine(t, sentCode);
    const { yes } = consentChoices(await repliesTo(t, sentCode.replyToken));
    const agreedAt = Date.now() - 60_000;
    const agree = at(linePostback({ userId: USER, data: yes }), agreedAt);
    await sendLine(t, agree);
    // A minute old, its reply token would be refused: the thanks go by push.
    await t.line.waitFor(() => t.line.pushes.find((p) => p.to === USER));
    expect(t.line.replies.find((r) => r.replyToken === agree.replyToken)).toBeUndefined();
    const leftAt = Date.now() - 1000;
    const bye = at(lineTextMessage({ userId: USER, text: '解除' }), leftAt);
    await sendLine(t, bye);
    await repliesTo(t, bye.replyToken);
    const [row] = await t.database.sql<Array<{ given: Date; withdrawn: Date }>>`
      select consent_given_at as given, consent_withdrawn_at as withdrawn from contacts where line_user_id = ${USER}`;
    expect(row?.given.getTime()).toBe(agreedAt);
    expect(row?.withdrawn.getTime()).toBe(leftAt);
  });

  it('item 4: messages held while choosing a case are not relayed to a link agreed after they were sent', async () => {
    const NURSE = 'U_item4_nurse';
    const a = await createCase(t, '看護A');
    const b = await createCase(t, '看護B');
    await linkLineUser(t, { caseCode: a.code, role: '関係機関', relation: '訪問看護', userId: NURSE });
    await linkLineUser(t, { caseCode: b.code, role: '関係機関', relation: '訪問看護', userId: NURSE });
    const held = lineTextMessage({ userId: NURSE, text: '選ぶ前に保留された文' });
    await sendLine(t, held);
    const question = await repliesTo(t, held.replyToken);
    const items = (question[0] as { quickReply?: { items: Array<{ action: { label: string; data: string } }> } }).quickReply?.items ?? [];
    const chooseB = items.find((i) => i.action.label === '看護B')?.action.data as string;
    expect(chooseB).toBeDefined();

    const bye = lineTextMessage({ userId: NURSE, text: '解除' });
    await sendLine(t, bye);
    await repliesTo(t, bye.replyToken);
    // A new invitation to case B only, agreed later than the held message was sent.
    await linkLineUser(t, { caseCode: b.code, role: '関係機関', relation: '訪問看護', userId: NURSE });

    const choose = linePostback({ userId: NURSE, data: chooseB });
    await sendLine(t, choose);
    await repliesTo(t, choose.replyToken);
    const next = lineTextMessage({ userId: NURSE, text: '再連携のあとの文' });
    await sendLine(t, next);
    await t.slack.waitFor(() => thread(b).find((m) => m.text.includes('再連携のあとの文')));
    expect(inThread(b, '選ぶ前に保留された文') || inThread(a, '選ぶ前に保留された文')).toBe(false);
    expect(await storedBodies(t, '選ぶ前に保留された文')).toBe(0);
  });

  it('item 5: texts of a consented person that look like codes are relayed, not answered as wrong codes', async () => {
    const USER = 'U_item5_linked';
    const c = await createCase(t, '中村H');
    await linkLineUser(t, { caseCode: c.code, role: '家族', userId: USER });
    for (const text of ['HELP-HELP', '20261210', 'HELP HELP']) {
      const sent = lineTextMessage({ userId: USER, text });
      await sendLine(t, sent);
      await t.slack.waitFor(() => thread(c).find((m) => m.text.includes(text)));
      expect(t.line.replies.some((r) => r.replyToken === sent.replyToken)).toBe(false);
    }
    const [attempts] = await t.database.sql<Array<{ n: number }>>`select count(*)::int as n from invite_attempts where line_user_id = ${USER} and not success`;
    expect(attempts?.n).toBe(0);
  });

  it('item 5: a consented person can still redeem a valid code for another case', async () => {
    const NURSE = 'U_item5_nurse';
    const first = await createCase(t, '訪看1');
    const second = await createCase(t, '訪看2');
    await linkLineUser(t, { caseCode: first.code, role: '関係機関', relation: '訪問看護', userId: NURSE });
    const { consentReply } = await linkLineUser(t, { caseCode: second.code, role: '関係機関', relation: '訪問看護', userId: NURSE });
    expect(replyText(consentReply)).toContain('連携が完了しました');
    expect((await contactOf(t, NURSE, second.code))?.status).toBe('active');
  });

  it('item 5: people without an active link are still asked for codes and limited', async () => {
    const sent = lineTextMessage({ userId: 'U_item5_stranger', text: 'HELP-HELP' });
    await sendLine(t, sent);
    expect(replyText(await repliesTo(t, sent.replyToken))).toContain('招待コードを確認できませんでした');
  });

  it('item 7: in a channel shared through Slack Connect, staff are told and the consent prompt names the organisations', async () => {
    const channel = 'C_SHARED_NAME';
    t.slack.shareChannel(channel, [
      { id: 'T_HIKARI', name: 'ひかり相談支援センター' },
      { id: 'T_AOBA', name: 'あおば訪問看護ステーション' },
    ]);
    const created = await runCaseCommand(t, 'new 共有K', { channel });
    expect(created).toContain('ひかり相談支援センター');
    expect(created).toContain('あおば訪問看護ステーション');
    const code = /C-\d{4,}/.exec(created)?.[0] as string;
    const invited = await runCaseCommand(t, `invite ${code} 家族`);
    expect(invited).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(invited).toContain('ひかり相談支援センター');

    const USER = 'U_item7_name';
    const sent = lineTextMessage({ userId: USER, text: /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(invited)?.[0] as string });
    await sendLine(t, sent);
    const prompt = replyText(await repliesTo(t, sent.replyToken));
    expect(prompt).toContain('ひかり相談支援センター');
    expect(prompt).toContain('あおば訪問看護ステーション');
    expect(prompt).not.toContain('事業所の外の方には共有しません');
  });

  it('item 7: a channel shared after the prompt was shown asks again before the relay starts', async () => {
    const channel = 'C_SHARED_LATER';
    const c = await createCase(t, '後共有L', { channel });
    const code = await issueInvite(t, c.code, '本人');
    const USER = 'U_item7_later';
    const sent = lineTextMessage({ userId: USER, text: code });
    await sendLine(t, sent);
    const first = await repliesTo(t, sent.replyToken);
    expect(replyText(first)).toContain('事業所の外の方には共有しません');

    t.slack.shareChannel(channel, [{ id: 'T_MIDORI', name: 'みどり就労支援センター' }]);
    const agree = linePostback({ userId: USER, data: consentChoices(first).yes });
    await sendLine(t, agree);
    const again = await repliesTo(t, agree.replyToken);
    expect(replyText(again)).toContain('みどり就労支援センター');
    expect((await contactOf(t, USER, c.code))?.status).toBe('pending_consent');

    const agreeNow = linePostback({ userId: USER, data: consentChoices(again).yes });
    await sendLine(t, agreeNow);
    await repliesTo(t, agreeNow.replyToken);
    expect((await contactOf(t, USER, c.code))?.status).toBe('active');
  });

  it('item 16: outstanding codes hashed with the LINE channel secret (before codes had a key of their own) still link', async () => {
    const c = await createCase(t, '旧鍵K');
    const legacy = 'Q9PD-7K3M';
    const [caseRow] = await t.database.sql<Array<{ id: number }>>`select id from cases where code = ${c.code}`;
    await t.database.sql`insert into invites (case_id, code_hash, role, created_by, expires_at)
      values (${caseRow!.id}, ${hashInviteCode(normalizeInviteCode(legacy)!, TEST_SECRETS.LINE_CHANNEL_SECRET)}, '家族', 'U_STAFF', now() + interval '1 day')`;
    const sent = lineTextMessage({ userId: 'U_item16_legacy', text: legacy });
    await sendLine(t, sent);
    expect((await repliesTo(t, sent.replyToken)).some((m) => m.type === 'template')).toBe(true);
  });

  it('item 16: replicas asking for the generated key at the same moment all get the same one', async () => {
    const db = t.app.database.db;
    const keys = await Promise.all(Array.from({ length: 8 }, (_, i) => secretStore(db).ensure('race_test_key', () => `candidate-${i}`)));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^candidate-\d$/);
  });

  it('item 16: codes survive a rotated LINE channel secret; the generated key is kept once in the database', async () => {
    const c = await createCase(t, '鍵K');
    const code = await issueInvite(t, c.code, '本人');

    // The channel secret is rotated: a new process runs with the new one.
    await t.app.stop();
    const rotated = 'rotated-line-channel-secret';
    const replica = await t.startReplica({ LINE_CHANNEL_SECRET: rotated });
    const sent = lineTextMessage({ userId: 'U_item16_rotated', text: code });
    const raw = JSON.stringify(lineWebhookBody([sent]));
    const res = await fetch(`http://127.0.0.1:${replica.port}/line/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(rotated, raw) },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect((await repliesTo(t, sent.replyToken)).some((m) => m.type === 'template')).toBe(true);
    const secrets = await t.database.sql<Array<{ n: number }>>`select count(*)::int as n from app_secrets where name = 'invite_code_key'`;
    expect(secrets[0]?.n).toBe(1);
  }, 30_000);
});

describe('trust: linking refused in shared channels (SHARED_CHANNEL_LINKING=refuse)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', SHARED_CHANNEL_LINKING: 'refuse' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('item 7: /case invite is refused in a shared channel, and a code redeemed after the channel became shared links nobody', async () => {
    const shared = 'C_REFUSE_SHARED';
    t.slack.shareChannel(shared, [{ id: 'T_SORA', name: 'そら相談室' }]);
    const c = await createCase(t, '拒否R', { channel: shared });
    const refused = await runCaseCommand(t, `invite ${c.code} 家族`);
    expect(refused).not.toMatch(/\b[A-Z0-9]{4}-[A-Z0-9]{4}\b/);
    expect(refused).toContain('そら相談室');
    expect((await t.database.sql`select 1 from invites`).length).toBe(0);

    const later = 'C_REFUSE_LATER';
    const d = await createCase(t, '後拒否L', { channel: later });
    const code = await issueInvite(t, d.code, '本人');
    t.slack.shareChannel(later, [{ id: 'T_SORA', name: 'そら相談室' }]);
    const USER = 'U_item7_refused';
    const sent = lineTextMessage({ userId: USER, text: code });
    await sendLine(t, sent);
    const answer = await repliesTo(t, sent.replyToken);
    expect(answer.some((m) => m.type === 'template')).toBe(false);
    expect(replyText(answer)).toContain('担当スタッフ');
    await t.slack.waitFor(() => t.slack.threadReplies(later, d.threadTs).find((m) => m.text.includes('そら相談室')));
    expect(await t.database.sql`select 1 from contacts where line_user_id = ${USER}`).toHaveLength(0);
  });
});
