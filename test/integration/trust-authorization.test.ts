import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTextMessage } from '../fixtures/line-events.js';
import { blockAction, messageShortcut, viewSubmission } from '../fixtures/slack-payloads.js';
import { createCase, linkLineUser, openReplyModal, relayIdOf, runCaseCommand, sendLine } from '../helpers/journey.js';
import { initial, nextModal } from '../helpers/modals.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #9, item 6: every listener that reads a case or sends outside Slack asks one authorisation
 * function (membership of the case's channel); refusals are audit-logged; a removed member is refused
 * at the very next action; a non-member's repeated commands do not list the channel each time.
 */
describe('item 6: sending to LINE and reading a case need membership of the case channel', () => {
  let t: TestApp;
  let c: { code: string; threadTs: string };
  const MOTHER = 'U_auth_mother';
  const MEMBERS = ['U_STAFF', 'U_MEMBER2', 'U_MEMBER3', 'U_MEMBER4', 'UBOT'];
  /** Takes one member out of the case channel (a refusal is remembered for a minute: each test removes someone else). */
  const remove = (user: string) =>
    t.slack.setMembers(
      'C_TEAM',
      MEMBERS.filter((m) => m !== user),
    );
  const thread = () => t.slack.threadReplies('C_TEAM', c.threadTs);
  const refusals = (user: string) =>
    t.database.sql<Array<{ details: { via?: string }; case_id: number | null }>>`
      select details, case_id from audit_log where action = 'access.refused' and actor_id = ${user} order by id`;
  const answerAt = async (id: string) => JSON.stringify((await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)))).body);
  const pushesWith = (text: string) => t.line.pushes.filter((p) => JSON.stringify(p.messages).includes(text));
  let relayed: { ts: string; metadata?: unknown };

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
    t.slack.setMembers('C_TEAM', MEMBERS);
    c = await createCase(t, '高橋M', { service: 'B型' });
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: MOTHER, displayName: '高橋和子' });
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: '来週の面談の件です' }));
    relayed = await t.slack.waitFor(() => thread().find((m) => m.text.includes('来週の面談')));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses 返信 to a non-member: no modal, nothing to LINE, the refusal audit-logged', async () => {
    const views = t.slack.views.length;
    await t.postSlackForm(
      blockAction({
        actionId: 'relay.reply',
        value: String(relayIdOf(relayed)),
        channel: 'C_TEAM',
        messageTs: relayed.ts,
        threadTs: c.threadTs,
        user: 'U_OUT_REPLY',
        responseUrl: t.slack.responseUrl('out-reply'),
      }),
    );
    expect(await answerAt('out-reply')).toContain('メンバーではない');
    expect(t.slack.views.length).toBe(views);
    const rows = await refusals('U_OUT_REPLY');
    expect(rows.map((r) => r.details.via)).toEqual(['reply button']);
    expect(rows[0]?.case_id).toBeTypeOf('number');
  });

  it('refuses the LINEに送信 shortcut to a non-member', async () => {
    const staff = await t.app.slack.client.chat.postMessage({ channel: 'C_TEAM', thread_ts: c.threadTs, text: '外部からの送信テスト' });
    const views = t.slack.views.length;
    await t.postSlackForm(
      messageShortcut({
        callbackId: 'send_to_line',
        channel: 'C_TEAM',
        user: 'U_OUT_SHORTCUT',
        message: { ts: staff.ts as string, thread_ts: c.threadTs, text: '外部からの送信テスト', user: 'U_STAFF' },
        responseUrl: t.slack.responseUrl('out-shortcut'),
      }),
    );
    expect(await answerAt('out-shortcut')).toContain('メンバーではない');
    expect(t.slack.views.length).toBe(views);
    expect((await refusals('U_OUT_SHORTCUT')).map((r) => r.details.via)).toEqual(['send shortcut']);
  });

  it('refuses the send modal to someone removed from the channel after opening it: nothing reaches LINE', async () => {
    const views = t.slack.views.length;
    await t.postSlackForm(
      blockAction({
        actionId: 'relay.reply',
        value: String(relayIdOf(relayed)),
        channel: 'C_TEAM',
        messageTs: relayed.ts,
        threadTs: c.threadTs,
        user: 'U_MEMBER2',
        responseUrl: t.slack.responseUrl('member2-reply'),
      }),
    );
    const modal = await nextModal(t, views);
    remove('U_MEMBER2');
    try {
      const res = await t.postSlackForm(
        viewSubmission({
          view: { id: modal.id, ...modal.view },
          user: 'U_MEMBER2',
          values: { recipient: { selected: initial(modal, 'recipient') as string }, text: { text: '除外後の送信' } },
        }),
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_action?: string; errors?: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.values(body.errors ?? {}).join()).toContain('メンバーではない');
      await new Promise((r) => setTimeout(r, 500));
      expect(pushesWith('除外後の送信')).toHaveLength(0);
      expect((await t.database.sql`select 1 from messages where body = '除外後の送信'`).length).toBe(0);
      expect((await refusals('U_MEMBER2')).map((r) => r.details.via)).toEqual(['send modal']);
    } finally {
      t.slack.setMembers('C_TEAM', MEMBERS);
    }
  });

  it('refuses 再送する to a non-member: the failed message is not sent again', async () => {
    t.line.block(MOTHER);
    const modal = await openReplyModal(t, relayed, c.threadTs);
    await t.postSlackForm(
      viewSubmission({
        view: { id: modal.id, ...modal.view },
        values: { recipient: { selected: initial(modal, 'recipient') as string }, text: { text: '届かない返信' } },
      }),
    );
    const failure = await t.slack.waitFor(() => thread().find((m) => m.text.includes('LINEに送信できませんでした')));
    t.line.unblock(MOTHER);
    const [message] = await t.database.sql<Array<{ id: number }>>`select id from messages where body = '届かない返信'`;
    const pushes = t.line.pushes.length;
    await t.postSlackForm(
      blockAction({
        actionId: 'relay.retry',
        value: String(message?.id),
        channel: 'C_TEAM',
        messageTs: failure.ts,
        threadTs: c.threadTs,
        user: 'U_OUT_RETRY',
        responseUrl: t.slack.responseUrl('out-retry'),
      }),
    );
    expect(await answerAt('out-retry')).toContain('メンバーではない');
    await new Promise((r) => setTimeout(r, 500));
    expect(t.line.pushes.length).toBe(pushes);
    const [row] = await t.database.sql<Array<{ delivery_status: string }>>`select delivery_status from messages where id = ${message?.id as number}`;
    expect(row?.delivery_status).toBe('failed');
    expect((await refusals('U_OUT_RETRY')).map((r) => r.details.via)).toEqual(['retry button']);
  });

  it('refuses 担当変更 submitted by someone removed from the channel after opening it', async () => {
    await runCaseCommand(t, `remind ${c.code} 2099-12-15 家族面談の日程調整`);
    const [reminder] = await t.database.sql<Array<{ id: number }>>`select id from reminders where title = '家族面談の日程調整'`;
    const before = t.slack.views.length;
    await t.postSlackForm(
      blockAction({
        actionId: 'reminder.reassign',
        value: String(reminder?.id),
        channel: 'C_TEAM',
        messageTs: c.threadTs,
        user: 'U_MEMBER3',
        responseUrl: t.slack.responseUrl('reassign-open'),
      }),
    );
    const modal = await nextModal(t, before);
    remove('U_MEMBER3');
    try {
      const form = new URLSearchParams(viewSubmission({ view: { id: modal.id, ...modal.view }, user: 'U_MEMBER3', values: {} }));
      const payload = JSON.parse(form.get('payload') as string) as { view: { state: { values: Record<string, unknown> } } };
      payload.view.state.values.assignee = { value: { type: 'users_select', selected_user: 'U_MEMBER3' } };
      const res = await t.postSlackForm(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
      const body = (await res.json()) as { response_action?: string; errors?: Record<string, string> };
      expect(body.response_action).toBe('errors');
      const [row] = await t.database.sql<Array<{ assignee_user_id: string }>>`select assignee_user_id from reminders where id = ${reminder?.id as number}`;
      expect(row?.assignee_user_id).toBe('U_STAFF');
      expect((await refusals('U_MEMBER3')).map((r) => r.details.via)).toContain('reassign form');
    } finally {
      t.slack.setMembers('C_TEAM', MEMBERS);
    }
  });

  it('refuses a member removed from the channel at once', async () => {
    expect(await runCaseCommand(t, `show ${c.code}`, { user: 'U_MEMBER4' })).toContain('高橋M');
    remove('U_MEMBER4');
    try {
      expect(await runCaseCommand(t, `show ${c.code}`, { user: 'U_MEMBER4' })).toContain('メンバーではない');
    } finally {
      t.slack.setMembers('C_TEAM', MEMBERS);
    }
  });

  it("does not list the channel again for a non-member's second command within the minute", async () => {
    const listed = () => t.slack.callsOf('conversations.members').length;
    const before = listed();
    expect(await runCaseCommand(t, `show ${c.code}`, { user: 'U_OUT_TWICE' })).toContain('メンバーではない');
    expect(listed()).toBe(before + 1);
    expect(await runCaseCommand(t, `export ${c.code}`, { user: 'U_OUT_TWICE' })).toContain('メンバーではない');
    expect(listed()).toBe(before + 1);
    expect(await refusals('U_OUT_TWICE')).toHaveLength(2);
  });

  it('stops listing a large channel as soon as the member is found', async () => {
    const big = await createCase(t, '大規模', { channel: 'C_BIG' });
    const crowd = Array.from({ length: 450 }, (_, i) => `U_CROWD${String(i).padStart(3, '0')}`);
    t.slack.setMembers('C_BIG', ['U_STAFF', 'U_EARLY', ...crowd, 'U_LATE', 'UBOT']);
    const listed = () => t.slack.callsOf('conversations.members').length;
    let before = listed();
    expect(await runCaseCommand(t, `show ${big.code}`, { user: 'U_EARLY', channel: 'C_BIG' })).toContain('大規模');
    expect(listed()).toBe(before + 1);
    before = listed();
    expect(await runCaseCommand(t, `show ${big.code}`, { user: 'U_LATE', channel: 'C_BIG' })).toContain('大規模');
    expect(listed()).toBeGreaterThan(before + 1);
  });
});

describe('item 16: reading a case and opening the send modal are audit-logged', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs /case show and each opening of the send modal, with ids only', async () => {
    const c = await createCase(t, '中村N');
    await linkLineUser(t, { caseCode: c.code, role: '本人', userId: 'U_audit_self', displayName: '中村直子' });
    expect(await runCaseCommand(t, `show ${c.code}`)).toContain('中村N');
    await sendLine(t, lineTextMessage({ userId: 'U_audit_self', text: '明日休みます' }));
    const post = await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', c.threadTs).find((m) => m.text.includes('明日休みます')));
    await openReplyModal(t, post, c.threadTs);
    const staff = await t.app.slack.client.chat.postMessage({ channel: 'C_TEAM', thread_ts: c.threadTs, text: '了解しました' });
    const before = t.slack.views.length;
    await t.postSlackForm(
      messageShortcut({
        callbackId: 'send_to_line',
        channel: 'C_TEAM',
        message: { ts: staff.ts as string, thread_ts: c.threadTs, text: '了解しました', user: 'U_STAFF' },
        responseUrl: t.slack.responseUrl('sc'),
      }),
    );
    await nextModal(t, before);

    const logged = () =>
      t.database.sql<Array<{ action: string; actor_id: string; case_id: number; details: Record<string, unknown> }>>`
        select action, actor_id, case_id, details from audit_log where action in ('case.viewed', 'send_modal.opened') order by id`;
    await eventually(async () => (await logged()).length === 3);
    const rows = await logged();
    expect(rows.map((r) => [r.action, r.actor_id, r.details.via])).toEqual([
      ['case.viewed', 'U_STAFF', '/case show'],
      ['send_modal.opened', 'U_STAFF', 'reply button'],
      ['send_modal.opened', 'U_STAFF', 'send shortcut'],
    ]);
    const details = JSON.stringify(rows.map((r) => r.details));
    for (const text of ['中村', '明日休みます', '了解しました', 'U_audit_self']) expect(details).not.toContain(text);
  });
});
