import type { AppContext } from '../context.js';
import { LOCK_SPACES, withAdvisoryLock } from '../db/advisory-lock.js';
import { findCaseById } from '../db/queries/cases.js';
import { findMessageById, mergeMessageMeta } from '../db/queries/messages.js';
import { findUpdateById, versionsOfUpdate } from '../db/queries/updates.js';
import type { UpdateRow } from '../db/schema/updates.js';
import { audit } from '../db/queries/audit.js';
import { PermanentError } from '../queues/workers.js';
import { pacedSlackCall, slackErrorCode } from '../relay/post-to-thread.js';
import { recordCardPost } from '../slack/blocks/record-card.js';
import type { ThreadPost } from '../slack/blocks/thread-message.js';

/** The card of a record as it is now (with who edited it last). */
export async function currentRecordCard(ctx: AppContext, update: UpdateRow): Promise<ThreadPost> {
  const versions = update.version > 1 ? await versionsOfUpdate(ctx.db, update.id) : [];
  const editedBy = versions.at(-1)?.editedBy;
  return recordCardPost(update, ctx.text, { timeZone: ctx.config.timeZone, language: ctx.config.staffLanguage, ...(editedBy ? { editedBy } : {}) });
}

/**
 * Shows an edited record on its card. A card not posted yet needs nothing: the thread flush posts
 * the record as it is then. Runs under the case thread's lock (with the flush and other refreshes),
 * reads the record there and records on the card which version it shows, so the delivery sweep can
 * tell a card still owed its latest version. Updating is idempotent.
 */
export async function refreshRecordCard(ctx: AppContext, updateId: number): Promise<void> {
  const first = await findUpdateById(ctx.db, updateId);
  if (!first?.cardMessageId) return;
  await withAdvisoryLock(ctx.locks, LOCK_SPACES.caseThread, first.caseId, async () => {
    const update = await findUpdateById(ctx.db, updateId);
    if (!update?.cardMessageId) return;
    const [card, caseRow] = await Promise.all([findMessageById(ctx.db, update.cardMessageId), findCaseById(ctx.db, update.caseId)]);
    if (!card?.slackTs || !caseRow) return;
    if (typeof card.meta.shownVersion === 'number' && card.meta.shownVersion >= update.version) return; // shown already
    const post = await currentRecordCard(ctx, update);
    try {
      await pacedSlackCall(ctx, caseRow.slackChannelId, async () => {
        try {
          await ctx.slack.chat.update({ channel: caseRow.slackChannelId, ts: card.slackTs as string, text: post.text, blocks: post.blocks });
        } catch (error) {
          if (slackErrorCode(error) === 'message_not_found') return; // staff deleted the card: nothing left to show
          throw error;
        }
      });
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      // Slack refuses this card for good: recorded, so the delivery sweep does not offer it again.
      await mergeMessageMeta(ctx.db, card.id, { cardFailedVersion: update.version });
      await audit(ctx.db, { actorType: 'system', action: 'record.card_failed', caseId: update.caseId, details: { updateId: update.id, version: update.version, code: error.code } });
      throw error;
    }
    await mergeMessageMeta(ctx.db, card.id, { shownVersion: update.version });
  });
}
