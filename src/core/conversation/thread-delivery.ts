import { errorCode, isPermanent, PermanentError } from '../../lib/errors.js';
import type { Core, JobRun } from '../deps.js';
import { threadOf, type Case, type ThreadPlace } from '../model/cases.js';
import { threadItemKind, type Message } from '../model/messages.js';
import { loadThreadView } from '../notes/load-view.js';
import { addNote } from '../notes/outbox.js';
import type { PostOnceRecord, PostTag } from '../ports/slack-side.js';
import { copyMedia } from './copy-media.js';

/** The code of a retryable failure that must not give up: an unanswered post may still be landing. */
export const AWAITING_UNANSWERED_POST = 'slack_awaiting_unanswered_post';

const tagOf = (message: Pick<Message, 'id'>): PostTag => ({ type: 'message', id: message.id });

/** The post-once bookkeeping of a message's thread post, kept on its row. */
export function postRecordOf(core: Pick<Core, 'store'>, message: Pick<Message, 'id' | 'slackPostStartedAt' | 'postNoAnswerAt'>): PostOnceRecord {
  return {
    startedAt: message.slackPostStartedAt,
    noAnswerAt: message.postNoAnswerAt,
    started: (at) => core.store.messages.postStarted(message.id, at),
    noAnswer: (at) => core.store.messages.postGotNoAnswer(message.id, at),
  };
}

/**
 * Posts everything one case's thread owes, in case order, holding the case's lock so no other worker
 * or replica writes the thread at the same time. What a post says comes from the registry of thread
 * item kinds (loadThreadView); this loop knows no kind. A retryable failure stops the delivery (later
 * messages wait, keeping the order) and the job is retried; on the job's last attempt, or on a
 * permanent failure, that message is marked failed (said in the thread with 再送する, and in the audit
 * log) and later messages go on. Withdrawn messages are put right here too.
 */
export async function deliverThread(core: Core, caseId: number, job: JobRun): Promise<void> {
  await core.locks.caseThread(caseId, () => deliverOwed(core, caseId, job));
}

/**
 * The same at once, by the caller (the worker that just stored a LINE message), when the thread is
 * free and owes little: at most `maxOwed` posts. Resolves 'queue' when the work is left to a
 * thread.flush job: the thread is busy (its holder may finish without seeing the new message), more
 * is owed, or a post failed (the job retries it with backoff, and gives up on its last attempt).
 */
export async function deliverThreadNow(core: Core, caseId: number, job: JobRun, options: { maxOwed: number }): Promise<'done' | 'queue'> {
  const inline: JobRun = { ...job, lastAttempt: false };
  try {
    const held = await core.locks.caseThreadIfFree(caseId, () => deliverOwed(core, caseId, inline, options.maxOwed));
    return held.ran ? held.value : 'queue';
  } catch (error) {
    job.logger.info({ code: errorCode(error) }, 'thread post not done at once; left to its job');
    return 'queue';
  }
}

/** Everything the thread owes (at most `maxOwed` posts), under the case's lock held by the caller. */
async function deliverOwed(core: Core, caseId: number, job: JobRun, maxOwed = Infinity): Promise<'done' | 'queue'> {
  const caseRow = await core.store.cases.byId(caseId);
  if (!caseRow) return 'done';
  const place = threadOf(caseRow);
  if (!place) throw new PermanentError('case_without_thread', `case ${caseRow.code} has no thread yet`);
  let budget = maxOwed;
  // A delivery at once reads once: whoever stores a message asks for its delivery afterwards, and one
  // that finds the thread busy queues its job. A queued delivery reads again until nothing is owed.
  const rounds = Number.isFinite(maxOwed) ? 1 : 100;
  for (let round = 0; round < rounds; round++) {
    const owed = await core.store.messages.owedInThread(caseId);
    if (owed.length === 0) return 'done';
    for (const message of owed) {
      if (budget-- <= 0) return 'queue';
      try {
        if (message.withdrawal === 'owed') await putRightWithdrawn(core, place, message);
        else await deliverOne(core, place, message);
      } catch (error) {
        const code = errorCode(error);
        const counted = message.withdrawal !== 'owed';
        if (isPermanent(error)) {
          if (counted) core.telemetry.delivery(threadItemKind(message), 'failed');
          await giveUp(core, caseRow, message, code, job);
          continue;
        }
        // The last attempt gives up on this message (unless an unanswered post may still be landing:
        // that one stays owed, and the delivery sweep comes back for it).
        if (job.lastAttempt && code !== AWAITING_UNANSWERED_POST) {
          if (counted) core.telemetry.delivery(threadItemKind(message), 'failed');
          await giveUp(core, caseRow, message, code, job);
          // Later messages go on in a delivery of their own (fresh attempts).
          await core.jobs
            .flushThread(caseId, `f${message.id}`, { again: true })
            .catch((err: unknown) => job.logger.warn({ code: errorCode(err) }, 'could not queue the next delivery; the delivery sweep will'));
          return 'done';
        }
        if (counted) core.telemetry.delivery(threadItemKind(message), 'retrying');
        throw error;
      }
    }
    if (rounds === 1) return 'done';
  }
  return 'queue';
}

async function deliverOne(core: Core, place: ThreadPlace, message: Message): Promise<void> {
  let ts = message.slackTs;
  let cardVersion: number | undefined;
  if (!ts) {
    const view = await loadThreadView(core, message);
    if (view.kind === 'record_card') cardVersion = view.record.version;
    ts = await core.thread.post(place, view, tagOf(message), postRecordOf(core, message));
    core.telemetry.delivery(threadItemKind(message), 'delivered');
    if (message.lineSentAt) core.telemetry.relayed(core.clock.now().getTime() - message.lineSentAt.getTime());
  }
  // Record the post, then read the row as it is now in the same statement: the sender may have
  // withdrawn the message while the post was in flight (the unsend does not wait for the post).
  // A message without files to copy is marked shown by the same write (unless withdrawn).
  const row = await core.store.messages.recordPost(message.id, { channel: place.channel, ts }, cardVersion, core.clock.now());
  if (!row) return;
  if (row.direction === 'slack_to_line') {
    // Whichever of this and the push finishes second sees the other's write and adds the mark.
    if (row.deliveryStatus === 'delivered') await core.thread.markDelivered({ channel: row.slackChannelId ?? place.channel, threadTs: place.threadTs }, ts);
    return;
  }
  if (row.deliveryStatus === 'withdrawn') return putRightWithdrawn(core, place, row);
  if (row.direction === 'line_to_slack' && row.attachments.length > 0 && (await copyMedia(core, place, row)) === 'withdrawn') {
    const now = await core.store.messages.byId(row.id);
    if (now) await putRightWithdrawn(core, place, now);
    return;
  }
  if (row.deliveryStatus === 'delivered') return;
  if (!(await core.store.messages.markShown(row.id, core.clock.now()))) {
    const now = await core.store.messages.byId(row.id);
    if (now) await putRightWithdrawn(core, place, now);
  }
}

/**
 * A message its sender withdrew: its copy in the thread (recorded, or made by an attempt that never
 * recorded it) becomes the withdrawn notice, and its files are deleted. A copy or file staff already
 * deleted counts as done. With no post ever attempted there is nothing to show.
 */
async function putRightWithdrawn(core: Core, place: ThreadPlace, message: Message): Promise<void> {
  let ts = message.slackTs;
  if (!ts && message.slackPostStartedAt) {
    ts = (await core.thread.findEarlier(place, tagOf(message), postRecordOf(core, message))) ?? null;
    if (ts) await core.store.messages.recordPost(message.id, { channel: place.channel, ts });
  }
  if (ts) await core.thread.replaceWithWithdrawn({ channel: message.slackChannelId ?? place.channel, threadTs: place.threadTs }, ts);
  for (const file of message.filesToDelete) await core.thread.deleteFile(file);
  await core.store.messages.withdrawalSettled(message.id, 'done');
}

/** A message its thread cannot show: marked failed (with the reason), audit-logged, and said in the thread with 再送する. */
async function giveUp(core: Core, caseRow: Case, message: Message, code: string, job: JobRun): Promise<void> {
  job.logger.error({ case: caseRow.code, messageId: message.id, code }, 'message cannot be posted to its thread');
  if (message.deliveryStatus === 'withdrawn') {
    await core.store.messages.withdrawalSettled(message.id, 'failed');
    await core.store.audit.record({ actorType: 'system', action: 'message.withdrawal_failed', caseId: caseRow.id, details: { messageId: message.id, code } });
    return;
  }
  const failures = await core.store.messages.markPostFailed(message.id, code);
  await core.store.audit.record({ actorType: 'system', action: 'message.thread_post_failed', caseId: caseRow.id, details: { messageId: message.id, code } });
  // A notice about a notice that failed would only fail again.
  if (message.note?.kind === 'notice' && message.note.notice.type === 'thread_post_failed') return;
  await addNote(
    core,
    caseRow.id,
    { kind: 'notice', notice: { type: 'thread_post_failed', messageId: message.id, code } },
    `post-failed:${message.id}:${failures}`,
  );
}
