import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { findCaseById } from '../db/queries/cases.js';
import { findContactById } from '../db/queries/contacts.js';
import { findUpdateById } from '../db/queries/updates.js';
import { currentRecordCard } from '../records/refresh-card.js';
import { reminderPingThreadPost } from '../reminders/ping-post.js';
import { messagesAwaitingThreadPost, updateMessage } from '../db/queries/messages.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { Attachment, MessageRow } from '../db/schema/messages.js';
import { messages } from '../db/schema/messages.js';
import type { JobContext } from '../queues/workers.js';
import { PermanentError } from '../queues/workers.js';
import { lineMessagePost, notePost, sentCopyPost, type ThreadPost } from '../slack/blocks/thread-message.js';
import { LOCK_SPACES, withAdvisoryLock } from '../db/advisory-lock.js';
import { markDelivered } from './delivery-marks.js';
import { fetchLineContent, mediaFileName } from './line-media.js';
import { findEarlierPost, pacedSlackCall, postToThread, SlackRetryableError } from './post-to-thread.js';
import { scanSince } from '../slack/find-earlier.js';

/** After an attempt got no answer (timeout, dropped connection), look for its post only this many API timeouts later. */
const NO_ANSWER_GRACE_FACTOR = 3;

/** Enqueues the flush of a case's thread after `messageId` was stored (one job per message; flushing is idempotent). */
export async function enqueueThreadFlush(ctx: Pick<AppContext, 'queues'>, caseId: number, messageId: number): Promise<void> {
  await ctx.queues.enqueue('thread.flush', { caseId }, { jobId: `flush-m${messageId}` });
}

/**
 * Posts every waiting message of one case into its thread, in case order, holding the case's lock so
 * no other worker or replica posts into the same thread at the same time. A retryable failure stops
 * the flush (later messages wait, keeping the order) and the job is retried; a permanent failure is
 * recorded on that message and the flush goes on.
 */
export async function flushThread(ctx: AppContext, caseId: number, job: JobContext): Promise<void> {
  await withAdvisoryLock(ctx.locks, LOCK_SPACES.caseThread, caseId, async () => {
    const caseRow = await findCaseById(ctx.db, caseId);
    if (!caseRow) return;
    if (!caseRow.slackThreadTs) throw new PermanentError('case_without_thread', `case ${caseRow.code} has no thread yet`);
    for (let round = 0; round < 100; round++) {
      const waiting = await messagesAwaitingThreadPost(ctx.db, caseId);
      if (waiting.length === 0) return;
      for (const message of waiting) {
        try {
          await postMessage(ctx, caseRow, message);
        } catch (error) {
          if (!(error instanceof PermanentError)) throw error;
          job.logger.error({ case: caseRow.code, messageId: message.id, code: error.code }, 'message cannot be posted to its thread');
          await updateMessage(ctx.db, message.id, {
            meta: { ...message.meta, threadPost: 'failed' },
            ...(message.direction === 'line_to_slack' ? { deliveryStatus: 'failed' as const, deliveryError: error.code } : {}),
          });
          await audit(ctx.db, { actorType: 'system', action: 'message.thread_post_failed', caseId, details: { messageId: message.id, code: error.code } });
        }
      }
    }
  });
}

async function postMessage(ctx: AppContext, caseRow: CaseRow, message: MessageRow): Promise<void> {
  const where = { channel: caseRow.slackChannelId, threadTs: caseRow.slackThreadTs as string };
  let ts = message.slackTs;
  if (!ts) {
    if (message.slackPostStartedAt) {
      // An attempt that got no answer at all may still be landing in Slack: give it time before looking.
      const noAnswerAt = typeof message.meta.noAnswerAt === 'string' ? Date.parse(message.meta.noAnswerAt) : Number.NaN;
      if (ctx.now().getTime() - noAnswerAt < NO_ANSWER_GRACE_FACTOR * ctx.config.apiTimeoutMs) throw new SlackRetryableError('awaiting_unanswered_post');
      ts = (await findEarlierPost(ctx, where, message.id, message.slackPostStartedAt)) ?? null;
    }
    if (!ts) {
      const post = await buildPost(ctx, message);
      await updateMessage(ctx.db, message.id, { slackPostStartedAt: message.slackPostStartedAt ?? ctx.now() });
      try {
        ts = await postToThread(ctx, where, post, message.id);
      } catch (error) {
        if (error instanceof SlackRetryableError && error.code === 'slack_request_error') {
          await updateMessage(ctx.db, message.id, { meta: { ...message.meta, noAnswerAt: ctx.now().toISOString() } });
        }
        throw error;
      }
    }
  }
  if (message.direction === 'slack_to_line') {
    // Record the copy's ts, then read the delivery status in the same statement: whichever of this
    // and the push finishes second sees the other's write and adds the mark.
    const [row] = await ctx.db
      .update(messages)
      .set({ slackTs: ts, slackChannelId: where.channel })
      .where(eq(messages.id, message.id))
      .returning();
    if (row?.deliveryStatus === 'delivered') await markDelivered(ctx, row);
    return;
  }
  await updateMessage(ctx.db, message.id, { slackTs: ts, slackChannelId: where.channel });
  if (message.direction === 'line_to_slack' && message.attachments.length > 0) {
    await uploadAttachments(ctx, where, message);
  }
  await updateMessage(ctx.db, message.id, { deliveryStatus: 'delivered', deliveredAt: ctx.now() });
}

async function buildPost(ctx: AppContext, message: MessageRow): Promise<ThreadPost> {
  if (message.direction === 'note' && typeof message.meta.updateId === 'number') {
    const update = await findUpdateById(ctx.db, message.meta.updateId);
    if (!update) throw new PermanentError('record_missing', `record ${message.meta.updateId} no longer exists`);
    return currentRecordCard(ctx, update);
  }
  if (message.direction === 'note' && typeof message.meta.pingId === 'number') return reminderPingThreadPost(ctx, message.meta.pingId);
  if (message.direction === 'note') {
    const retryId = typeof message.meta.retryMessageId === 'number' ? message.meta.retryMessageId : undefined;
    return notePost(message.body ?? '', retryId === undefined ? {} : { retryMessageId: retryId, retryLabel: ctx.text.retryButton });
  }
  const contact = message.contactId ? await findContactById(ctx.db, message.contactId) : undefined;
  if (!contact) throw new PermanentError('contact_missing', `message ${message.id} has no contact`);
  if (message.direction === 'slack_to_line') return sentCopyPost(message, contact, message.slackUserId ?? '', ctx.text);
  return lineMessagePost(message, contact, ctx.text);
}

/**
 * Copies the message's LINE content into the thread (files upload v2), recording each file once
 * uploaded. An upload that began in an earlier attempt (the process died, or Slack's answer was
 * lost, after the file was shared) is looked for in the thread first, so it is not shared twice.
 */
async function uploadAttachments(ctx: AppContext, where: { channel: string; threadTs: string }, message: MessageRow): Promise<void> {
  const attachments: Attachment[] = [...message.attachments];
  for (const [i, attachment] of attachments.entries()) {
    if (attachment.slackFileId || attachment.unavailable || !attachment.lineMessageId) continue;
    if (attachment.uploadStartedAt && attachment.fileName) {
      const earlier = await findEarlierUpload(ctx, where, attachment.fileName, new Date(attachment.uploadStartedAt));
      if (earlier) {
        attachments[i] = { ...attachment, slackFileId: earlier };
        await updateMessage(ctx.db, message.id, { attachments });
        continue;
      }
    }
    const content = await fetchLineContent(ctx, attachment.lineMessageId, attachment.kind);
    if (!content.ok) {
      attachments[i] = { ...attachment, unavailable: true };
      await updateMessage(ctx.db, message.id, { attachments });
      await pacedSlackCall(ctx, where.channel, () =>
        ctx.slack.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text: `⚠️ ${ctx.text.mediaUnavailable}` }),
      );
      continue;
    }
    const filename = attachment.fileName ?? mediaFileName(attachment.kind, attachment.lineMessageId, content.contentType);
    attachments[i] = {
      ...attachment,
      fileName: filename,
      size: content.body.length,
      ...(content.contentType ? { contentType: content.contentType } : {}),
      uploadStartedAt: attachment.uploadStartedAt ?? ctx.now().toISOString(),
    };
    await updateMessage(ctx.db, message.id, { attachments });
    const uploaded = await pacedSlackCall(ctx, where.channel, () =>
      ctx.slack.filesUploadV2({ channel_id: where.channel, thread_ts: where.threadTs, file: content.body, filename, title: filename }),
    );
    attachments[i] = { ...attachments[i], slackFileId: firstFileId(uploaded) ?? 'uploaded' } as Attachment;
    await updateMessage(ctx.db, message.id, { attachments });
  }
}

/** A file of this name shared into the thread since `since` (less a minute for clock skew) and not recorded by another message. */
async function findEarlierUpload(ctx: AppContext, where: { channel: string; threadTs: string }, fileName: string, since: Date): Promise<string | undefined> {
  const candidates: string[] = [];
  await scanSince(ctx.slack, where, since, (m) => {
    for (const f of m.files ?? []) if (f.id && f.name === fileName) candidates.push(f.id);
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

/** filesUploadV2 answers `{ files: [{ files: [{ id }] }] }` (one completeUploadExternal per call). */
function firstFileId(result: unknown): string | undefined {
  const files = (result as { files?: Array<{ files?: Array<{ id?: string }>; id?: string }> } | undefined)?.files ?? [];
  return files[0]?.files?.[0]?.id ?? files[0]?.id;
}
