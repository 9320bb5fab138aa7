import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { findCaseById } from '../db/queries/cases.js';
import { findContactById } from '../db/queries/contacts.js';
import { findUpdateById } from '../db/queries/updates.js';
import { currentRecordCard } from '../records/refresh-card.js';
import { reminderPingThreadPost } from '../reminders/ping-post.js';
import {
  findMessageById,
  markThreadPostDone,
  mergeMessageMeta,
  messagesAwaitingThreadPost,
  updateAttachmentsUnlessWithdrawn,
  updateMessage,
} from '../db/queries/messages.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { Attachment, MessageRow } from '../db/schema/messages.js';
import { messages } from '../db/schema/messages.js';
import { AppError, errorMessage } from '../lib/errors.js';
import type { JobContext } from '../queues/workers.js';
import { PermanentError } from '../queues/workers.js';
import { lineMessagePost, notePost, sentCopyPost, type ThreadPost } from '../slack/blocks/thread-message.js';
import { contextBlock, md, messageText } from '../slack/mrkdwn.js';
import { LOCK_SPACES, withAdvisoryLock } from '../db/advisory-lock.js';
import { markDelivered } from './delivery-marks.js';
import { formatBytes, mediaFileName, openLineContent, streamToUploadUrl } from './line-media.js';
import { postNotice } from './notices.js';
import { findEarlierPost, pacedSlackCall, postToThread, slackCall, slackErrorCode, SlackRetryableError } from './post-to-thread.js';
import { scanSince } from '../slack/find-earlier.js';

/** After an attempt got no answer (timeout, dropped connection), look for its post only this many API timeouts later. */
const NO_ANSWER_GRACE_FACTOR = 3;

type Place = { channel: string; threadTs: string };

/** Enqueues the flush of a case's thread after `messageId` was stored (one job per message; flushing is idempotent). */
export async function enqueueThreadFlush(ctx: Pick<AppContext, 'queues'>, caseId: number, messageId: number): Promise<void> {
  await ctx.queues.enqueue('thread.flush', { caseId }, { jobId: `flush-m${messageId}` });
}

/** Enqueues the flush that puts the thread right after `messageId` was withdrawn (its own job id: the post's job may be kept as completed). */
export async function enqueueWithdrawalFlush(ctx: Pick<AppContext, 'queues'>, caseId: number, messageId: number): Promise<void> {
  await ctx.queues.ensure('thread.flush', { caseId }, `flush-w${messageId}`);
}

/**
 * Posts every waiting message of one case into its thread, in case order, holding the case's lock so
 * no other worker or replica posts into the same thread at the same time. A retryable failure stops
 * the flush (later messages wait, keeping the order) and the job is retried; on the job's last
 * attempt, or on a permanent failure, that message is marked failed (said in the thread, with
 * 再送する, and in the audit log) and later messages go on. Withdrawn messages are put right here too.
 */
export async function flushThread(ctx: AppContext, caseId: number, job: JobContext & { maxAttempts: number }): Promise<void> {
  await withAdvisoryLock(ctx.locks, LOCK_SPACES.caseThread, caseId, async () => {
    const caseRow = await findCaseById(ctx.db, caseId);
    if (!caseRow) return;
    if (!caseRow.slackThreadTs) throw new PermanentError('case_without_thread', `case ${caseRow.code} has no thread yet`);
    const where = { channel: caseRow.slackChannelId, threadTs: caseRow.slackThreadTs };
    for (let round = 0; round < 100; round++) {
      const waiting = await messagesAwaitingThreadPost(ctx.db, caseId);
      if (waiting.length === 0) return;
      for (const message of waiting) {
        try {
          if (message.deliveryStatus === 'withdrawn') await putRightWithdrawn(ctx, where, message);
          else await postMessage(ctx, caseRow, where, message);
        } catch (error) {
          const code = error instanceof AppError ? error.code : 'error';
          if (error instanceof PermanentError) {
            await markPostFailed(ctx, caseRow, message, code, job);
            continue;
          }
          // The last attempt gives up on this message (unless an unanswered post may still be landing:
          // that one stays owed, and the delivery sweep comes back for it).
          if (job.attempt >= job.maxAttempts && code !== 'slack_awaiting_unanswered_post') {
            await markPostFailed(ctx, caseRow, message, code, job);
            // Later messages go on in a flush of their own (fresh attempts).
            await ctx.queues.ensure('thread.flush', { caseId }, `flush-f${message.id}`).catch((err: unknown) =>
              job.logger.warn({ err: errorMessage(err) }, 'could not queue the next flush; the delivery sweep will'),
            );
            return;
          }
          throw error;
        }
      }
    }
  });
}

/** A message its thread cannot show: marked failed (with the reason), audit-logged, and said in the thread with 再送する. */
async function markPostFailed(ctx: AppContext, caseRow: CaseRow, message: MessageRow, code: string, job: JobContext): Promise<void> {
  job.logger.error({ case: caseRow.code, messageId: message.id, code }, 'message cannot be posted to its thread');
  const failures = Number(message.meta.postFailures ?? 0) + 1;
  if (message.deliveryStatus === 'withdrawn') {
    await mergeMessageMeta(ctx.db, message.id, { withdrawal: 'failed', threadPost: 'failed' });
    await audit(ctx.db, { actorType: 'system', action: 'message.withdrawal_failed', caseId: caseRow.id, details: { messageId: message.id, code } });
    return;
  }
  await mergeMessageMeta(ctx.db, message.id, { threadPost: 'failed', postFailures: failures });
  if (message.direction === 'line_to_slack') {
    await ctx.db
      .update(messages)
      .set({ deliveryStatus: 'failed', deliveryError: code })
      .where(sql`${messages.id} = ${message.id} and ${messages.deliveryStatus} <> 'withdrawn'`);
  }
  await audit(ctx.db, { actorType: 'system', action: 'message.thread_post_failed', caseId: caseRow.id, details: { messageId: message.id, code } });
  // A notice about a notice that failed would only fail again.
  if (message.direction === 'note' && typeof message.meta.noticeOf === 'number') return;
  await postNotice(ctx, caseRow, `post-failed:${message.id}:${failures}`, md`⚠️ ${ctx.text.threadPostFailed(code)}`, {
    retryMessageId: message.id,
    noticeOf: message.id,
  });
}

async function postMessage(ctx: AppContext, caseRow: CaseRow, where: Place, message: MessageRow): Promise<void> {
  let ts = message.slackTs;
  let shown: Record<string, unknown> = {};
  if (!ts) {
    if (message.slackPostStartedAt) ts = (await earlierPost(ctx, where, message)) ?? null;
    if (!ts) {
      const built = await buildPost(ctx, message);
      shown = built.shown;
      await updateMessage(ctx.db, message.id, { slackPostStartedAt: message.slackPostStartedAt ?? ctx.now() });
      try {
        ts = await postToThread(ctx, where, built.post, message.id);
      } catch (error) {
        if (error instanceof SlackRetryableError && error.code === 'slack_request_error') {
          await mergeMessageMeta(ctx.db, message.id, { noAnswerAt: ctx.now().toISOString() });
        }
        throw error;
      }
    }
  }
  // Record the post, then read the row as it is now in the same statement: the sender may have
  // withdrawn the message while the post was in flight (the unsend does not wait for the post).
  const [row] = await ctx.db
    .update(messages)
    .set({ slackTs: ts, slackChannelId: where.channel, ...(Object.keys(shown).length ? { meta: sql`${messages.meta} || ${JSON.stringify(shown)}::jsonb` } : {}) })
    .where(eq(messages.id, message.id))
    .returning();
  if (!row) return;
  if (row.direction === 'slack_to_line') {
    // Whichever of this and the push finishes second sees the other's write and adds the mark.
    if (row.deliveryStatus === 'delivered') await markDelivered(ctx, row);
    return;
  }
  if (row.deliveryStatus === 'withdrawn') return putRightWithdrawn(ctx, where, row);
  if (row.direction === 'line_to_slack' && row.attachments.length > 0) {
    const outcome = await uploadAttachments(ctx, where, row);
    if (outcome === 'withdrawn') {
      const now = await findMessageById(ctx.db, row.id);
      if (now) await putRightWithdrawn(ctx, where, now);
      return;
    }
  }
  if (!(await markThreadPostDone(ctx.db, row.id, ctx.now()))) {
    const now = await findMessageById(ctx.db, row.id);
    if (now) await putRightWithdrawn(ctx, where, now);
  }
}

/** The post an earlier attempt made but never recorded, looked for once an unanswered attempt had time to land. */
async function earlierPost(ctx: AppContext, where: Place, message: MessageRow): Promise<string | undefined> {
  if (!message.slackPostStartedAt) return undefined;
  // An attempt that got no answer at all may still be landing in Slack: give it time before looking.
  const noAnswerAt = typeof message.meta.noAnswerAt === 'string' ? Date.parse(message.meta.noAnswerAt) : Number.NaN;
  if (ctx.now().getTime() - noAnswerAt < NO_ANSWER_GRACE_FACTOR * ctx.config.apiTimeoutMs) throw new SlackRetryableError('awaiting_unanswered_post');
  return findEarlierPost(ctx, where, message.id, message.slackPostStartedAt);
}

/**
 * A message its sender withdrew: its copy in the thread (recorded, or made by an attempt that never
 * recorded it) becomes the withdrawn notice, and its files are deleted. A copy or file staff already
 * deleted counts as done. With no post ever attempted there is nothing to show.
 */
async function putRightWithdrawn(ctx: AppContext, where: Place, message: MessageRow): Promise<void> {
  let ts = message.slackTs;
  if (!ts && message.slackPostStartedAt) {
    ts = (await earlierPost(ctx, where, message)) ?? null;
    if (ts) await updateMessage(ctx.db, message.id, { slackTs: ts, slackChannelId: where.channel });
  }
  if (ts) {
    const channel = message.slackChannelId ?? where.channel;
    const notice = ctx.text.withdrawnMessage;
    await slackCall(async () => {
      try {
        await ctx.slack.chat.update({ channel, ts, text: messageText(notice), blocks: [contextBlock(notice)] });
      } catch (error) {
        if (slackErrorCode(error) === 'message_not_found') return; // staff deleted the copy: nothing left to replace
        throw error;
      }
    });
  }
  const files = Array.isArray(message.meta.filesToDelete) ? (message.meta.filesToDelete as unknown[]).filter((f): f is string => typeof f === 'string') : [];
  for (const file of files) await deleteSlackFile(ctx, file);
  await mergeMessageMeta(ctx.db, message.id, { withdrawal: 'done', filesToDelete: [] });
}

async function deleteSlackFile(ctx: AppContext, file: string): Promise<void> {
  await slackCall(async () => {
    try {
      await ctx.slack.files.delete({ file });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'file_not_found' || code === 'file_deleted') return; // gone already
      throw error;
    }
  });
}

async function buildPost(ctx: AppContext, message: MessageRow): Promise<{ post: ThreadPost; shown: Record<string, unknown> }> {
  if (message.direction === 'note' && typeof message.meta.updateId === 'number') {
    const update = await findUpdateById(ctx.db, message.meta.updateId);
    if (!update) throw new PermanentError('record_missing', `record ${message.meta.updateId} no longer exists`);
    return { post: await currentRecordCard(ctx, update), shown: { shownVersion: update.version } };
  }
  if (message.direction === 'note' && typeof message.meta.pingId === 'number') return { post: await reminderPingThreadPost(ctx, message.meta.pingId), shown: {} };
  if (message.direction === 'note') {
    const retryId = message.meta.retrySelf === true ? message.id : typeof message.meta.retryMessageId === 'number' ? message.meta.retryMessageId : undefined;
    return { post: notePost(message.body ?? '', retryId === undefined ? {} : { retryMessageId: retryId, retryLabel: ctx.text.retryButton }), shown: {} };
  }
  const contact = message.contactId ? await findContactById(ctx.db, message.contactId) : undefined;
  if (!contact) throw new PermanentError('contact_missing', `message ${message.id} has no contact`);
  if (message.direction === 'slack_to_line') return { post: sentCopyPost(message, contact, message.slackUserId ?? '', ctx.text), shown: {} };
  return { post: lineMessagePost(message, contact, ctx.text), shown: {} };
}

/**
 * Copies the message's LINE content into the thread, streamed from LINE's data API into the upload
 * URL of Slack's files v2 flow (never read whole into memory), recording each file once shared.
 * The upload's file id is recorded before the upload, so an upload that an earlier attempt completed
 * (the process died, or Slack's answer was lost) is found in the thread, not shared twice. Content
 * larger than MEDIA_MAX_BYTES is not copied; the thread says so. 'withdrawn': the sender withdrew the
 * message meanwhile (the caller puts the thread right).
 */
async function uploadAttachments(ctx: AppContext, where: Place, message: MessageRow): Promise<'done' | 'withdrawn'> {
  const attachments: Attachment[] = [...message.attachments];
  const save = () => updateAttachmentsUnlessWithdrawn(ctx.db, message.id, attachments);
  const max = ctx.config.relay.mediaMaxBytes;
  for (const [i, attachment] of attachments.entries()) {
    if (attachment.slackFileId || attachment.unavailable || !attachment.lineMessageId) continue;
    if (attachment.uploadStartedAt) {
      const earlier = await findEarlierUpload(ctx, where, attachment, new Date(attachment.uploadStartedAt));
      if (earlier) {
        attachments[i] = { ...attachment, slackFileId: earlier };
        if (!(await save())) return 'withdrawn';
        continue;
      }
    }
    const tooLarge = async (size: number) => {
      attachments[i] = { ...attachment, unavailable: true, tooLarge: true, size };
      if (!(await save())) return 'withdrawn' as const;
      await pacedSlackCall(ctx, where.channel, () =>
        ctx.slack.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text: messageText(md`⚠️ ${ctx.text.mediaTooLarge(formatBytes(size), formatBytes(max))}`) }),
      );
      return undefined;
    };
    // LINE announces a file's size in the message: a file too large is not even fetched.
    if (attachment.size && attachment.size > max) {
      if ((await tooLarge(attachment.size)) === 'withdrawn') return 'withdrawn';
      continue;
    }
    const content = await openLineContent(ctx, attachment.lineMessageId, attachment.kind, max);
    if (!content.ok) {
      if (content.reason === 'too_large') {
        if ((await tooLarge(content.length)) === 'withdrawn') return 'withdrawn';
        continue;
      }
      attachments[i] = { ...attachment, unavailable: true };
      if (!(await save())) return 'withdrawn';
      await pacedSlackCall(ctx, where.channel, () =>
        ctx.slack.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text: messageText(md`⚠️ ${ctx.text.mediaUnavailable}`) }),
      );
      continue;
    }
    try {
      const filename = attachment.fileName ?? mediaFileName(attachment.kind, attachment.lineMessageId, content.contentType);
      const { upload_url: uploadUrl, file_id: fileId } = await slackCall(() => ctx.slack.files.getUploadURLExternal({ filename, length: content.length }));
      if (!uploadUrl || !fileId) throw new SlackRetryableError('no_upload_url');
      attachments[i] = {
        ...attachment,
        fileName: filename,
        size: content.length,
        ...(content.contentType ? { contentType: content.contentType } : {}),
        pendingFileId: fileId,
        uploadStartedAt: ctx.now().toISOString(),
      };
      if (!(await save())) return 'withdrawn';
      await streamToUploadUrl(uploadUrl, content.stream, content.length, ctx.config.apiTimeoutMs + Math.ceil(content.length / 100));
      await pacedSlackCall(ctx, where.channel, () =>
        ctx.slack.files.completeUploadExternal({ files: [{ id: fileId, title: filename }], channel_id: where.channel, thread_ts: where.threadTs }),
      );
      attachments[i] = { ...(attachments[i] as Attachment), slackFileId: fileId };
      if (!(await save())) return 'withdrawn';
    } finally {
      if (!content.stream.destroyed) content.stream.destroy();
    }
  }
  return 'done';
}

/**
 * The file an earlier attempt shared into the thread but never recorded: by the file id recorded
 * before its upload, or (uploads begun before ids were recorded) by name, if no other message has it.
 */
async function findEarlierUpload(ctx: AppContext, where: Place, attachment: Attachment, since: Date): Promise<string | undefined> {
  const candidates: string[] = [];
  await scanSince(ctx.slack, where, since, (m) => {
    for (const f of m.files ?? []) {
      if (!f.id) continue;
      if (attachment.pendingFileId ? f.id === attachment.pendingFileId : f.name === attachment.fileName) candidates.push(f.id);
    }
    return undefined;
  });
  for (const id of candidates) {
    if (!(await fileIdRecorded(ctx, id))) return id;
  }
  return undefined;
}

async function fileIdRecorded(ctx: AppContext, fileId: string): Promise<boolean> {
  const rows = await ctx.db.execute(sql`select 1 from messages where attachments @> ${JSON.stringify([{ slackFileId: fileId }])}::jsonb limit 1`);
  return rows.length > 0;
}
