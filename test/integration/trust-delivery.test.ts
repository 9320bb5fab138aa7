import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, slashCommand, viewSubmission } from '../fixtures/slack-payloads.js';
import { initial, nextModal } from '../helpers/modals.js';
import { lineFollow, lineMediaMessage, lineTextMessage } from '../fixtures/line-events.js';
import { createCase, linkLineUser, openReplyModal, sendLine, submitSendModal } from '../helpers/journey.js';
import { wipeQueueStore } from '../helpers/queue-store.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';
import type { SlackMessage } from '../fakes/slack-api.js';

/** Clicks the 再送する button of a notice in the thread. */
async function clickRetry(t: TestApp, notice: SlackMessage, threadTs: string): Promise<void> {
  const elements = (notice.blocks ?? []).flatMap((b) => (b as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? []);
  const value = elements.find((e) => e.action_id === 'relay.retry')?.value;
  if (!value) throw new Error('the notice has no retry button');
  const res = await t.postSlackForm(
    blockAction({ actionId: 'relay.retry', value, channel: 'C_TEAM', messageTs: notice.ts, threadTs, responseUrl: t.slack.responseUrl() }),
  );
  expect(res.status).toBe(200);
}

/**
 * Issue #9, item 8: PostgreSQL, not the queue, decides what is still owed. The retry backoff here is
 * long (20 s), so anything delivered sooner after a wiped queue store was re-derived by the sweep.
 */
describe('deliveries owed are re-derived from the database', () => {
  let t: TestApp;
  let code: string;
  let threadTs: string;
  const FATHER = 'U_delivery_father';
  const thread = () => t.slack.threadReplies('C_TEAM', threadTs);

  beforeAll(async () => {
    t = await startTestApp({
      SLACK_CHANNEL_POST_INTERVAL_MS: '0',
      RETRY_BASE_DELAY_MS: '20000',
      SWEEP_EVERY_MS: '500',
      DELIVERY_SWEEP_MIN_AGE_MS: '1500',
    });
    ({ code, threadTs } = await createCase(t, '高橋D'));
    await linkLineUser(t, { caseCode: code, role: '家族', relation: '父', userId: FATHER, displayName: '高橋一郎' });
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('連携しました')));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('item 8: a Slack post fails once, the queue store is wiped while the retry waits: the message reaches the thread once, nothing else is sent', async () => {
    t.slack.fail('chat.postMessage', { status: 500 });
    const postsBefore = t.slack.messages.length;
    await sendLine(t, lineTextMessage({ userId: FATHER, text: '消えたキューでも届く' }));
    await t.slack.waitFor(() => t.slack.callsOf('chat.postMessage').find((c) => String(c.args.text).includes('消えたキューでも')));
    await wipeQueueStore(t);
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('消えたキューでも')), 15_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(thread().filter((m) => m.text.includes('消えたキューでも'))).toHaveLength(1);
    expect(t.slack.messages.length).toBe(postsBefore + 1);
    const [row] = await t.database.sql`select delivery_status from messages where body = '消えたキューでも届く'`;
    expect(row?.delivery_status).toBe('delivered');
  }, 45_000);

  it('item 8: a LINE push whose job is lost (push failed once, queue store wiped) is sent once, and marked ✅', async () => {
    const post = await t.slack.waitFor(() => thread().find((m) => m.text.includes('消えたキューでも')));
    const modal = await openReplyModal(t, post, threadTs);
    t.line.fail('push', { status: 500 });
    await submitSendModal(t, modal, 'ジョブが消えても一度だけ');
    await t.line.waitFor(() => t.line.calls.find((c) => c.path === '/v2/bot/message/push' && JSON.stringify(c.body).includes('ジョブが消えても')));
    await wipeQueueStore(t);
    await t.line.waitFor(() => t.line.pushes.find((p) => JSON.stringify(p.messages).includes('ジョブが消えても')), 15_000);
    const copy = await t.slack.waitFor(() => thread().find((m) => m.text.includes('ジョブが消えても')), 15_000);
    await t.slack.waitFor(() => t.slack.message('C_TEAM', copy.ts)?.reactions.includes('white_check_mark'), 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.line.pushes.filter((p) => JSON.stringify(p.messages).includes('ジョブが消えても'))).toHaveLength(1);
    expect(thread().filter((m) => m.text.includes('ジョブが消えても'))).toHaveLength(1);
  }, 45_000);

  it('item 8: a staff send whose enqueue failed stays owed and is sent by the sweep (the submitter sees no error)', async () => {
    const post = await t.slack.waitFor(() => thread().find((m) => m.text.includes('消えたキューでも')));
    const modal = await openReplyModal(t, post, threadTs);
    const queues = t.app.queues;
    const enqueue = queues.enqueue;
    queues.enqueue = async () => {
      throw new Error('queue store unreachable');
    };
    try {
      await submitSendModal(t, modal, 'キューに入らなくても届く');
    } finally {
      queues.enqueue = enqueue;
    }
    await t.line.waitFor(() => t.line.pushes.find((p) => JSON.stringify(p.messages).includes('キューに入らなくても')), 15_000);
    const copy = await t.slack.waitFor(() => thread().find((m) => m.text.includes('キューに入らなくても')), 15_000);
    await t.slack.waitFor(() => t.slack.message('C_TEAM', copy.ts)?.reactions.includes('white_check_mark'), 15_000);
    expect(t.line.pushes.filter((p) => JSON.stringify(p.messages).includes('キューに入らなくても'))).toHaveLength(1);
  }, 45_000);

  it('item 8: a record card whose refresh job is lost (chat.update failed once, queue store wiped) shows the edited version', async () => {
    const res = await t.postSlackForm(slashCommand({ command: '/update', text: `${code} 体調 編集前の記録`, responseUrl: t.slack.responseUrl() }));
    expect(res.status).toBe(200);
    const card = await t.slack.waitFor(() => thread().find((m) => m.text.includes('編集前の記録')));
    const [row] = await t.database.sql<Array<{ id: number }>>`select id from records where body = '編集前の記録'`;
    const before = t.slack.views.length;
    await t.postSlackForm(
      blockAction({ actionId: 'record.edit', value: String(row?.id), channel: 'C_TEAM', messageTs: card.ts, threadTs, responseUrl: t.slack.responseUrl() }),
    );
    const modal = await nextModal(t, before);
    t.slack.fail('chat.update', { status: 500 });
    await t.postSlackForm(
      viewSubmission({
        view: { id: modal.id, ...modal.view },
        values: {
          category: { selected: 'health' },
          date: { date: initial(modal, 'date') as string },
          time: { time: initial(modal, 'time') as string },
          body: { text: '編集後の記録' },
        },
      }),
    );
    await t.slack.waitFor(() => t.slack.callsOf('chat.update').length > 0);
    await wipeQueueStore(t);
    await t.slack.waitFor(() => t.slack.message('C_TEAM', card.ts)?.text.includes('編集後の記録'), 15_000);
  }, 45_000);
});

/** Items 8 (attempts exhausted), 9 (media) and 11 (events that fail every attempt), with small attempt counts. */
describe('what cannot be delivered is said, not dropped', () => {
  let t: TestApp;
  let code: string;
  let threadTs: string;
  const MOTHER = 'U_delivery_mother';
  const thread = () => t.slack.threadReplies('C_TEAM', threadTs);

  beforeAll(async () => {
    t = await startTestApp({
      SLACK_CHANNEL_POST_INTERVAL_MS: '0',
      INBOUND_ATTEMPTS: '2',
      DELIVERY_ATTEMPTS: '2',
      RETRY_BASE_DELAY_MS: '200',
      MEDIA_MAX_BYTES: '4096',
    });
    ({ code, threadTs } = await createCase(t, '伊藤M'));
    await linkLineUser(t, { caseCode: code, role: '家族', relation: '母', userId: MOTHER, displayName: '伊藤花子' });
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('連携しました')));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('item 8: a thread post that fails every attempt is marked failed (thread notice with 再送する, audit log); later messages go on; 再送する posts it', async () => {
    const stop = t.slack.failMatching('chat.postMessage', (args) => String(args.text ?? '').includes('ずっと断られる'), { status: 500 });
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: 'ずっと断られるメッセージ' }));
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: 'その次のメッセージ' }));
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('その次のメッセージ')), 20_000);
    const notice = await t.slack.waitFor(() => thread().find((m) => m.text.includes('スレッドに表示できませんでした')), 20_000);
    expect(notice.text).not.toContain('ずっと断られる');
    const [row] = await t.database.sql<Array<{ delivery_status: string; delivery_error: string }>>`
      select delivery_status, delivery_error from messages where body = 'ずっと断られるメッセージ'`;
    expect(row?.delivery_status).toBe('failed');
    expect(row?.delivery_error).toBeTruthy();
    expect(await t.database.sql`select 1 from audit_log where action = 'message.thread_post_failed'`).toHaveLength(1);
    stop();
    await clickRetry(t, notice, threadTs);
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('ずっと断られる')), 20_000);
    await eventually(async () => {
      const [r] = await t.database.sql`select delivery_status from messages where body = 'ずっと断られるメッセージ'`;
      return r?.delivery_status === 'delivered';
    });
  }, 60_000);

  it('item 9: a LINE photo is streamed to Slack (upload URL of the announced length)', async () => {
    const photo = lineMediaMessage({ userId: MOTHER, kind: 'image' });
    const id = String((photo.message as { id: string }).id);
    const bytes = Buffer.alloc(3000, 7);
    t.line.setContent(id, { body: bytes, contentType: 'image/jpeg' });
    await sendLine(t, photo);
    const shared = await t.slack.waitFor(() => thread().find((m) => JSON.stringify(m.files ?? []).includes(`line-image-${id}.jpg`)), 20_000);
    const file = t.slack.files.find((f) => f.id === shared.files?.[0]?.id);
    expect(file?.length).toBe(3000);
    expect(file?.bytes.equals(bytes)).toBe(true);
    // Streamed as a raw body into the upload URL, not assembled into a multipart form in memory.
    expect(file?.uploadContentType).toBe('application/octet-stream');
  }, 30_000);

  it('item 9: a LINE photo larger than MEDIA_MAX_BYTES is not copied; the thread says it is too large', async () => {
    const photo = lineMediaMessage({ userId: MOTHER, kind: 'image' });
    const id = String((photo.message as { id: string }).id);
    t.line.setContent(id, { body: Buffer.alloc(5000, 1), contentType: 'image/jpeg' });
    const filesBefore = t.slack.files.length;
    await sendLine(t, photo);
    await t.slack.waitFor(() => thread().find((m) => m.text.includes('大きすぎる')), 20_000);
    await eventually(async () => {
      const [r] = await t.database.sql`select delivery_status from messages where line_message_id = ${id}`;
      return r?.delivery_status === 'delivered';
    });
    expect(t.slack.files.length).toBe(filesBefore);
    expect(t.slack.callsOf('files.getUploadURLExternal').filter((c) => String(c.args.filename).includes(id))).toHaveLength(0);
  }, 30_000);

  it('item 9: a LINE file announced larger than MEDIA_MAX_BYTES is not even fetched; the thread says it is too large', async () => {
    const doc = lineMediaMessage({ userId: MOTHER, kind: 'file', fileName: '大きな資料.pdf', fileSize: 10_000_000 });
    const id = String((doc.message as { id: string }).id);
    t.line.setContent(id, { body: Buffer.alloc(10, 1), contentType: 'application/pdf' });
    const notices = () => thread().filter((m) => m.text.includes('大きすぎる')).length;
    const before = notices();
    await sendLine(t, doc);
    await t.slack.waitFor(() => notices() > before, 20_000);
    expect(t.line.calls.some((c) => c.path.includes(`/message/${id}/content`))).toBe(false);
  }, 30_000);

  it('item 11: an event that fails every attempt is said in the thread (no content), audit-logged, and 再送する handles it again', async () => {
    // The answer to a re-follow fails at LINE on both attempts.
    t.line.fail('reply', { status: 500 }, { status: 500 });
    const follow = lineFollow({ userId: MOTHER });
    await sendLine(t, follow);
    const notice = await t.slack.waitFor(() => thread().find((m) => m.text.includes('処理できませんでした')), 20_000);
    expect(JSON.stringify(notice.blocks)).toContain('relay.retry');
    await eventually(async () => (await t.database.sql`select 1 from audit_log where action = 'inbound.failed'`).length === 1);
    const [event] = await t.database.sql`select status from inbound_events where external_id = ${follow.webhookEventId}`;
    expect(event?.status).toBe('failed');
    await clickRetry(t, notice, threadTs);
    await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === follow.replyToken), 15_000);
    await eventually(async () => {
      const [e] = await t.database.sql`select status from inbound_events where external_id = ${follow.webhookEventId}`;
      return e?.status === 'processed';
    });
  }, 45_000);

  it('item 11: with no case known, the final failure is an operator log line with the event id and kind only', async () => {
    t.line.fail('reply', { status: 500 }, { status: 500 });
    const stranger = lineTextMessage({ userId: 'U_delivery_stranger', text: '知らない人の失敗する文' });
    await sendLine(t, stranger);
    const row = await eventually(async () => {
      const rows = await t.database.sql<
        Array<{ id: number; status: string }>
      >`select id, status from inbound_events where external_id = ${stranger.webhookEventId}`;
      return rows[0]?.status === 'failed' ? rows[0] : undefined;
    }, 15_000);
    const line = await eventually(() => t.logs.entries.find((e) => e.level === 50 && Number(e.inboundEventId) === Number(row!.id) && e.kind === 'message'));
    const text = JSON.stringify(line);
    expect(text).not.toContain('知らない人の失敗する文');
    expect(text).not.toContain('U_delivery_stranger');
    expect(t.logs.text()).not.toContain('知らない人の失敗する文');
  }, 30_000);
});
