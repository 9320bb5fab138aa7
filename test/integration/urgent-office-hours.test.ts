import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { createQueueBackend } from '../../src/queues/backend.js';
import { QUEUE_NAMES } from '../../src/queues/jobs.js';
import { createQueues } from '../../src/queues/queues.js';
import { blockAction } from '../fixtures/slack-payloads.js';
import { lineStickerMessage, lineTextMessage, type LineEventFixture } from '../fixtures/line-events.js';
import { createCase, linkLineUser, runCaseCommand, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, TestClock, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #12, urgent messages and office hours, as staff and families see them: signed webhooks into the
 * real server, Slack and LINE fakes, the app's clock moved (office hours mon-fri 09:00-18:00 by default,
 * Japanese public holidays closed). Times are in the past of the real clock: LINE's timestamps of the
 * fixtures are the real now, and a message must not look older than the consent it was sent under.
 */
const jst = (iso: string) => new Date(`${iso}+09:00`);
const ESCALATION = 'UESCALATE1';
const ONCALL = 'UONCALL1';
const SUPERVISOR = 'USABIKAN1';

describe('urgent messages and out-of-hours answers', () => {
  const clock = new TestClock();
  let t: TestApp;
  let c: { code: string; threadTs: string; channel: string };
  let wordsDir: string;
  let wordsFile: string;

  beforeAll(async () => {
    wordsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-urgent-'));
    wordsFile = path.join(wordsDir, 'urgent-words.json');
    await fs.writeFile(wordsFile, '{}');
    clock.set(jst('2026-11-23T09:00:00')); // 勤労感謝の日 (a Monday, a public holiday)
    t = await startTestApp(
      {
        SLACK_CHANNEL_POST_INTERVAL_MS: '0',
        ESCALATION_USER_ID: ESCALATION,
        URGENT_ONCALL_USER_IDS: ONCALL,
        REMINDER_RECONCILE_EVERY_SECONDS: '3600',
        URGENT_WORDS_FILE: wordsFile,
        AFTER_HOURS_REPLY_PERIOD_HOURS: '12',
      },
      { clock },
    );
    t.slack.setMembers('C_TEAM', ['U_STAFF', SUPERVISOR, 'UBOT']);
    c = await createCase(t, '山田T');
    expect(await runCaseCommand(t, `supervisor ${c.code} <@${SUPERVISOR}|sabikan>`)).toContain(SUPERVISOR);
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: 'U_MOTHER', displayName: '山田花子' });
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: 'U_SELF', displayName: '山田太郎' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await fs.rm(wordsDir, { recursive: true, force: true });
  });

  const thread = () => t.slack.threadReplies(c.channel, c.threadTs);
  const threadWith = (text: string) => thread().filter((m) => m.text.includes(text));
  const urgentBlocks = () => thread().filter((m) => m.text.startsWith('🚨 緊急:'));
  const repliesFor = (ev: LineEventFixture) => t.line.replies.filter((r) => r.replyToken === ev.replyToken);
  const replyText = (ev: LineEventFixture) => repliesFor(ev).flatMap((r) => r.messages.map((m) => String((m as { text?: unknown }).text ?? '')));
  const pushesTo = (user: string) => t.line.pushes.filter((p) => p.to === user);
  const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

  /** Sends a text at the app's time `at` and waits for its relay in the thread. */
  const send = async (userId: string, text: string, at: Date): Promise<LineEventFixture> => {
    clock.set(at);
    const ev = lineTextMessage({ userId, text });
    await sendLine(t, ev);
    await t.slack.waitFor(() => threadWith(text)[0], 15_000);
    return ev;
  };

  const press = (actionId: string, alertId: number, user: string, tag: string) =>
    t.postSlackForm(
      blockAction({
        actionId,
        value: String(alertId),
        channel: c.channel,
        messageTs: c.threadTs,
        threadTs: c.threadTs,
        user,
        responseUrl: t.slack.responseUrl(tag),
      }),
    );

  const alerts = () =>
    t.database.sql<Array<{ id: number; taken_by: string | null; taken_at: Date | null; escalated_at: Date | null }>>`
      select id, taken_by, taken_at, escalated_at from urgent_alerts order by id`;

  it('an ordinary text on a public holiday gets the out-of-hours answer, and none at 10:00 on a business day', async () => {
    const holiday = await send('U_MOTHER', '今日はお休みをいただきます', jst('2026-11-23T10:00:00'));
    const answer = await eventually(() => replyText(holiday)[0], 10_000);
    expect(answer).toContain('営業時間外');
    expect(answer).toContain('11月24日（火）9時以降に'); // the next opening: Tuesday 09:00
    await t.slack.waitFor(() => threadWith('🤖 送信者に自動応答を送りました（営業時間外のお知らせ）')[0]);

    const pushesBefore = pushesTo('U_MOTHER').length;
    const weekday = await send('U_MOTHER', '明日は通院のため午後から出勤します', jst('2026-11-25T10:00:00')); // a Wednesday
    await settle();
    expect(repliesFor(weekday)).toHaveLength(0);
    expect(pushesTo('U_MOTHER')).toHaveLength(pushesBefore);
    expect(threadWith('🤖')).toHaveLength(1);
    expect(urgentBlocks()).toHaveLength(0);
  }, 40_000);

  it('an ordinary text at 23:00 on a weekday gets the answer once, not again within the period', async () => {
    const first = await send('U_MOTHER', '今日は仕事で疲れたようで早く寝ました', jst('2026-11-26T23:00:00')); // a Thursday
    const answer = await eventually(() => replyText(first)[0], 10_000);
    expect(answer).toContain('11月27日（金）9時以降に');
    const pushesBefore = pushesTo('U_MOTHER').length;
    const second = await send('U_MOTHER', '明日は休ませます', jst('2026-11-26T23:30:00'));
    await settle();
    expect(repliesFor(second)).toHaveLength(0);
    expect(pushesTo('U_MOTHER')).toHaveLength(pushesBefore);
    expect(threadWith('🤖 送信者に自動応答を送りました')).toHaveLength(2); // the holiday's and this one
  }, 40_000);

  it('「しにたい」 at 23:00: one 🚨 block, DMs without the text, the emergency guidance by reply token; nobody takes it → escalation; 対応します → who and when', async () => {
    const ev = await send('U_SELF', 'もうしにたい', jst('2026-11-26T23:05:00'));
    const block = await t.slack.waitFor(() => urgentBlocks()[0], 10_000);
    expect(JSON.stringify(block.blocks)).toContain(`<@U_STAFF>`);
    expect(JSON.stringify(block.blocks)).toContain(`<@${SUPERVISOR}>`);
    expect(JSON.stringify(block.blocks)).toContain('自殺・自傷のおそれ');

    // The sender: the emergency guidance, by the event's reply token (no push).
    const guidance = await eventually(() => replyText(ev)[0], 10_000);
    expect(guidance).toContain('0570-064-556');
    expect(guidance).toContain('0120-279-338');
    expect(guidance).toContain('119');
    expect(pushesTo('U_SELF')).toHaveLength(0);
    await t.slack.waitFor(() => threadWith('緊急時の連絡先の案内')[0]);

    // DMs to the responsible staff and the supervisor: case code and label, never the text.
    for (const user of ['U_STAFF', SUPERVISOR]) {
      const dm = await t.slack.waitFor(() => t.slack.dmMessages(user).find((m) => m.text.includes('🚨') && m.text.includes(c.code)), 10_000);
      expect(dm.text).toContain('山田T');
      expect(dm.text).not.toContain('しにたい');
      expect(JSON.stringify(dm.blocks ?? [])).not.toContain('しにたい');
    }
    expect(t.slack.dmMessages(ESCALATION)).toHaveLength(0);

    // Nobody takes it: at URGENT_ESCALATE_AFTER_MINUTES (10 by default) it escalates, once.
    clock.set(jst('2026-11-26T23:16:00'));
    await t.app.clockMoved();
    await t.slack.waitFor(() => threadWith('⏫')[0], 15_000);
    expect(threadWith('⏫')[0]?.text).toContain('10分');
    for (const user of [ESCALATION, ONCALL]) {
      const dm = await t.slack.waitFor(() => t.slack.dmMessages(user).find((m) => m.text.includes(c.code)), 10_000);
      expect(dm.text).toContain('エスカレーション');
      expect(dm.text).not.toContain('しにたい');
    }
    await t.app.clockMoved();
    await settle();
    expect(threadWith('⏫')).toHaveLength(1);
    expect(t.slack.dmMessages(ESCALATION)).toHaveLength(1);
    expect(urgentBlocks()).toHaveLength(1);

    // 対応します: who and when in the audit log and the thread, and the record form with 緊急対応・事故.
    const [alert] = await alerts();
    const viewsBefore = t.slack.views.length;
    expect((await press('urgent.take', alert!.id, 'U_STAFF', 'take-1')).status).toBe(200);
    await t.slack.waitFor(() => threadWith('✋')[0], 10_000);
    const audit = await eventually(
      async () =>
        (
          await t.database.sql<Array<{ actor_id: string; details: { takenAt: string; alertId: number } }>>`
        select actor_id, details from audit_log where action = 'urgent.taken'`
        )[0],
    );
    expect(audit?.actor_id).toBe('U_STAFF');
    expect(audit?.details.alertId).toBe(alert!.id);
    expect(new Date(audit?.details.takenAt ?? 0).getTime()).toBeGreaterThanOrEqual(jst('2026-11-26T23:16:00').getTime());
    const form = await t.slack.waitFor(() => t.slack.views[viewsBefore]);
    expect(JSON.stringify(form.view)).toContain('緊急対応・事故');
    // The 🚨 block now says who took it, and 対応します is gone from it.
    await t.slack.waitFor(() => (JSON.stringify(t.slack.message(c.channel, block.ts)?.blocks).includes('✋') ? true : undefined), 10_000);
    expect(JSON.stringify(t.slack.message(c.channel, block.ts)?.blocks)).not.toContain('urgent.take');

    // The second presser is told who took it.
    expect((await press('urgent.take', alert!.id, SUPERVISOR, 'take-2')).status).toBe(200);
    const told = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith('/take-2')));
    expect(JSON.stringify(told.body)).toContain('すでに');
    expect(JSON.stringify(told.body)).toContain('U_STAFF');
    const [row] = await alerts();
    expect(row?.taken_by).toBe('U_STAFF');
    expect(threadWith('✋')).toHaveLength(1);
  }, 60_000);

  it('a message taken in time does not escalate; each urgent message gets the guidance', async () => {
    const escalationsBefore = t.slack.dmMessages(ESCALATION).length;
    const ev = await send('U_SELF', '父に殴られた', jst('2026-11-27T01:00:00'));
    await t.slack.waitFor(() => (urgentBlocks().length === 2 ? true : undefined), 10_000);
    expect(await eventually(() => replyText(ev)[0], 10_000)).toContain('110');
    const alert = (await alerts()).at(-1)!;
    expect((await press('urgent.take', alert.id, SUPERVISOR, 'take-3')).status).toBe(200);
    await eventually(async () => (await alerts()).at(-1)?.taken_by === SUPERVISOR);

    clock.set(jst('2026-11-27T01:20:00'));
    await t.app.clockMoved();
    await settle(2500);
    expect(threadWith('⏫')).toHaveLength(1); // only the earlier one
    expect(t.slack.dmMessages(ESCALATION)).toHaveLength(escalationsBefore);
    expect((await alerts()).at(-1)?.escalated_at).toBeNull();
  }, 40_000);

  it('still escalates once after a wiped queue store and a restart before its time', async () => {
    const escalationsBefore = t.slack.dmMessages(ESCALATION).length;
    await send('U_SELF', '意識がないみたいです', jst('2026-11-27T02:00:00'));
    await t.slack.waitFor(() => (urgentBlocks().length === 3 ? true : undefined), 10_000);
    const alert = (await alerts()).at(-1)!;
    await t.app.stop();
    const backend = createQueueBackend({
      redisUrl: inject('redisUrl') || undefined,
      databaseUrl: t.database.url,
      prefix: t.config.queue.prefix,
      logger: createLogger('silent'),
    });
    const queues = createQueues(backend);
    for (const name of QUEUE_NAMES) await queues.raw(name).obliterate({ force: true });
    expect(await queues.raw('reminders').getJob(`urgent-escalate-${alert.id}`)).toBeUndefined();
    await queues.close();
    await backend.close();

    await t.restart();
    clock.set(jst('2026-11-27T02:11:00'));
    await t.app.clockMoved();
    await t.slack.waitFor(() => (threadWith('⏫').length === 2 ? true : undefined), 15_000);
    await t.slack.waitFor(() => (t.slack.dmMessages(ESCALATION).length === escalationsBefore + 1 ? true : undefined), 10_000);
    await t.app.clockMoved();
    await settle();
    expect(threadWith('⏫')).toHaveLength(2);
    expect(t.slack.dmMessages(ESCALATION)).toHaveLength(escalationsBefore + 1);
    expect((await alerts()).at(-1)?.escalated_at).not.toBeNull();
  }, 60_000);

  it('an expression the office adds to its URGENT_WORDS_FILE is in force at the next message, without a restart', async () => {
    const before = urgentBlocks().length;
    await send('U_MOTHER', '台所でボヤがありました', jst('2026-11-27T10:00:00'));
    await settle();
    expect(urgentBlocks()).toHaveLength(before);
    await fs.writeFile(wordsFile, JSON.stringify({ add: [{ id: 'kaji', group: 'emergency', forms: ['ボヤ', '火事'], why: '火災' }] }));
    await send('U_MOTHER', 'またボヤが出ました', jst('2026-11-27T10:05:00'));
    await t.slack.waitFor(() => (urgentBlocks().length === before + 1 ? true : undefined), 10_000);
    // A sticker's keywords are looked at too (LINE's keywords of the sticker, not shown as text).
    clock.set(jst('2026-11-27T10:10:00'));
    await sendLine(t, lineStickerMessage({ userId: 'U_SELF', keywords: ['Help', 'たすけて'] }));
    await t.slack.waitFor(() => (urgentBlocks().length === before + 2 ? true : undefined), 10_000);
    // holiday, 23:00, しにたい, 殴られた, 意識がない; none at 10:00 on Friday, urgent or not
    await t.slack.waitFor(() => (threadWith('🤖').length === 5 ? true : undefined), 10_000);
    await settle();
    expect(threadWith('🤖')).toHaveLength(5);
  }, 40_000);

  it('the database decides once: racing claims of the out-of-hours answer and of an escalation', async () => {
    const store = t.app.core.store.urgent;
    const at = jst('2026-11-27T20:00:00');
    const claims = await Promise.all([1, 2, 3, 4, 5].map((i) => store.claimAfterHoursAnswer('U_RACE', `race-${i}`, at, 12)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `race-${claims.indexOf(true) + 1}`;
    expect(await store.claimAfterHoursAnswer('U_RACE', winner, at, 12)).toBe(true); // its retry
    expect(await store.claimAfterHoursAnswer('U_RACE', 'race-later', new Date(at.getTime() + 11 * 3600_000), 12)).toBe(false);
    expect(await store.claimAfterHoursAnswer('U_RACE', 'race-next', new Date(at.getTime() + 13 * 3600_000), 12)).toBe(true);

    const [message] = await t.database.sql<Array<{ id: number }>>`select id from messages where direction = 'line_to_slack' order by id limit 1`;
    const [caseRow] = await t.database.sql<Array<{ id: number }>>`select id from cases where code = ${c.code}`;
    const alert = await store.create({ caseId: caseRow!.id, messageId: message!.id, groups: [], escalateAt: at });
    const escalations = await Promise.all([1, 2, 3, 4].map(() => store.claimEscalation(alert.id, at)));
    expect(escalations.filter(Boolean)).toHaveLength(1);
    await t.database.sql`delete from urgent_alerts where id = ${alert.id}`;
  });

  it('an answer LINE keeps refusing is said in the thread, and the next message gets the answer', async () => {
    t.line.fail('reply', { status: 500 }, { status: 500 }, { status: 500 });
    await send('U_MOTHER', '週末の予定を確認させてください', jst('2026-11-28T20:00:00')); // a Saturday
    await t.slack.waitFor(() => threadWith('⚠️ 送信者への自動応答（営業時間外のお知らせ）を送れませんでした')[0], 20_000);
    const next = await send('U_MOTHER', 'よろしくお願いします', jst('2026-11-28T20:10:00'));
    expect(await eventually(() => replyText(next)[0], 10_000)).toContain('11月30日（月）9時以降に');
  }, 40_000);

  it("a DM Slack refuses for good is audit-logged and does not hold up the others'", async () => {
    const stop = t.slack.failMatching('conversations.open', (args) => args.users === SUPERVISOR, { error: 'account_inactive' });
    try {
      const staffDms = t.slack.dmMessages('U_STAFF').length;
      await send('U_SELF', '家出してしまいました', jst('2026-11-28T21:00:00'));
      await t.slack.waitFor(() => (t.slack.dmMessages('U_STAFF').length === staffDms + 1 ? true : undefined), 10_000);
      const failed = await eventually(
        async () => (await t.database.sql<Array<{ details: { to: string } }>>`select details from audit_log where action = 'urgent.dm_failed'`)[0],
      );
      expect(failed?.details.to).toBe(SUPERVISOR);
      await eventually(async () => (await t.database.sql`select 1 from urgent_alerts where notified_at is null`).length === 0);
    } finally {
      stop();
    }
  }, 40_000);

  it('logs no message text, nor which expressions matched (they say what the message was about)', () => {
    expect(t.logs.text()).toContain('urgent message flagged');
    expect(t.logs.text()).not.toContain('しにたい');
    expect(t.logs.text()).not.toContain('殴られ');
    expect(t.logs.text()).not.toContain('shinitai');
  });
});
