import { errorCode } from '../../lib/errors.js';
import { mayActOnCase } from '../cases/authorize.js';
import type { Core, JobRun } from '../deps.js';

/** What staff did that counts as having seen a person's messages. */
export type ReadAct = 'reply' | 'record' | 'reaction';

/** The reactions that say "seen" (✅ and its look-alikes). */
export const SEEN_REACTIONS: readonly string[] = ['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check'];

/**
 * A staff member acted on a person's relayed messages (返信 to them, 記録する on one, ✅ on one): the
 * person may now see 既読 on LINE. Their latest message in the case up to `upToMessageId` (all of them
 * when absent) that LINE gave a markAsReadToken for and that is not marked yet is marked by a job
 * (LINE marks the earlier ones with it). Nothing before a staff act, nothing when LINE_READ_RECEIPTS is
 * off. Never fails the act it follows: a problem here is logged. True when a mark was asked for.
 */
export async function requestReadReceipt(
  core: Core,
  input: { caseId: number; contactId: number; upToMessageId?: number; by: string; via: ReadAct },
): Promise<boolean> {
  if (!core.settings.lineSending.readReceipts) return false;
  try {
    const target = await core.store.messages.latestUnread(input.caseId, input.contactId, input.upToMessageId);
    if (!target) return false;
    await core.store.audit.record({
      actorType: 'slack_user',
      actorId: input.by,
      action: 'message.read_receipt_requested',
      caseId: input.caseId,
      details: { messageId: target.id, contactId: input.contactId, via: input.via },
    });
    await core.jobs.markRead(target.id);
    return true;
  } catch (error) {
    core.logger.warn({ caseId: input.caseId, code: errorCode(error) }, 'read receipt not requested');
    return false;
  }
}

/**
 * ✅ (or a look-alike) on a post in a case thread: when the post shows a person's LINE message and the
 * one who reacted may act on the case, their messages up to it are marked read on LINE.
 */
export async function onSeenReaction(core: Core, input: { channel: string; ts: string; userId: string; reaction: string }): Promise<boolean> {
  if (!SEEN_REACTIONS.includes(input.reaction)) return false;
  const message = await core.store.messages.bySlackTs(input.channel, input.ts);
  if (!message || message.direction !== 'line_to_slack' || message.contactId === null) return false;
  const caseRow = await core.store.cases.byId(message.caseId);
  if (!caseRow) return false;
  if (!(await mayActOnCase(core, { userId: input.userId, caseRow, via: 'seen reaction' }))) return false;
  return requestReadReceipt(core, { caseId: message.caseId, contactId: message.contactId, upToMessageId: message.id, by: input.userId, via: 'reaction' });
}

/**
 * The job: tells LINE the message (and its sender's earlier ones) was read, once. A refusal (the token
 * is too old, the channel does not allow it) ends it; LINE failing (5xx, no answer) is retried with
 * backoff, and on the last attempt it is let go (logged): the next staff act marks a later message,
 * which covers this one.
 */
export async function markLineRead(core: Core, messageId: number, job: JobRun): Promise<void> {
  const message = await core.store.messages.byId(messageId);
  if (!message?.markAsReadToken || message.readMarkedAt || message.contactId === null) return;
  if (!core.settings.lineSending.readReceipts) return;
  let outcome: Awaited<ReturnType<Core['line']['markAsRead']>>;
  try {
    outcome = await core.line.markAsRead(message.markAsReadToken);
  } catch (error) {
    if (!job.lastAttempt) throw error;
    job.logger.warn({ messageId, code: errorCode(error) }, 'LINE did not mark the message read; the next staff act will');
    return;
  }
  if (outcome === 'refused') job.logger.info({ messageId }, 'LINE refused the read mark (token too old, or not allowed for this channel)');
  await core.store.messages.markRead(message.caseId, message.contactId, message.id, core.clock.now());
}
