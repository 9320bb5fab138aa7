import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createQueueBackend } from '../../src/queues/backend.js';
import { QUEUE_NAMES } from '../../src/queues/jobs.js';
import { createQueues } from '../../src/queues/queues.js';
import { createLogger } from '../../src/lib/logger.js';
import { blockAction, slashCommand } from '../fixtures/slack-payloads.js';
import { uniqueQueuePrefix } from '../helpers/database.js';
import { createCase, runCaseCommand } from '../helpers/journey.js';
import { eventually, startTestApp, TestClock, type TestApp } from '../helpers/test-app.js';

/** 14:00:00 JST on Tuesday 2026-12-01 (a business day) is 05:00:00Z. */
const jst = (iso: string) => new Date(`${iso}+09:00`);

/**
 * Journey 6 through the real queue: a reminder fires once (DM and case thread) and 完了 records it;
 * a wiped queue store and a restart still fire it once; two app processes ping once.
 */
describe('reminders through the real queue', () => {
  const clock = new TestClock();
  let t: TestApp;
  let c: { code: string; threadTs: string };
  const dmsWith = (text: string) => t.slack.dmMessages('U_STAFF').filter((m) => m.text.includes(text));
  const threadWith = (text: string) => t.slack.threadReplies('C_TEAM', c.threadTs).filter((m) => m.text.includes(text));
  const reminderId = async (title: string) => Number((await t.database.sql<Array<{ id: number }>>`select id from reminders where title = ${title}`)[0]?.id);

  beforeAll(async () => {
    clock.set(jst('2026-12-01T13:59:50'));
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', API_TIMEOUT_MS: '2000' }, { clock });
    c = await createCase(t, '伊藤S', { service: 'B型' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('fires a reminder due in a few seconds once, by DM and in the case thread, with the buttons', async () => {
    const answer = await runCaseCommand(t, `remind ${c.code} 2026-12-01 14:00 受給者証の更新書類を確認`);
    expect(answer).toContain('2026/12/01 14:00');
    const [dm] = await t.slack.waitFor(() => (dmsWith('受給者証の更新書類').length ? dmsWith('受給者証の更新書類') : undefined), 20_000);
    expect(dm?.text).toContain(`${c.code} 伊藤S`);
    const blocks = JSON.stringify(dm?.blocks);
    for (const label of ['完了', '1日延期', '1週間延期', '担当変更']) expect(blocks).toContain(label);
    await t.slack.waitFor(() => threadWith('受給者証の更新書類')[0]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(dmsWith('受給者証の更新書類')).toHaveLength(1);
    expect(threadWith('受給者証の更新書類')).toHaveLength(1);
  }, 40_000);

  it('records completion with the 完了 button', async () => {
    const id = await reminderId('受給者証の更新書類を確認');
    const dm = dmsWith('受給者証の更新書類')[0];
    const res = await t.postSlackForm(
      blockAction({
        actionId: 'reminder.done',
        value: String(id),
        channel: dm?.channel as string,
        messageTs: dm?.ts as string,
        responseUrl: t.slack.responseUrl('done'),
      }),
    );
    expect(res.status).toBe(200);
    const answer = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith('/done')));
    expect(JSON.stringify(answer.body)).toContain('完了にしました');
    const [row] = await t.database.sql<Array<{ status: string; completed_by: string }>>`select status, completed_by from reminders where id = ${id}`;
    expect(row).toEqual({ status: 'done', completed_by: 'U_STAFF' });
    expect((await t.database.sql`select 1 from audit_log where action = 'reminder.done'`).length).toBe(1);
  });

  it('still fires once after the queue store is wiped and the app restarted', async () => {
    clock.set(jst('2026-12-01T14:00:52'));
    await runCaseCommand(t, `remind ${c.code} 2026-12-01 14:01 モニタリング報告書の提出`);
    const id = await reminderId('モニタリング報告書の提出');
    const [ping] = await t.database.sql<Array<{ id: number }>>`select id from reminder_pings where reminder_id = ${id}`;
    await t.app.stop();
    // Wipe every queue (Redis keys or BullMQ's PostgreSQL tables alike).
    const backend = createQueueBackend({
      redisUrl: inject('redisUrl') || undefined,
      databaseUrl: t.database.url,
      prefix: t.config.queue.prefix,
      logger: createLogger('silent'),
    });
    const queues = createQueues(backend);
    for (const name of QUEUE_NAMES) await queues.raw(name).obliterate({ force: true });
    expect(await queues.raw('reminders').getJob(`ping-${ping?.id}`)).toBeUndefined();
    await queues.close();
    await backend.close();

    await t.restart();
    await t.slack.waitFor(() => dmsWith('モニタリング報告書の提出')[0], 20_000);
    await t.slack.waitFor(() => threadWith('モニタリング報告書の提出')[0]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(dmsWith('モニタリング報告書の提出')).toHaveLength(1);
    expect(threadWith('モニタリング報告書の提出')).toHaveLength(1);
  }, 40_000);

  it('pings once with two app processes running', async () => {
    clock.set(jst('2026-12-01T14:01:54'));
    await runCaseCommand(t, `remind ${c.code} 2026-12-01 14:02 二つのプロセスでも一度だけ`);
    // A second process on the same database, with a queue store of its own when on Redis: its
    // start-up reconcile makes a second job for the same ping; the database claim lets one send it.
    await t.startReplica({ QUEUE_PREFIX: uniqueQueuePrefix() });
    await t.slack.waitFor(() => dmsWith('二つのプロセスでも')[0], 20_000);
    await new Promise((r) => setTimeout(r, 4000));
    expect(dmsWith('二つのプロセスでも')).toHaveLength(1);
    expect(threadWith('二つのプロセスでも')).toHaveLength(1);
    const id = await reminderId('二つのプロセスでも一度だけ');
    const pinged = await t.database.sql`select 1 from audit_log where action = 'reminder.pinged' and (details->>'reminderId')::int = ${id}`;
    expect(pinged.length).toBe(1);
  }, 40_000);

  it('sends the DM once when Slack fails the first attempt (500) and when it times out but posts later', async () => {
    clock.set(jst('2026-12-01T14:02:56'));
    t.slack.fail('chat.postMessage', { status: 500 });
    await runCaseCommand(t, `remind ${c.code} 2026-12-01 14:03 一度失敗する通知`);
    await t.slack.waitFor(() => dmsWith('一度失敗する通知')[0], 20_000);
    await t.slack.waitFor(() => threadWith('一度失敗する通知')[0]);

    clock.set(jst('2026-12-01T14:03:56'));
    // Slack posts the DM but the connection drops before the answer (as after a timeout): the retry
    // waits a few API timeouts for it to land, finds it by its metadata, and does not post again.
    t.slack.fail('chat.postMessage', { applyThenFail: true, drop: true });
    await runCaseCommand(t, `remind ${c.code} 2026-12-01 14:04 答えの返らない通知`);
    await t.slack.waitFor(() => dmsWith('答えの返らない通知')[0], 20_000);
    await eventually(
      async () =>
        (
          await t.database
            .sql`select 1 from reminder_pings p join reminders r on r.id = p.reminder_id where r.title = '答えの返らない通知' and p.status = 'sent'`
        ).length === 1,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(dmsWith('一度失敗する通知')).toHaveLength(1);
    expect(dmsWith('答えの返らない通知')).toHaveLength(1);
    await t.slack.waitFor(() => threadWith('答えの返らない通知')[0], 15_000);
    expect(threadWith('答えの返らない通知')).toHaveLength(1);
  }, 90_000);
});

describe('reminder commands and rules as staff see them', () => {
  const clock = new TestClock();
  let t: TestApp;
  let c: { code: string; threadTs: string };

  beforeAll(async () => {
    clock.set(jst('2026-11-25T10:00:00'));
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' }, { clock });
    c = await createCase(t, '中村K', { service: '移行' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/placement lists the six-month milestone in /case show, with the plan from welfare rules', async () => {
    const id = `p-${Date.now()}`;
    await t.postSlackForm(slashCommand({ command: '/placement', text: `${c.code} 2026-12-01 〇〇物流`, responseUrl: t.slack.responseUrl(id) }));
    const reply = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)));
    expect(JSON.stringify(reply.body)).toContain('2027/06/01');
    const show = await runCaseCommand(t, `show ${c.code}`);
    expect(show).toMatch(/R\d+ 2027\/06\/01 就職後6か月/);
    const rows = await t.database.sql<Array<{ rule: string; due_day: string; citation: string }>>`
      select rule, due_day::text, citation from reminders where rule like 'placement.%' order by due_day, rule`;
    expect(rows.map((r) => r.rule)).toContain('placement.retention_application');
    expect(rows.find((r) => r.rule === 'placement.six_months')?.due_day).toBe('2027-06-01');
    expect(rows.every((r) => r.citation.length > 0)).toBe(true);
    const [kase] = await t.database.sql<
      Array<{ placement_date: string; employer: string }>
    >`select placement_date::text, employer from cases where code = ${c.code}`;
    expect(kase).toEqual({ placement_date: '2026-12-01', employer: '〇〇物流' });
  });

  it('/visit pings the business day before at 17:00 and an hour before', async () => {
    const id = `v-${Date.now()}`;
    // 2026-12-07 is a Monday: the business day before is Friday 2026-12-04.
    await t.postSlackForm(slashCommand({ command: '/visit', text: `${c.code} 12/7 10:00 職場訪問 <@UCOACH01|coach>`, responseUrl: t.slack.responseUrl(id) }));
    const reply = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)));
    expect(JSON.stringify(reply.body)).toContain('2026/12/07 10:00');
    const pings = await t.database.sql<Array<{ label: string; fire_at: Date; assignee: string }>>`
      select p.label, p.fire_at, r.assignee_user_id as assignee from reminder_pings p join reminders r on r.id = p.reminder_id
      where r.rule = 'visit' order by p.fire_at`;
    expect(pings.map((p) => [p.label, p.fire_at.toISOString()])).toEqual([
      ['前営業日 17:00', '2026-12-04T08:00:00.000Z'],
      ['1時間前', '2026-12-07T00:00:00.000Z'],
    ]);
    expect(pings[0]?.assignee).toBe('UCOACH01');
  });

  it('answers mistakes in Japanese, saying what to type', async () => {
    const ask = async (command: string, text: string) => {
      const id = `e-${Math.random()}`;
      await t.postSlackForm(slashCommand({ command, text, responseUrl: t.slack.responseUrl(id) }));
      return JSON.stringify((await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)))).body);
    };
    expect(await ask('/visit', `${c.code} 12/8`)).toContain('時刻を指定してください');
    expect(await ask('/visit', `${c.code} 13/45 10:00`)).toContain('日付「13/45」が読めません');
    expect(await ask('/monitoring', `${c.code} 2027-05-20 99`)).toContain('1〜24');
    expect(await ask('/placement', 'C-0999 2026-12-01')).toContain('C-0999');
  });

  it('/monitoring pings 14 and 3 days before; 完了 schedules the next from the actual date', async () => {
    const id = `m-${Date.now()}`;
    await t.postSlackForm(slashCommand({ command: '/monitoring', text: `${c.code} 2027-05-20 3`, responseUrl: t.slack.responseUrl(id) }));
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)));
    const [rem] = await t.database.sql<Array<{ id: number }>>`select id from reminders where rule = 'monitoring' and status = 'open'`;
    const pings = await t.database.sql<
      Array<{ label: string; fire_at: Date }>
    >`select label, fire_at from reminder_pings where reminder_id = ${rem?.id as number} order by fire_at`;
    expect(pings.map((p) => [p.label, p.fire_at.toISOString()])).toEqual([
      ['14日前', '2027-05-06T00:00:00.000Z'],
      ['3日前', '2027-05-17T00:00:00.000Z'],
    ]);
    // Done today (2026-11-25): the next review is three months from today, moved off closed days.
    await t.postSlackForm(
      blockAction({ actionId: 'reminder.done', value: String(rem?.id), channel: 'C_TEAM', messageTs: c.threadTs, responseUrl: t.slack.responseUrl('mdone') }),
    );
    await eventually(async () => (await t.database.sql`select 1 from reminders where id = ${rem?.id as number} and status = 'done'`).length === 1);
    const next = await eventually(async () => {
      const [row] = await t.database.sql<Array<{ due_day: string }>>`select due_day::text from reminders where rule = 'monitoring' and status = 'open'`;
      return row?.due_day;
    });
    expect(next).toBe('2027-02-25');
  });

  it('sends the morning digest once per person and day: overdue, today and this week', async () => {
    await runCaseCommand(t, `remind ${c.code} 2026-11-25 17:00 今日の電話連絡`);
    await runCaseCommand(t, `remind ${c.code} 2026-11-27 書類の郵送`);
    await t.app.queues.enqueue('digest.run', {}, { jobId: 'digest-test-1' });
    const digest = await t.slack.waitFor(() => t.slack.dmMessages('U_STAFF').find((m) => m.text.includes('のリマインダー')));
    expect(digest.text).toContain('今日の電話連絡');
    expect(digest.text).toContain('書類の郵送');
    expect(digest.text).not.toContain('就職後6か月');
    await t.app.queues.enqueue('digest.run', {}, { jobId: 'digest-test-2' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.slack.dmMessages('U_STAFF').filter((m) => m.text.includes('のリマインダー'))).toHaveLength(1);
    // A worker that died after Slack took the DM but before it was recorded: the next run finds the DM.
    await t.database.sql`update digest_runs set sent_at = null, dm_ts = null, claimed_at = now() - interval '10 minutes'`;
    await t.app.queues.enqueue('digest.run', {}, { jobId: 'digest-test-3' });
    await eventually(async () => (await t.database.sql`select 1 from digest_runs where sent_at is not null`).length === 1);
    expect(t.slack.dmMessages('U_STAFF').filter((m) => m.text.includes('のリマインダー'))).toHaveLength(1);
  });

  it('refuses the buttons to someone outside the case, and stops every reminder when the case is closed', async () => {
    const [open] = await t.database.sql<Array<{ id: number }>>`select id from reminders where status = 'open' order by id limit 1`;
    t.slack.setMembers('C_TEAM', ['U_STAFF', 'UBOT']);
    await t.postSlackForm(
      blockAction({
        actionId: 'reminder.done',
        value: String(open?.id),
        channel: 'C_TEAM',
        messageTs: c.threadTs,
        user: 'UOUTSIDER1',
        responseUrl: t.slack.responseUrl('outsider'),
      }),
    );
    const refusal = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith('/outsider')));
    expect(JSON.stringify(refusal.body)).toContain(c.code);
    expect((await t.database.sql`select status from reminders where id = ${open?.id as number}`)[0]?.status).toBe('open');

    expect(await runCaseCommand(t, `close ${c.code}`)).toContain('終了しました');
    const left = await t.database.sql`select 1 from reminders r join cases k on k.id = r.case_id where k.code = ${c.code} and r.status = 'open'`;
    expect(left.length).toBe(0);
    const pending = await t.database
      .sql`select 1 from reminder_pings p join reminders r on r.id = p.reminder_id join cases k on k.id = r.case_id where k.code = ${c.code} and p.status = 'pending'`;
    expect(pending.length).toBe(0);
  });
});

describe('escalation', () => {
  const clock = new TestClock();
  let t: TestApp;

  beforeAll(async () => {
    clock.set(jst('2026-12-02T09:59:56'));
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0', REMINDER_ESCALATE_AFTER_MINUTES: '0.05' }, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends an unacknowledged ping to the supervisor', async () => {
    const c = await createCase(t, '小林Y');
    expect(await runCaseCommand(t, `supervisor ${c.code} <@USABIKAN1|sabikan>`)).toContain('USABIKAN1');
    await runCaseCommand(t, `remind ${c.code} 2026-12-02 10:00 契約更新の確認`);
    await t.slack.waitFor(() => t.slack.dmMessages('U_STAFF').find((m) => m.text.includes('契約更新の確認')), 20_000);
    const escalation = await t.slack.waitFor(() => t.slack.dmMessages('USABIKAN1').find((m) => m.text.includes('契約更新の確認')), 20_000);
    expect(escalation.text).toContain('エスカレーション');
    expect(escalation.text).toContain('U_STAFF');
  }, 40_000);
});
