import type { Core } from '../deps.js';
import type { Message, Note } from '../model/messages.js';

/**
 * The case thread's outbox. What the thread is to show is stored first, as the case's next message,
 * then its delivery is asked for; the database, not the queue, says what is still owed (the delivery
 * sweep asks again for anything whose job was lost).
 */

/** Asks for the thread of `caseId` to be posted now that `messageId` waits in it (one request per message). */
export async function requestThreadPost(core: Pick<Core, 'jobs'>, caseId: number, messageId: number): Promise<void> {
  await core.jobs.flushThread(caseId, `m${messageId}`);
}

/**
 * Adds one of the bot's notes to a case's thread, in order with everything else there. `key` makes it
 * idempotent: a retried job adds it once.
 */
export async function addNote(
  core: Pick<Core, 'store' | 'jobs'>,
  caseId: number,
  note: Note,
  key: string,
  by: { slackUserId?: string } = {},
): Promise<Message> {
  const { message } = await core.store.messages.insert({
    caseId,
    direction: 'note',
    kind: 'system',
    note,
    ...(by.slackUserId ? { slackUserId: by.slackUserId } : {}),
    idempotencyKey: `note:${key}`,
  });
  await requestThreadPost(core, caseId, message.id);
  return message;
}
