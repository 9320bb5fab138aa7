import { errorCode, isPermanent, PermanentError, RetryableError } from '../../lib/errors.js';
import type { Core, JobRun } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { Message, PushFailureReason } from '../model/messages.js';
import { addNote, requestThreadPost } from '../notes/outbox.js';
import { checkQuotaWarnings } from './quota-warnings.js';
import { requestReadReceipt } from './read-receipts.js';

/**
 * The explicit act that lets a staff message leave Slack for LINE (the send modal submitted). The
 * message is stored (keyed by `key`, so a double submit sends once), then pushed by the queue; the
 * thread shows a copy (`reply`) or marks the staff message (`shortcut`, whose ts is `sourceTs`) once
 * LINE accepted it. 'no_recipient': the case is closed or the contact no longer consents.
 */
export async function sendToLine(
  core: Core,
  input: { caseRow: Case; contactId: number; text: string; by: string; via: 'reply' | 'shortcut'; sourceTs?: string | undefined; key: string },
): Promise<'queued' | 'duplicate' | 'no_recipient'> {
  const { caseRow } = input;
  const contact = await core.store.contacts.byId(input.contactId);
  if (caseRow.status !== 'open' || !contact || contact.caseId !== caseRow.id || contact.status !== 'active') return 'no_recipient';
  const { message, created } = await core.store.messages.insert({
    caseId: caseRow.id,
    direction: 'slack_to_line',
    kind: 'text',
    body: input.text,
    contactId: contact.id,
    slackUserId: input.by,
    slackChannelId: caseRow.slackChannelId,
    // The shortcut sends a message already in the thread: it is marked there, no copy is posted.
    ...(input.via === 'shortcut' && input.sourceTs ? { slackTs: input.sourceTs, sourceSlackTs: input.sourceTs } : {}),
    idempotencyKey: input.key,
  });
  if (!created) return 'duplicate';
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: input.by,
    action: 'message.send_requested',
    caseId: caseRow.id,
    details: { messageId: message.id, contactId: contact.id, via: input.via },
  });
  try {
    await core.jobs.pushToLine(message.id, 'first');
    if (input.via === 'reply') await requestThreadPost(core, caseRow.id, message.id);
  } catch (error) {
    // Stored is owed: the delivery sweep sends it (and posts its copy) from the database.
    core.logger.warn({ messageId: message.id, code: errorCode(error) }, 'send to LINE not queued now; the delivery sweep will');
  }
  // Staff answered the person: what they wrote before is read (既読 on LINE).
  await requestReadReceipt(core, { caseId: caseRow.id, contactId: contact.id, by: input.by, via: 'reply' });
  return 'queued';
}

/**
 * Pushes one staff message to LINE. Each request carries a retry key made from the message id and
 * the request's index, so retries (attempts, restarts, replicas) are accepted once: LINE answers 409
 * to a repeat, which counts as sent. Failures that retrying cannot fix (blocked, monthly quota,
 * refused content) end the job at once and are said in the thread with 再送する.
 */
export async function pushToLine(core: Core, messageId: number, job: JobRun): Promise<void> {
  const message = await core.store.messages.byId(messageId);
  if (!message || message.direction !== 'slack_to_line') throw new PermanentError('message_missing', `message ${messageId} is not an outbound message`);
  if (message.deliveryStatus !== 'pending') return;
  const contact = message.contactId ? await core.store.contacts.byId(message.contactId) : undefined;
  const refused: PushFailureReason | undefined = !contact
    ? 'inactive'
    : contact.status === 'blocked'
      ? 'blocked'
      : contact.status !== 'active'
        ? 'inactive'
        : undefined;
  if (refused || !contact) return failed(core, message, refused ?? 'inactive', job);
  let outcome: Awaited<ReturnType<Core['line']['pushTexts']>>;
  try {
    outcome = await core.line.pushTexts(contact.lineUserId, message.body ?? '', `push:${message.id}`, message.pushRequestsDone, (done) =>
      core.store.messages.pushProgress(message.id, done),
    );
  } catch (error) {
    // No answer from LINE (a timeout, a dropped connection): retried with the same keys, given up on the last attempt.
    if (isPermanent(error) || job.lastAttempt) return failed(core, message, 'other', job);
    core.telemetry.delivery('line_push', 'retrying');
    throw error;
  }
  if (!outcome.ok) {
    if (!outcome.retryable || job.lastAttempt) return failed(core, message, outcome.reason, job);
    core.telemetry.delivery('line_push', 'retrying');
    throw new RetryableError(`line_push_${outcome.reason}`, `LINE did not accept the push (${outcome.reason}); will retry`);
  }
  const row = await core.store.messages.markDelivered(message.id, core.clock.now());
  core.telemetry.delivery('line_push', 'delivered');
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: message.slackUserId,
    action: 'message.sent_to_line',
    caseId: message.caseId,
    details: { messageId, contactId: message.contactId },
  });
  if (row?.slackTs && row.slackChannelId) await core.thread.markDelivered({ channel: row.slackChannelId, threadTs: '' }, row.slackTs);
  job.logger.info({ messageId }, 'delivered to LINE');
  // The push counted against the monthly quota: the admins hear when it nears the limit (LINE asked at most every LINE_QUOTA_CHECK_SECONDS).
  await checkQuotaWarnings(core);
}

/** A staff message that will not reach LINE: marked failed, audit-logged, and said in the thread with 再送する. */
async function failed(core: Core, message: Message, reason: PushFailureReason, job: JobRun): Promise<void> {
  const failures = await core.store.messages.markPushFailed(message.id, reason);
  if (failures === undefined) return;
  core.telemetry.delivery('line_push', 'failed');
  await core.store.audit.record({ actorType: 'system', action: 'message.delivery_failed', caseId: message.caseId, details: { messageId: message.id, reason } });
  job.logger.warn({ messageId: message.id, reason }, 'message not delivered to LINE');
  await addNote(
    core,
    message.caseId,
    { kind: 'notice', notice: { type: 'push_failed', messageId: message.id, reason } },
    `push-failed:${message.id}:${failures}`,
  );
}
