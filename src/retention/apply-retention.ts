import type { AppContext } from '../context.js';
import { deleteOldInboundEvents, scrubHandledInboundEvents } from '../db/queries/inbound-events.js';
import {
  closedCasesDue,
  deleteClosedCase,
  deleteExpiredCaseChoices,
  deleteExpiredInvites,
  deleteInviteAttempts,
  deleteStrandedHeldMessages,
  deleteUnconsentedContacts,
  forgetUnlinkedAuditActors,
} from '../db/queries/retention.js';
import { retentionCutoffs } from './policy.js';

export interface RetentionCounts {
  casesDeleted: number;
  unconsentedContactsDeleted: number;
  heldMessagesDeleted: number;
  caseChoicesDeleted: number;
  inviteAttemptsDeleted: number;
  invitesDeleted: number;
  inboundPayloadsScrubbed: number;
  inboundEventsDeleted: number;
  auditActorsForgotten: number;
}

/**
 * The daily retention run: deletes what is no longer to be kept, at `ctx.now()`.
 * Order matters: a deleted case takes its contacts with it, so the LINE ids of its people can then
 * leave the audit log in the same run; a stranded held message is let go before payloads are
 * reduced and old events deleted. Every step is idempotent: a second run (a retried job, two
 * replicas) finds nothing more to do. Logs counts only.
 */
export async function applyRetention(ctx: AppContext): Promise<RetentionCounts> {
  const now = ctx.now();
  const settings = ctx.config.retention;
  const cut = retentionCutoffs(now, settings, ctx.config.timeZone);

  let casesDeleted = 0;
  for (;;) {
    const due = await closedCasesDue(ctx.db, cut.closedCasesBefore);
    let deletedThisRound = 0;
    for (const c of due) {
      if (await deleteClosedCase(ctx.db, c, { closedBefore: cut.closedCasesBefore, now, retentionYears: settings.closedCaseYears })) {
        deletedThisRound += 1;
        ctx.logger.info({ caseCode: c.code }, 'closed case deleted after its retention period');
      }
    }
    casesDeleted += deletedThisRound;
    if (due.length === 0 || deletedThisRound === 0) break;
  }

  const counts: RetentionCounts = {
    casesDeleted,
    unconsentedContactsDeleted: await deleteUnconsentedContacts(ctx.db, cut.unconsentedBefore),
    heldMessagesDeleted: await deleteStrandedHeldMessages(ctx.db, cut.unconsentedBefore),
    caseChoicesDeleted: await deleteExpiredCaseChoices(ctx.db, now),
    inviteAttemptsDeleted: await deleteInviteAttempts(ctx.db, cut.inviteAttemptsBefore),
    invitesDeleted: await deleteExpiredInvites(ctx.db, cut.unconsentedBefore),
    inboundPayloadsScrubbed: await scrubHandledInboundEvents(ctx.db, cut.failedPayloadsBefore),
    inboundEventsDeleted: await deleteOldInboundEvents(ctx.db, { processedBefore: cut.processedEventsBefore, failedBefore: cut.failedEventsBefore }),
    auditActorsForgotten: await forgetUnlinkedAuditActors(ctx.db, cut.unconsentedBefore),
  };
  ctx.logger.info(counts, 'retention applied');
  return counts;
}
