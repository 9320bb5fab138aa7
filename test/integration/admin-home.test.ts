import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tsunagi } from '../../src/app.js';
import { EDITABLE_SETTINGS } from '../../src/config/editable-settings.js';
import { QUEUE_NAMES } from '../../src/queues/jobs.js';
import { lineTextMessage } from '../fixtures/line-events.js';
import { appHomeOpened, homeBlockAction, slackEventCallback, slashCommand, viewSubmission } from '../fixtures/slack-payloads.js';
import { createCase, runCaseCommand, sendLine } from '../helpers/journey.js';
import { signSlackRequest } from '../helpers/sign.js';
import { eventually, startTestApp, TEST_SECRETS, TestClock, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #13: the App Home for admins. Signed requests into the real server against the fakes, on a
 * real PostgreSQL and real queues: the Home published on app_home_opened, settings changed there in
 * force at once (and in another replica within SETTINGS_REFRESH_SECONDS), refusals for everyone who
 * is not an admin, and bad values refused in the form.
 */

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ text?: string; type?: string; action_id?: string; value?: string }>;
  accessory?: { type: string; action_id: string; value: string };
  element?: { type: string; initial_value?: string; initial_user?: string };
}
interface View {
  type: string;
  callback_id?: string;
  private_metadata?: string;
  blocks: Block[];
}

const ADMIN = 'U_ADMIN';
const STAFF = 'U_STAFF';
/** Not a workspace admin, but named in ADMIN_USER_IDS. */
const LISTED = 'ULISTED';
const PARTNER_ADMIN = 'U_PARTNER_ADMIN';
const FORMER_ADMIN = 'U_FORMER_ADMIN';

/** Every text a person reads in a view. */
const textOf = (view: View): string =>
  view.blocks
    .flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')])
    .filter(Boolean)
    .join('\n');
const buttonsOf = (view: View) =>
  view.blocks.flatMap((b) => [...(b.accessory ? [b.accessory] : []), ...(b.elements ?? []).filter((e) => e.type === 'button')]) as Array<{
    action_id: string;
    value: string;
  }>;
const block = (view: View, blockId: string): Block => {
  const found = view.blocks.find((b) => b.block_id === blockId);
  if (!found) throw new Error(`no block ${blockId} in the view`);
  return found;
};

describe("the admins' App Home (issue #13)", () => {
  const clock = new TestClock();
  let t: TestApp;

  /** Publishes of a user's Home so far. */
  const publishes = (user: string) => t.slack.callsOf('views.publish').filter((c) => c.args.user_id === user);
  /** The Home as last published for `user`, after at least `after` publishes. */
  const homeAfter = async (user: string, after: number): Promise<View> => {
    const call = await t.slack.waitFor(() => publishes(user)[after], 15_000);
    await new Promise((r) => setTimeout(r, 100)); // a publish right behind it (none expected) would show here
    return (publishes(user).at(-1) ?? call).args.view as View;
  };
  /** `user` opens the app's Home tab (app_home_opened through the Events API): the Home published for them. */
  const openHome = async (user: string): Promise<View> => {
    const before = publishes(user).length;
    const res = await t.postSlackJson(slackEventCallback(appHomeOpened({ user })));
    expect(res.status).toBe(200);
    return homeAfter(user, before);
  };
  /** Clicks a button of the Home tab. */
  const click = async (user: string, actionId: string, value: string) => {
    const res = await t.postSlackForm(homeBlockAction({ actionId, value, user }));
    expect(res.status).toBe(200);
  };
  /** 変更 beside `setting`: the form it opened. */
  const openSettingForm = async (user: string, setting: string): Promise<{ id: string; view: View }> => {
    const before = t.slack.views.filter((v) => v.trigger_id).length;
    await click(user, 'admin.setting.edit', setting);
    const opened = await t.slack.waitFor(() => t.slack.views.filter((v) => v.trigger_id)[before]);
    return { id: opened.id, view: opened.view as unknown as View };
  };
  /** Submits a setting form; the answer Slack gets (undefined: the form closes; else the errors by block). */
  const submitSetting = async (
    user: string,
    form: { id: string; view: Pick<View, 'callback_id' | 'private_metadata'> },
    values: Parameters<typeof viewSubmission>[0]['values'],
  ): Promise<Record<string, string> | undefined> => {
    const res = await t.postSlackForm(viewSubmission({ view: { id: form.id, ...form.view }, values, user }));
    expect(res.status).toBe(200);
    const body = await res.text();
    if (body === '') return undefined;
    return (JSON.parse(body) as { response_action: string; errors: Record<string, string> }).errors;
  };
  /** An admin changes a setting through the Home's form; resolves when the form closed. */
  const changeSetting = async (user: string, setting: string, values: Parameters<typeof viewSubmission>[0]['values']) => {
    const form = await openSettingForm(user, setting);
    expect(await submitSetting(user, form, values)).toBeUndefined();
  };
  const overrides = () =>
    t.database.sql<Array<{ name: string; value: string; changed_by: string }>>`select name, value, changed_by from setting_overrides order by name`;
  const audit = (action: string) =>
    t.database.sql<Array<{ actor_id: string; details: Record<string, unknown> }>>`select actor_id, details from audit_log where action = ${action} order by id`;
  const digestsTo = (user: string) =>
    t.slack.dmMessages(user).filter((m) => (m.metadata as { event_type?: string } | undefined)?.event_type === 'tsunagi_digest');

  beforeAll(async () => {
    clock.set(new Date('2027-03-09T12:00:00+09:00')); // a Tuesday
    t = await startTestApp(
      {
        SETTINGS_REFRESH_SECONDS: '1',
        ADMIN_USER_IDS: LISTED,
        DIGEST_TIME: '13:00',
        INBOUND_ATTEMPTS: '2',
        RETRY_BASE_DELAY_MS: '200',
        SLACK_CHANNEL_POST_INTERVAL_MS: '0',
      },
      { clock },
    );
    t.slack.setUser(ADMIN, { is_admin: true });
    t.slack.setUser(PARTNER_ADMIN, { is_admin: true, team_id: 'T_PARTNER' });
    t.slack.setUser(FORMER_ADMIN, { is_owner: true });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is published for an admin when opened: health, the last LINE webhook, the LINE quota, the queues, failed work with 再試行, every setting with 変更; 再試行 handles the event again', async () => {
    t.line.setQuota({ type: 'limited', value: 500, used: 123 });
    // A LINE event that fails for good: the answer to an unknown sender fails at LINE on both attempts.
    t.line.fail('reply', { status: 500 }, { status: 500 });
    const stranger = lineTextMessage({ userId: 'U_home_stranger', text: 'こんにちは' });
    await sendLine(t, stranger);
    const failed = (await eventually(async () => {
      const [row] = await t.database.sql<
        Array<{ id: number; status: string }>
      >`select id, status from inbound_events where external_id = ${stranger.webhookEventId}`;
      return row?.status === 'failed' ? row : undefined;
    }, 15_000))!;

    const home = await openHome(ADMIN);
    expect(home.type).toBe('home');
    const text = textOf(home);
    expect(text).toContain('Tsunagi 管理');
    expect(block(home, 'health').text?.text).toMatch(/✅ データベース: 応答あり（\d+ ms）/);
    expect(block(home, 'health').text?.text).toMatch(/✅ キュー: 応答あり（\d+ ms）/);
    expect(block(home, 'health').text?.text).toMatch(/LINEから最後に受信: 2027\/03\/09 12:\d\d/);
    expect(block(home, 'quota').text?.text).toContain('123 / 500 通（24%）');
    for (const queue of QUEUE_NAMES) expect(block(home, 'backlog').text?.text).toMatch(new RegExp(`\`${queue}\` 待ち \\d+・実行中 \\d+・予約 \\d+・失敗 \\d+`));
    expect(block(home, 'failures').text?.text).toContain('失敗した処理（1件）');
    const failure = block(home, `failure:inbound_event:${failed.id}`);
    expect(failure.text?.text).toContain('イベントの処理');
    expect(failure.accessory).toMatchObject({ action_id: 'admin.retry', value: `inbound_event:${failed.id}` });
    // Nothing people wrote is shown.
    expect(JSON.stringify(home)).not.toContain('こんにちは');
    for (const setting of EDITABLE_SETTINGS) {
      const line = block(home, `setting:${setting.env}`);
      expect(line.text?.text).toContain(setting.ja);
      expect(line.accessory).toMatchObject({ action_id: 'admin.setting.edit', value: setting.env });
    }
    expect(block(home, 'setting:DIGEST_TIME').text?.text).toContain('`13:00`  — 環境変数の値');
    expect(block(home, 'setting:OFFICE_HOURS').text?.text).toContain('`mon-fri 09:00-18:00`  — 既定値');
    // The event was stored before its 200 and handled from the queue, as every Events API callback is.
    expect(await t.database.sql`select 1 from inbound_events where source = 'slack' and kind = 'app_home_opened' and status = 'processed'`).not.toHaveLength(0);

    // The Messages tab opened: nothing to publish.
    const before = publishes(ADMIN).length;
    const messagesTab = slackEventCallback(appHomeOpened({ user: ADMIN, tab: 'messages' }));
    await t.postSlackJson(messagesTab);
    await eventually(
      async () =>
        (await t.database.sql`select 1 from inbound_events where external_id = ${messagesTab.event_id as string} and status = 'processed'`).length === 1,
    );
    expect(publishes(ADMIN)).toHaveLength(before);

    // 再試行: the event is handled again (LINE answers now), audit-logged; the Home shows no failure left.
    await click(ADMIN, 'admin.retry', `inbound_event:${failed.id}`);
    await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === stranger.replyToken), 15_000);
    await eventually(async () => (await t.database.sql`select status from inbound_events where id = ${failed.id}`)[0]?.status === 'processed');
    expect((await audit('inbound.retry_requested')).map((r) => [r.actor_id, r.details.inboundEventId])).toEqual([[ADMIN, Number(failed.id)]]);
    const after = await openHome(ADMIN);
    expect(block(after, 'failures').text?.text).toContain('失敗した処理（0件）');
  }, 60_000);

  it('shows someone who is not an admin what it is for and no controls; their forged buttons and form are refused, audit-logged, and change nothing', async () => {
    const home = await openHome(STAFF);
    expect(textOf(home)).toContain('ADMIN_USER_IDS');
    expect(buttonsOf(home)).toEqual([]);
    expect(textOf(home)).not.toContain('データベース');

    // 変更, forged: no form opens; the Home is published again without controls.
    const formsBefore = t.slack.views.filter((v) => v.trigger_id).length;
    const publishedBefore = publishes(STAFF).length;
    await click(STAFF, 'admin.setting.edit', 'DIGEST_TIME');
    const republished = await homeAfter(STAFF, publishedBefore);
    expect(buttonsOf(republished)).toEqual([]);
    expect(t.slack.views.filter((v) => v.trigger_id)).toHaveLength(formsBefore);

    // The form, forged (a view this person was never shown): refused under the field, nothing stored.
    const forged = { id: 'V_FORGED', view: { callback_id: 'admin.setting', private_metadata: JSON.stringify({ setting: 'DIGEST_TIME' }) } };
    const errors = await submitSetting(STAFF, forged, { value: { text: '05:00' } });
    expect(errors?.value).toContain('管理者・オーナーと ADMIN_USER_IDS に登録された人だけ');
    // An admin of a partner organisation (Slack Connect) is not an admin here.
    expect((await submitSetting(PARTNER_ADMIN, forged, { value: { text: '05:00' } }))?.value).toContain('変更していません');

    // Someone who was an owner when the form opened, and no longer is when submitting: refused.
    const form = await openSettingForm(FORMER_ADMIN, 'DIGEST_TIME');
    t.slack.setUser(FORMER_ADMIN, {});
    expect((await submitSetting(FORMER_ADMIN, form, { value: { text: '05:00' } }))?.value).toContain('変更していません');

    // 再試行, forged.
    await click(STAFF, 'admin.retry', 'inbound_event:1');

    await eventually(async () => (await audit('admin.refused')).length === 5);
    expect((await audit('admin.refused')).map((r) => [r.actor_id, r.details])).toEqual([
      [STAFF, { via: 'setting button', setting: 'DIGEST_TIME' }],
      [STAFF, { via: 'setting form', setting: 'DIGEST_TIME' }],
      [PARTNER_ADMIN, { via: 'setting form', setting: 'DIGEST_TIME' }],
      [FORMER_ADMIN, { via: 'setting form', setting: 'DIGEST_TIME' }],
      [STAFF, { via: 'retry button' }],
    ]);
    expect(await overrides()).toEqual([]);
    expect(await audit('settings.changed')).toEqual([]);
    expect(t.app.core.settings.reminders.digestTime).toEqual({ hour: 13, minute: 0 });
    expect((await audit('inbound.retry_requested')).filter((r) => r.actor_id === STAFF)).toEqual([]);
    // The refusals are logged without the person's id.
    const refusals = t.logs.entries.filter((e) => e.msg === 'an admin act by someone who is not an admin was refused');
    expect(refusals).toHaveLength(5);
    expect(JSON.stringify(refusals)).not.toContain(STAFF);
  }, 60_000);

  it('refuses a bad value in the form with the reason and how to write it; nothing is stored and nothing changes', async () => {
    const form = await openSettingForm(ADMIN, 'DIGEST_TIME');
    expect(block(form.view, 'value').element?.initial_value).toBe('13:00');
    expect(textOf(form.view)).toContain('環境変数の値: `13:00`');
    expect((await submitSetting(ADMIN, form, { value: { text: '25:00' } }))?.value).toBe(
      'この値は使えません（変更していません）: DIGEST_TIME must be a time like 09:00',
    );
    const hours = await openSettingForm(ADMIN, 'OFFICE_HOURS');
    const hoursError = (await submitSetting(ADMIN, hours, { value: { text: 'mon-fri 18:00-09:00' } }))?.value;
    expect(hoursError).toContain('"18:00-09:00" crosses midnight; split it at 24:00');
    expect(hoursError).toContain('Write days and times like');
    const lead = await openSettingForm(ADMIN, 'VISIT_REMINDER_HOURS_BEFORE');
    expect((await submitSetting(ADMIN, lead, { value: { text: '99' } }))?.value).toContain('VISIT_REMINDER_HOURS_BEFORE must be at most 48');
    expect((await submitSetting(ADMIN, lead, { value: { text: 'three' } }))?.value).toContain('VISIT_REMINDER_HOURS_BEFORE must be a whole number');

    expect(await overrides()).toEqual([]);
    expect(await audit('settings.changed')).toEqual([]);
    expect(t.app.core.settings.reminders.digestTime).toEqual({ hour: 13, minute: 0 });
    expect(t.app.core.settings.reminders.leadTimes.visit.hoursBefore).toBe(1);
  }, 60_000);

  it("takes a change into force at once: the digest time moved before now sends today's digest, its scheduler follows, a restart keeps it, and going back to the environment's value restores it", async () => {
    const { code } = await createCase(t, 'ホーム');
    await runCaseCommand(t, `remind ${code} 2027-03-10 15:00 受給者証の更新を確認`);
    const scheduler = async () => (await t.app.queues.raw('reminders').getJobScheduler('morning-digest'))?.pattern;
    expect(await scheduler()).toBe('0 13 * * *');
    // At 12:00 with the digest at 13:00, nothing is due yet.
    await t.app.clockMoved();
    await new Promise((r) => setTimeout(r, 1000));
    expect(digestsTo(STAFF)).toHaveLength(0);

    const publishedBefore = publishes(ADMIN).length;
    await changeSetting(ADMIN, 'DIGEST_TIME', { value: { text: '11:30' } });
    // In force at once: today's digest (its time now passed) goes out without a restart or a clock move.
    const digest = await t.slack.waitFor(() => digestsTo(STAFF)[0], 15_000);
    expect(digest.text).toContain(code);
    expect(t.app.core.settings.reminders.digestTime).toEqual({ hour: 11, minute: 30 });
    await eventually(async () => (await scheduler()) === '30 11 * * *');
    expect(await overrides()).toEqual([{ name: 'DIGEST_TIME', value: '11:30', changed_by: ADMIN }]);
    expect((await audit('settings.changed')).map((r) => [r.actor_id, r.details])).toEqual([
      [ADMIN, { setting: 'DIGEST_TIME', old: '13:00', new: '11:30', from: 'admin' }],
    ]);
    // The admin's Home is published again with the new value and who changed it.
    const home = await homeAfter(ADMIN, publishedBefore);
    expect(block(home, 'setting:DIGEST_TIME').text?.text).toMatch(/`11:30` {2}— 管理画面で変更（<@U_ADMIN>、2027\/03\/09 12:\d\d）/);

    // Someone in ADMIN_USER_IDS (not a workspace admin) may change settings too; a member is picked for ESCALATION_USER_ID.
    await changeSetting(LISTED, 'ESCALATION_USER_ID', { value: { user: 'USABIKAN' } });
    expect(t.app.core.settings.reminders.escalationUserId).toBe('USABIKAN');

    await t.restart();
    expect(t.app.core.settings.reminders.digestTime).toEqual({ hour: 11, minute: 30 });
    expect(t.app.core.settings.reminders.escalationUserId).toBe('USABIKAN');

    // 環境変数の値に戻す: the stored value is removed; the environment's 13:00 is in force again.
    await changeSetting(ADMIN, 'DIGEST_TIME', { value: { text: '11:30' }, reset: { checked: ['reset'] } });
    expect(t.app.core.settings.reminders.digestTime).toEqual({ hour: 13, minute: 0 });
    await eventually(async () => (await scheduler()) === '0 13 * * *');
    expect((await overrides()).map((r) => r.name)).toEqual(['ESCALATION_USER_ID']);
    expect((await audit('settings.changed')).at(-1)?.details).toEqual({ setting: 'DIGEST_TIME', old: '11:30', new: '13:00', from: 'environment' });
    // One digest a day, whatever the changes did.
    expect(digestsTo(STAFF)).toHaveLength(1);
  }, 90_000);

  it('another replica on the same database follows within SETTINGS_REFRESH_SECONDS: a visit scheduled there uses the lead time and the closed days just changed here', async () => {
    const replica: Tsunagi = await t.startReplica();
    const { code } = await createCase(t, 'レプリカ');
    expect(replica.core.settings.reminders.leadTimes.visit.hoursBefore).toBe(1);

    // The office closes on 11 March this year (the business-day calendar), and visits are reminded 3 hours before.
    await changeSetting(ADMIN, 'OFFICE_CLOSED_DAYS', { value: { text: '12-29,12-30,12-31,01-02,01-03,03-11' } });
    await changeSetting(ADMIN, 'VISIT_REMINDER_HOURS_BEFORE', { value: { text: '3' } });
    const changedAt = Date.now();
    await eventually(() => replica.core.settings.reminders.leadTimes.visit.hoursBefore === 3, 5000, 20);
    expect(replica.core.settings.reminders.closedDays).toContain('03-11');
    // Within the refresh interval (1 s), give or take a tick of the timer and the reload.
    expect(Date.now() - changedAt).toBeLessThan(2500);

    // /visit, signed, into the replica's own port.
    const id = randomUUID();
    const body = slashCommand({ command: '/visit', text: `${code} 2027-03-12 14:00 職場訪問`, responseUrl: t.slack.responseUrl(id) });
    const res = await fetch(`http://127.0.0.1:${replica.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(TEST_SECRETS.SLACK_SIGNING_SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)));
    const pings = await t.database.sql<Array<{ label: string; fire_at: Date }>>`
      select p.label, p.fire_at from reminder_pings p join reminders r on r.id = p.reminder_id join cases c on c.id = r.case_id
       where c.code = ${code} order by p.fire_at`;
    expect(pings.map((p) => [p.label, p.fire_at.toISOString()])).toEqual([
      // The business day before Friday the 12th is Wednesday the 10th now: the 11th is closed.
      ['前営業日 17:00', new Date('2027-03-10T17:00:00+09:00').toISOString()],
      ['3時間前', new Date('2027-03-12T11:00:00+09:00').toISOString()],
    ]);
  }, 60_000);

  it('leaves out a stored value this release refuses (another release stored it), keeps the others in force, and says so in the Home', async () => {
    await t.database.sql`
      insert into setting_overrides (name, value, changed_by) values ('DIGEST_TIME', '25:00', 'UOTHER'), ('RETIRED_SETTING', 'x', 'UOTHER'), ('OFFICE_START', '10:00', 'UOTHER')
      on conflict (name) do update set value = excluded.value`;
    await t.database.sql`insert into settings_revision (id, revision) values (1, 1) on conflict (id) do update set revision = settings_revision.revision + 1`;
    await eventually(() => t.app.core.settings.reminders.officeStart.hour === 10, 5000);
    expect(t.app.core.settings.reminders.digestTime).toEqual({ hour: 13, minute: 0 });
    expect(t.logs.entries.some((e) => e.msg?.toString().startsWith('stored settings this release does not take'))).toBe(true);
    const home = await openHome(ADMIN);
    expect(block(home, 'ignored_settings').text?.text).toContain('RETIRED_SETTING, DIGEST_TIME');
    expect(block(home, 'setting:DIGEST_TIME').text?.text).toContain('`13:00`  — 環境変数の値');
    expect(block(home, 'setting:OFFICE_START').text?.text).toContain('`10:00`  — 管理画面で変更');
    // Changing it again in the Home stores a value this release takes.
    await changeSetting(ADMIN, 'DIGEST_TIME', { value: { text: '12:45' } });
    expect(t.app.core.settings.reminders.digestTime).toEqual({ hour: 12, minute: 45 });
    expect(block(await openHome(ADMIN), 'ignored_settings').text?.text).not.toContain('DIGEST_TIME');
  }, 60_000);
});
