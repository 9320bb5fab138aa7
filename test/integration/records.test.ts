import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineTextMessage } from '../fixtures/line-events.js';
import { blockAction, messageShortcut, slashCommand, viewSubmission } from '../fixtures/slack-payloads.js';
import { createCase, linkLineUser, openReplyModal, runCaseCommand, sendLine, submitSendModal } from '../helpers/journey.js';
import { initial, nextModal } from '../helpers/modals.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Journey 5: staff turn what happens into records: /update, the form, 記録する, edits, show and export. */
describe('structured records', () => {
  let t: TestApp;
  let c: { code: string; threadTs: string };
  const FAMILY = 'U_family_rec';
  const thread = () => t.slack.threadReplies('C_TEAM', c.threadTs);

  const runUpdate = async (text: string, o: { user?: string; channel?: string } = {}) => {
    const id = `u-${Math.random().toString(36).slice(2)}`;
    const res = await t.postSlackForm(slashCommand({ command: '/update', text, responseUrl: t.slack.responseUrl(id), ...o }));
    expect(res.status).toBe(200);
    return id;
  };
  const answerOf = async (id: string) =>
    String(((await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)))).body as { text?: string }).text ?? '');
  const recordRows = () => t.database.sql<Array<{ id: number; category: string; body: string; version: number; source_message_id: number | null }>>`
    select id, category, body, version, source_message_id from records order by id`;

  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
    c = await createCase(t, '佐藤R', { service: 'B型' });
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: FAMILY, displayName: '佐藤良子' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/update C-0001 体調 … stores a 体調 record, posts a card, and /case show lists it', async () => {
    const id = await runUpdate(`${c.code} 体調 朝から頭痛があり午後早退`);
    expect(await answerOf(id)).toContain('体調・メンタル');
    const rows = await recordRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: 'health', body: '朝から頭痛があり午後早退', version: 1 });
    const card = await t.slack.waitFor(() => thread().find((m) => m.text.includes('朝から頭痛')));
    expect(JSON.stringify(card.blocks)).toContain('体調・メンタル');
    expect(JSON.stringify(card.blocks)).toContain('"action_id":"record.edit"');
    const show = await runCaseCommand(t, `show ${c.code}`);
    expect(show).toContain('最近の記録');
    expect(show).toMatch(/\[体調・メンタル\] 朝から頭痛があり午後早退/);
  });

  it('answers an unknown category with the list and stores nothing', async () => {
    const id = await runUpdate(`${c.code} 天気 晴れ`);
    const answer = await answerOf(id);
    expect(answer).toContain('天気');
    expect(answer).toContain('体調・メンタル');
    expect(answer).toContain('服薬・通院');
    expect(await recordRows()).toHaveLength(1);
  });

  it('opens the form when arguments are missing, and records what is entered (F-SOAIP, next step)', async () => {
    const before = t.slack.views.length;
    await runUpdate('');
    const modal = await nextModal(t, before);
    expect(modal.view.callback_id).toBe('record.save');
    const caseOptions = modal.view.blocks.find((b) => b.block_id === 'case')?.element?.options ?? [];
    expect(caseOptions.map((o) => o.text.text)).toContain(`${c.code} 佐藤R`);
    const submit = await t.postSlackForm(
      viewSubmission({
        view: { id: modal.id, ...modal.view },
        values: {
          case: { selected: caseOptions[0]?.value as string },
          category: { selected: 'employer' },
          contact_kind: { selected: '職場訪問' },
          date: { date: '2026-11-20' },
          time: { time: '14:30' },
          place: { text: '〇〇株式会社 倉庫' },
          attendees: { text: '本人、現場主任' },
          body: { text: '作業手順書を一緒に見直した' },
          fsoaip_s: { text: '「朝の点呼が早口で聞き取れない」' },
          fsoaip_p: { text: '点呼内容をメモで渡してもらう' },
          next_step: { text: '主任と再面談' },
          next_date: { date: '2026-12-04' },
        },
      }),
    );
    expect(submit.status).toBe(200);
    const [row] = await t.database.sql<
      Array<Record<string, unknown>>
    >`select *, next_step_date::text as next_step_date from records where category = 'employer'`;
    expect(row).toMatchObject({ contact_kind: '職場訪問', place: '〇〇株式会社 倉庫', next_step: '主任と再面談', next_step_date: '2026-12-04' });
    expect((row?.occurred_at as Date).toISOString()).toBe('2026-11-20T05:30:00.000Z'); // 14:30 in Tokyo
    expect(row?.fsoaip).toEqual({ s: '「朝の点呼が早口で聞き取れない」', p: '点呼内容をメモで渡してもらう' });
    const card = await t.slack.waitFor(() => thread().find((m) => m.text.includes('作業手順書')));
    expect(JSON.stringify(card.blocks)).toContain('2026/12/04');
  });

  it('records a relayed family message with 記録する: the form is pre-filled and the record links to the message', async () => {
    await sendLine(t, lineTextMessage({ userId: FAMILY, text: '昨夜はよく眠れなかったようです' }));
    const post = await t.slack.waitFor(() => thread().find((m) => m.text.includes('よく眠れなかった')));
    const before = t.slack.views.length;
    await t.postSlackForm(
      messageShortcut({
        callbackId: 'record_message',
        channel: 'C_TEAM',
        message: { ts: post.ts, thread_ts: c.threadTs, text: post.text, bot_id: 'BBOT' },
        responseUrl: t.slack.responseUrl('rec-short'),
      }),
    );
    const modal = await nextModal(t, before);
    expect(initial(modal, 'body')).toBe('昨夜はよく眠れなかったようです');
    expect(initial(modal, 'contact_kind')).toBe('LINE');
    expect(JSON.stringify(modal.view.blocks[0])).toContain('佐藤良子');
    const [message] = await t.database.sql<Array<{ id: number }>>`select id from messages where body = '昨夜はよく眠れなかったようです'`;
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
    const rows = await eventually(async () => (await recordRows()).filter((r) => r.category === 'sleep'));
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.source_message_id)).toBe(Number(message?.id));
  });

  it('lets the author edit a record (every version kept) and refuses anyone else', async () => {
    const card = await t.slack.waitFor(() => thread().find((m) => m.text.includes('朝から頭痛')));
    const [row] = await recordRows();
    await t.postSlackForm(
      blockAction({
        actionId: 'record.edit',
        value: String(row?.id),
        channel: 'C_TEAM',
        messageTs: card.ts,
        threadTs: c.threadTs,
        user: 'U_OTHER',
        responseUrl: t.slack.responseUrl('edit-other'),
      }),
    );
    const refusal = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith('/edit-other')));
    expect(String((refusal.body as { text: string }).text)).toContain('記録した本人だけ');

    const before = t.slack.views.length;
    await t.postSlackForm(
      blockAction({
        actionId: 'record.edit',
        value: String(row?.id),
        channel: 'C_TEAM',
        messageTs: card.ts,
        threadTs: c.threadTs,
        responseUrl: t.slack.responseUrl('edit'),
      }),
    );
    const modal = await nextModal(t, before);
    expect(initial(modal, 'body')).toBe('朝から頭痛があり午後早退');
    await t.postSlackForm(
      viewSubmission({
        view: { id: modal.id, ...modal.view },
        values: {
          category: { selected: 'health' },
          date: { date: initial(modal, 'date') as string },
          time: { time: initial(modal, 'time') as string },
          body: { text: '朝から頭痛があり13時に早退（本人申告）' },
        },
      }),
    );
    await t.slack.waitFor(() => t.slack.message('C_TEAM', card.ts)?.text.includes('13時に早退'));
    const versions = await t.database.sql<Array<{ version: number; snapshot: { body: string } }>>`
      select version, snapshot from record_versions where record_id = ${row?.id as number} order by version`;
    expect(versions.map((v) => [v.version, v.snapshot.body])).toEqual([
      [1, '朝から頭痛があり午後早退'],
      [2, '朝から頭痛があり13時に早退（本人申告）'],
    ]);
    expect((await t.database.sql`select 1 from audit_log where action = 'record.edited'`).length).toBe(1);
  });

  it('refuses show, export and update to staff outside the case channel, and logs each refusal', async () => {
    t.slack.setMembers('C_TEAM', ['U_STAFF', 'UBOT']);
    expect(await runCaseCommand(t, `show ${c.code}`, { user: 'U_OUTSIDER', channel: 'C_ELSEWHERE' })).toContain('メンバーではない');
    expect(await runCaseCommand(t, `export ${c.code}`, { user: 'U_OUTSIDER', channel: 'C_ELSEWHERE' })).toContain('メンバーではない');
    const id = await runUpdate(`${c.code} 体調 外部からの記録`, { user: 'U_OUTSIDER', channel: 'C_ELSEWHERE' });
    expect(await answerOf(id)).toContain('メンバーではない');
    expect((await recordRows()).some((r) => r.body === '外部からの記録')).toBe(false);
    const refused = await t.database.sql`select 1 from audit_log where action = 'access.refused' and actor_id = 'U_OUTSIDER'`;
    expect(refused.length).toBe(3);
    expect(t.slack.dmMessages('U_OUTSIDER')).toHaveLength(0);
  });

  it('exports the timeline by DM: CSV with BOM and columns Excel reads, Markdown, both directions and records in time order', async () => {
    // A reply to the family first, so the export holds both directions.
    const post = await t.slack.waitFor(() => thread().find((m) => m.text.includes('よく眠れなかった')));
    await submitSendModal(t, await openReplyModal(t, post, c.threadTs), 'ご連絡ありがとうございます。');
    await t.line.waitFor(() => t.line.pushes.find((p) => JSON.stringify(p.messages).includes('ご連絡ありがとうございます')));

    const answer = await runCaseCommand(t, `export ${c.code}`);
    expect(answer).toContain('DM');
    const csvFile = await t.slack.waitFor(() => t.slack.files.find((f) => f.completed && f.filename.endsWith('.csv')));
    const mdFile = t.slack.files.find((f) => f.completed && f.filename.endsWith('.md'));
    expect(csvFile.channel).toBe(t.slack.dmChannelId('U_STAFF'));
    expect([...csvFile.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvFile.bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('"日時","種別","方向","分類","接触方法","送信者・記録者","場所","同席者","内容","次の予定","次の予定日"');
    const body = lines.slice(1).join('\n');
    expect(body).toContain('"LINE→事業所"');
    expect(body).toMatch(/"事業所→LINE","","LINE","[^"]* → 家族（母） 佐藤良子","","","ご連絡ありがとうございます。"/);
    expect(body).toContain('昨夜はよく眠れなかったようです');
    expect(body).toContain('"記録","記録","体調・メンタル"');
    expect(body).toContain('"職場・企業連絡","職場訪問"');
    const times = lines.slice(1).map((l) => /^"([^"]+)"/.exec(l)?.[1] ?? '');
    expect([...times].sort()).toEqual(times);
    // The 2026-11-20 workplace visit comes before today's entries.
    expect(lines[1]).toContain('2026/11/20 14:30');
    expect(mdFile?.bytes.toString('utf8')).toContain(`# ${c.code} 佐藤R`);
    expect((await t.database.sql`select 1 from audit_log where action = 'case.exported'`).length).toBe(1);
  });
});
