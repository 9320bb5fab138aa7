import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { findCaseById } from '../db/queries/cases.js';
import { findContactById } from '../db/queries/contacts.js';
import { findMessageById, updateMessage } from '../db/queries/messages.js';
import { messages } from '../db/schema/messages.js';
import { AppError } from '../lib/errors.js';
import type { JobContext } from '../queues/workers.js';
import { PermanentError } from '../queues/workers.js';
import { markDelivered } from './delivery-marks.js';
import { postNotice } from './notices.js';
import { retryKeyFor } from './retry-key.js';
import { chunk, splitText } from './split-text.js';

/** LINE: at most 5,000 UTF-16 code units per text message, at most 5 messages per request. */
export const LINE_TEXT_MAX = 5000;
export const LINE_MESSAGES_PER_REQUEST = 5;

export type PushFailureReason = 'blocked' | 'quota' | 'inactive' | 'invalid' | 'other';

class PushFailed extends PermanentError {
  constructor(readonly reason: PushFailureReason, detail: string) {
    super(`line_push_${reason}`, detail);
  }
}

class LineTemporaryError extends AppError {
  constructor(detail: string) {
    super('line_push_temporary', detail);
  }
}

/**
 * Sends one staff message to LINE. Each request carries an X-Line-Retry-Key derived from the message
 * id and the request's index, so retries (attempts, restarts, replicas) are accepted once: LINE
 * answers 409 to a repeat, which counts as delivered. Failures that retrying cannot fix (blocked,
 * monthly quota, refused content) end the job at once and are shown in the thread.
 */
export async function pushToLine(ctx: AppContext, messageId: number, job: JobContext & { maxAttempts: number }): Promise<void> {
  const message = await findMessageById(ctx.db, messageId);
  if (!message || message.direction !== 'slack_to_line') throw new PermanentError('message_missing', `message ${messageId} is not an outbound message`);
  if (message.deliveryStatus === 'delivered') return;
  try {
    const contact = message.contactId ? await findContactById(ctx.db, message.contactId) : undefined;
    if (!contact) throw new PushFailed('inactive', 'recipient no longer exists');
    if (contact.status === 'blocked') throw new PushFailed('blocked', 'recipient blocked the account');
    if (contact.status !== 'active') throw new PushFailed('inactive', `recipient is ${contact.status}`);
    const texts: messagingApi.Message[] = splitText(message.body ?? '', LINE_TEXT_MAX).map((t) => ({ type: 'text', text: t }));
    const done = Number(message.meta.pushedRequests ?? 0);
    const requests = chunk(texts, LINE_MESSAGES_PER_REQUEST);
    for (const [i, batch] of requests.entries()) {
      if (i < done) continue;
      await sendBatch(ctx, contact.lineUserId, batch, retryKeyFor(`push:${message.id}:${i}`));
      await updateMessage(ctx.db, message.id, { meta: { ...message.meta, pushedRequests: i + 1 } });
    }
  } catch (error) {
    const final = error instanceof PermanentError || job.attempt >= job.maxAttempts;
    if (final) await recordFailure(ctx, messageId, error instanceof PushFailed ? error.reason : 'other', job);
    throw error;
  }
  const [row] = await ctx.db
    .update(messages)
    .set({ deliveryStatus: 'delivered', deliveredAt: ctx.now(), deliveryError: null })
    .where(eq(messages.id, messageId))
    .returning();
  await audit(ctx.db, { actorType: 'slack_user', actorId: message.slackUserId, action: 'message.sent_to_line', caseId: message.caseId, details: { messageId, contactId: message.contactId } });
  if (row) await markDelivered(ctx, row);
  job.logger.info({ messageId }, 'delivered to LINE');
}

async function sendBatch(ctx: AppContext, to: string, batch: messagingApi.Message[], retryKey: string): Promise<void> {
  try {
    await ctx.line.messaging.pushMessage({ to, messages: batch }, retryKey);
  } catch (error) {
    if (!(error instanceof HTTPFetchError)) throw error;
    if (error.status === 409) return; // this retry key was accepted before: already sent
    if (error.status === 429 && /monthly limit/i.test(error.body)) throw new PushFailed('quota', 'monthly message quota reached');
    if (error.status === 429 || error.status >= 500) throw new LineTemporaryError(`LINE answered ${error.status}`);
    if (error.status === 400 || error.status === 403 || error.status === 404) throw new PushFailed('invalid', `LINE answered ${error.status}`);
    throw new LineTemporaryError(`LINE answered ${error.status}`);
  }
}

async function recordFailure(ctx: AppContext, messageId: number, reason: PushFailureReason, job: JobContext): Promise<void> {
  const message = await findMessageById(ctx.db, messageId);
  if (!message || message.deliveryStatus === 'failed') return;
  await updateMessage(ctx.db, messageId, { deliveryStatus: 'failed', deliveryError: reason });
  await audit(ctx.db, { actorType: 'system', action: 'message.delivery_failed', caseId: message.caseId, details: { messageId, reason } });
  job.logger.warn({ messageId, reason }, 'message not delivered to LINE');
  const caseRow = await findCaseById(ctx.db, message.caseId);
  if (!caseRow) return;
  const failures = Number(message.meta.failures ?? 0) + 1;
  await updateMessage(ctx.db, messageId, { meta: { ...message.meta, failures } });
  await postNotice(ctx, caseRow, `push-failed:${messageId}:${failures}`, ctx.text.deliveryFailed(ctx.text.failureReasons[reason] ?? reason), {
    retryMessageId: messageId,
  });
}

/** Queues (or re-queues, after the 再送 button) the push of a stored message. */
export async function enqueuePush(ctx: Pick<AppContext, 'queues'>, messageId: number, attempt = 0): Promise<void> {
  await ctx.queues.enqueue('line.push', { messageId }, { jobId: `push-${messageId}-${attempt}` });
}
