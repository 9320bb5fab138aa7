import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents } from '../../src/db/schema/index.js';
import { lineFollow, linePostback, lineTextMessage } from '../fixtures/line-events.js';
import { slashCommand } from '../fixtures/slack-payloads.js';
import { createCase, issueInvite, linkLineUser, repliesTo, runCaseCommand, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, TestClock, type TestApp } from '../helpers/test-app.js';

const DAY_MS = 24 * 3600_000;

/**
 * Item 15: what is stored is kept only as long as it is needed. Raw payloads are reduced once
 * handled; the data of people who never agreed goes after a while; a closed case goes 5 years
 * after closing, with an audit entry; a daily job does it.
 */
describe('trust: retention', () => {
  const clock = new TestClock();
  let t: TestApp;
  let kept: { code: string; threadTs: string };
  let other: { code: string; threadTs: string };
  const thread = (c: { threadTs: string }) => t.slack.threadReplies('C_TEAM', c.threadTs);
  const sql = () => t.database.sql;

  const eventRow = async (webhookEventId: string) =>
    (
      await sql()<Array<{ status: string; payload: Record<string, unknown>; scrubbed_at: Date | null }>>`
        select status, payload, scrubbed_at from inbound_events where external_id = ${webhookEventId}`
    )[0];

  const update = async (text: string) => {
    const id = `u-${randomUUID()}`;
    const res = await t.postSlackForm(slashCommand({ command: '/update', text, responseUrl: t.slack.responseUrl(id) }));
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)));
  };

  /** Runs the daily job through the queue, as its scheduler does, and returns the counts it logged. */
  const runRetentionJob = async (): Promise<Record<string, unknown>> => {
    const done = () => t.logs.entries.filter((e) => e.msg === 'retention applied');
    const before = done().length;
    await t.app.queues.enqueue('retention.run', {}, { jobId: `retention-test-${randomUUID()}` });
    const entry = await eventually(() => done()[before], 20_000);
    return entry ?? {};
  };

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' }, { clock });
    kept = await createCase(t, '山本K', { service: 'B型' });
    other = await createCase(t, '山本O', { service: 'B型' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('item 15: a handled event keeps only its type, ids and timestamp; a held message keeps its text until its sender says which case, then loses it too', async () => {
    const MOTHER = 'U_ret_mother';
    await linkLineUser(t, { caseCode: kept.code, role: '家族', relation: '母', userId: MOTHER, displayName: '山本花子' });
    const sent = lineTextMessage({ userId: MOTHER, text: '熱が下がりました' });
    await sendLine(t, sent);
    await t.slack.waitFor(() => thread(kept).find((m) => m.text.includes('熱が下がりました')));
    const handled = await eventually(async () => {
      const row = await eventRow(sent.webhookEventId);
      return row?.status === 'processed' && row.scrubbed_at ? row : undefined;
    });
    expect(handled?.payload).toEqual({
      destination: 'Ubot',
      event: {
        type: 'message',
        webhookEventId: sent.webhookEventId,
        timestamp: sent.timestamp,
        mode: 'active',
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: MOTHER },
        message: { id: (sent.message as { id: string }).id, type: 'text' },
      },
    });
    // The follow and the consent answer keep no reply token, profile or postback data either.
    const linkEvents = await sql()<Array<{ payload: Record<string, unknown> }>>`
      select payload from inbound_events where actor = ${MOTHER} and kind in ('follow', 'postback') and status = 'processed'`;
    expect(linkEvents.length).toBeGreaterThanOrEqual(2);
    for (const row of linkEvents) expect(JSON.stringify(row.payload)).not.toMatch(/replyToken|consent=|"postback":/);

    // A nurse linked to two cases: her message waits for "which case?". Its event keeps nothing (the
    // handled event is reduced like any other); the waiting message alone keeps its text, until then.
    const NURSE = 'U_ret_nurse';
    await linkLineUser(t, { caseCode: kept.code, role: '関係機関', relation: '訪問看護', userId: NURSE, displayName: '看護師A' });
    await linkLineUser(t, { caseCode: other.code, role: '関係機関', relation: '訪問看護', userId: NURSE, displayName: '看護師A' });
    const held = lineTextMessage({ userId: NURSE, text: '明日の訪問は10時です' });
    await sendLine(t, held);
    const question = await repliesTo(t, held.replyToken);
    const handledHeld = await eventually(async () => {
      const row = await eventRow(held.webhookEventId);
      return row?.status === 'processed' && row.scrubbed_at ? row : undefined;
    });
    expect(JSON.stringify(handledHeld?.payload)).not.toContain('明日の訪問');
    expect((handledHeld?.payload as { event: { message: unknown } }).event.message).toEqual({ id: (held.message as { id: string }).id, type: 'text' });
    const heldText = async () =>
      (await sql()<Array<{ message: unknown }>>`select message from held_messages where line_user_id = ${NURSE}`).map((r) => JSON.stringify(r.message));
    expect(await heldText()).toEqual([expect.stringContaining('明日の訪問は10時です')]);

    const items = (question[0] as { quickReply?: { items: Array<{ action: { data: string; label: string } }> } }).quickReply?.items ?? [];
    const choice = items.find((i) => i.action.label === '山本K')?.action.data;
    expect(choice).toBeDefined();
    await sendLine(t, linePostback({ userId: NURSE, data: choice as string }));
    await t.slack.waitFor(() => thread(kept).find((m) => m.text.includes('明日の訪問は10時です')));
    // Relayed: the waiting copy is gone; what stays is the relayed message of the case (kept with the case).
    await eventually(async () => (await heldText()).length === 0);
  }, 60_000);

  it('item 15: the retention job on a clock moved forward: what must go is gone, what must stay stays, and the audit log says so', async () => {
    // ---- A case that is closed, with everything a case has.
    const closing = await createCase(t, '山本C', { service: 'B型' });
    const FORMER = 'U_ret_former';
    await linkLineUser(t, { caseCode: closing.code, role: '本人', userId: FORMER, displayName: '山本太郎' });
    await sendLine(t, lineTextMessage({ userId: FORMER, text: '就職が決まりました' }));
    await t.slack.waitFor(() => thread(closing).find((m) => m.text.includes('就職が決まりました')));
    await update(`${closing.code} 就活 内定の連絡あり`);
    await runCaseCommand(t, `remind ${closing.code} ${new Date().getFullYear() + 1}-03-10 書類提出`);
    await issueInvite(t, closing.code, '家族', '父');
    const [closingCase] = await sql()<Array<{ id: number }>>`select id from cases where code = ${closing.code}`;
    const closingId = closingCase?.id as number;
    const ofClosing = async () => {
      const [row] = await sql()<Array<Record<string, number>>>`
        select
          (select count(*)::int from cases where id = ${closingId}) as cases,
          (select count(*)::int from messages where case_id = ${closingId}) as messages,
          (select count(*)::int from records where case_id = ${closingId}) as updates,
          (select count(*)::int from record_versions v join records u on u.id = v.record_id where u.case_id = ${closingId}) as versions,
          (select count(*)::int from reminders where case_id = ${closingId}) as reminders,
          (select count(*)::int from reminder_pings p join reminders r on r.id = p.reminder_id where r.case_id = ${closingId}) as pings,
          (select count(*)::int from contacts where case_id = ${closingId}) as contacts,
          (select count(*)::int from invites where case_id = ${closingId}) as invites`;
      return row as Record<string, number>;
    };
    const before = await ofClosing();
    for (const key of ['cases', 'messages', 'updates', 'versions', 'reminders', 'pings', 'contacts', 'invites']) expect(before[key], key).toBeGreaterThan(0);
    const versionIds = (
      await sql()<Array<{ id: number }>>`select v.id from record_versions v join records u on u.id = v.record_id where u.case_id = ${closingId}`
    ).map((r) => r.id);
    const pingIds = (
      await sql()<Array<{ id: number }>>`select p.id from reminder_pings p join reminders r on r.id = p.reminder_id where r.case_id = ${closingId}`
    ).map((r) => r.id);
    expect(await runCaseCommand(t, `close ${closing.code}`)).toContain(closing.code);
    const [closed] = await sql()<Array<{ closed_at: Date }>>`select closed_at from cases where id = ${closingId}`;
    const closedAt = closed?.closed_at as Date;
    const atClose = await ofClosing();

    // ---- An open case that stays, with its agreed link and a record.
    const KEEPER = 'U_ret_keeper';
    await linkLineUser(t, { caseCode: kept.code, role: '本人', userId: KEEPER, displayName: '山本一郎' });
    await sendLine(t, lineTextMessage({ userId: KEEPER, text: '今日から通所再開します' }));
    await t.slack.waitFor(() => thread(kept).find((m) => m.text.includes('今日から通所再開します')));
    await update(`${kept.code} 体調 通所再開`);

    // ---- People who never agreed, and a stranger.
    const WAITING = 'U_ret_waiting';
    t.line.setProfile(WAITING, { displayName: '待機中の人' });
    const code = await issueInvite(t, kept.code, '家族', '父');
    await sendLine(t, lineFollow({ userId: WAITING }));
    const codeMessage = lineTextMessage({ userId: WAITING, text: code });
    await sendLine(t, codeMessage);
    await repliesTo(t, codeMessage.replyToken);
    const DECLINED = 'U_ret_declined';
    await linkLineUser(t, { caseCode: kept.code, role: '家族', relation: '姉', userId: DECLINED, displayName: '断った人', agree: false });
    const STRANGER = 'U_ret_stranger';
    const wrong = lineTextMessage({ userId: STRANGER, text: 'ZZZZ-ZZZZ' });
    await sendLine(t, wrong);
    await repliesTo(t, wrong.replyToken);
    // A failed event, as the worker leaves it after its last attempt.
    const failedEvent = lineTextMessage({ userId: KEEPER, text: '失敗したイベントの本文' });
    await t.app.database.db.insert(inboundEvents).values({
      source: 'line',
      externalId: failedEvent.webhookEventId,
      kind: 'message',
      actor: KEEPER,
      payload: { destination: 'Ubot', event: failedEvent },
      status: 'failed',
      processedAt: new Date(),
      attempts: 8,
      lastError: 'line_api_failed',
    });
    await eventually(async () => (await sql()`select 1 from inbound_events where status = 'received'`).length === 0);
    const contactOf = async (lineUserId: string) =>
      (await sql()<Array<{ status: string; display_name: string | null }>>`select status, display_name from contacts where line_user_id = ${lineUserId}`)[0];
    expect((await contactOf(WAITING))?.status).toBe('pending_consent');
    expect((await contactOf(DECLINED))?.status).toBe('declined');
    const actorsOf = async (lineUserId: string) =>
      (await sql()<Array<{ action: string }>>`select action from audit_log where actor_id = ${lineUserId}`).map((r) => r.action);
    expect(await actorsOf(STRANGER)).toContain('invite.failed');
    const inboundBefore = (await sql()<Array<{ n: number }>>`select count(*)::int as n from inbound_events`)[0]?.n as number;
    expect(inboundBefore).toBeGreaterThan(10);

    // ---- 6 days on: the failed event lost its payload (FAILED_EVENT_RETENTION_DAYS=5); nothing else went.
    const start = Date.now();
    clock.set(new Date(start + 6 * DAY_MS));
    await runRetentionJob();
    const failedRow = await eventRow(failedEvent.webhookEventId);
    expect(failedRow?.scrubbed_at).not.toBeNull();
    expect(JSON.stringify(failedRow?.payload)).not.toContain('失敗したイベント');
    expect((await sql()<Array<{ n: number }>>`select count(*)::int as n from inbound_events`)[0]?.n).toBe(inboundBefore);
    expect((await contactOf(WAITING))?.status).toBe('pending_consent');

    // ---- 31 days on: dedupe keys (INBOUND_DEDUPE_DAYS=7) and the unconsented (UNCONSENTED_RETENTION_DAYS=30) are gone.
    clock.set(new Date(start + 31 * DAY_MS));
    const month = await runRetentionJob();
    expect(month).toMatchObject({ casesDeleted: 0, unconsentedContactsDeleted: 2 });
    expect((await sql()<Array<{ n: number }>>`select count(*)::int as n from inbound_events`)[0]?.n).toBe(0);
    expect(await contactOf(WAITING)).toBeUndefined();
    expect(await contactOf(DECLINED)).toBeUndefined();
    expect(await sql()`select 1 from contacts where display_name in ('待機中の人', '断った人')`).toHaveLength(0);
    expect(await sql()`select 1 from invite_attempts`).toHaveLength(0);
    expect(await sql()`select 1 from case_choices`).toHaveLength(0);
    // The audit log keeps what happened, without the LINE ids of people who have no link left.
    expect(await actorsOf(STRANGER)).toEqual([]);
    expect(await actorsOf(WAITING)).toEqual([]);
    expect(await actorsOf(DECLINED)).toEqual([]);
    expect(await sql()`select 1 from audit_log where action = 'invite.failed' and actor_type = 'line_user' and actor_id is null`).not.toHaveLength(0);
    expect(await sql()`select 1 from audit_log where action = 'consent.declined' and actor_id is null`).toHaveLength(1);
    expect(await actorsOf(KEEPER)).toContain('consent.given');
    expect(await actorsOf(FORMER)).toContain('consent.given');
    // The closed case is still there, and says when it goes.
    expect(await ofClosing()).toMatchObject({
      cases: 1,
      messages: atClose.messages,
      updates: atClose.updates,
      versions: atClose.versions,
      contacts: atClose.contacts,
    });
    const deletionDay = DateTime.fromJSDate(closedAt, { zone: 'Asia/Tokyo' }).plus({ years: 5 }).toFormat('yyyy/LL/dd');
    const shown = await runCaseCommand(t, `show ${closing.code}`);
    expect(shown).toContain(`${deletionDay} 以降に削除されます`);
    expect(shown).toContain('終了から5年');
    expect(await runCaseCommand(t, `show ${kept.code}`)).not.toContain('削除されます');

    // ---- 5 years and a day after closing: the closed case and everything of it are gone, once.
    clock.set(new Date(DateTime.fromJSDate(closedAt).plus({ years: 5, days: 1 }).toMillis()));
    const years = await runRetentionJob();
    expect(years).toMatchObject({ casesDeleted: 1 });
    expect(await runRetentionJob()).toMatchObject({ casesDeleted: 0 });
    expect(await ofClosing()).toEqual({ cases: 0, messages: 0, updates: 0, versions: 0, reminders: 0, pings: 0, contacts: 0, invites: 0 });
    expect(await sql()`select 1 from record_versions where id in ${sql()(versionIds)}`).toHaveLength(0);
    expect(await sql()`select 1 from reminder_pings where id in ${sql()(pingIds)}`).toHaveLength(0);
    expect(await sql()`select 1 from contacts where display_name = '山本太郎'`).toHaveLength(0);

    const deleted = await sql()<Array<{ actor_type: string; case_id: number | null; at: Date; details: Record<string, unknown> }>>`
      select actor_type, case_id, at, details from audit_log where action = 'case.deleted'`;
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ actor_type: 'system', case_id: null });
    expect(deleted[0]?.details).toMatchObject({ caseId: closingId, code: closing.code, retentionYears: 5 });
    expect(new Date(String(deleted[0]?.details.closedAt)).getTime()).toBe(closedAt.getTime());
    expect(new Date(String(deleted[0]?.details.deletedAt)).getTime()).toBeGreaterThan(closedAt.getTime() + 5 * 365 * DAY_MS);
    expect(JSON.stringify(deleted[0]?.details)).not.toMatch(/山本/);
    // The case's earlier audit entries survive, named by its code; its people's LINE ids are gone.
    const history = await sql()<Array<{ action: string; case_id: number | null }>>`
      select action, case_id from audit_log where details->>'caseCode' = ${closing.code} order by id`;
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['case.created', 'invite.redeemed', 'consent.given', 'record.created', 'case.closed']));
    expect(history.every((h) => h.case_id === null)).toBe(true);
    expect(await actorsOf(FORMER)).toEqual([]);

    // What must stay stays: the open case, its agreed link with the name, its messages and records.
    const [keptCase] = await sql()<Array<{ id: number; status: string }>>`select id, status from cases where code = ${kept.code}`;
    expect(keptCase?.status).toBe('open');
    expect(await contactOf(KEEPER)).toEqual({ status: 'active', display_name: '山本一郎' });
    expect(await sql()`select 1 from messages where case_id = ${keptCase?.id as number} and body = '今日から通所再開します'`).toHaveLength(1);
    expect(await sql()`select 1 from records where case_id = ${keptCase?.id as number} and body = '通所再開'`).toHaveLength(1);
    expect(await actorsOf(KEEPER)).toContain('consent.given');

    // Counts only in the logs: no names, no text, no LINE ids.
    const runs = t.logs.lines.filter((l) => l.includes('retention applied') || l.includes('closed case deleted'));
    expect(runs.length).toBeGreaterThanOrEqual(5);
    for (const line of runs) expect(line).not.toMatch(/山本|U_ret_|通所|就職/);
  }, 120_000);

  it('item 15: the job is scheduled daily at a quiet hour in the office time zone', async () => {
    const schedulers = await t.app.queues.raw('reminders').getJobSchedulers();
    const retention = schedulers.find((s) => s.key === 'retention');
    expect(retention).toMatchObject({ pattern: '15 3 * * *', tz: 'Asia/Tokyo' });
  });
});
