import type { Core } from '../deps.js';
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
  unsentIdsDeleted: number;
  afterHoursAnswersForgotten: number;
  auditActorsForgotten: number;
}

/**
 * The daily retention run: deletes what is no longer to be kept, at the app's clock.
 * Order matters: a deleted case takes its contacts with it, so the LINE ids of its people can then
 * leave the audit log in the same run. Every step is idempotent: a second run (a retried job, two
 * replicas) finds nothing more to do. Logs counts only.
 */
export async function applyRetention(core: Core): Promise<RetentionCounts> {
  const now = core.clock.now();
  const settings = core.settings.retention;
  const cut = retentionCutoffs(now, settings, core.settings.timeZone);
  const store = core.store.retention;

  let casesDeleted = 0;
  for (;;) {
    const due = await store.closedCasesDue(cut.closedCasesBefore);
    let deletedThisRound = 0;
    for (const c of due) {
      if (await store.deleteClosedCase(c, { closedBefore: cut.closedCasesBefore, now, retentionYears: settings.closedCaseYears })) {
        deletedThisRound += 1;
        core.logger.info({ caseCode: c.code }, 'closed case deleted after its retention period');
      }
    }
    casesDeleted += deletedThisRound;
    if (due.length === 0 || deletedThisRound === 0) break;
  }

  const counts: RetentionCounts = {
    casesDeleted,
    unconsentedContactsDeleted: await store.deleteUnconsentedContacts(cut.unconsentedBefore),
    heldMessagesDeleted: await store.deleteStrandedHeldMessages(cut.unconsentedBefore),
    caseChoicesDeleted: await store.deleteExpiredCaseChoices(now),
    inviteAttemptsDeleted: await store.deleteInviteAttempts(cut.inviteAttemptsBefore),
    invitesDeleted: await store.deleteExpiredInvites(cut.unconsentedBefore),
    inboundPayloadsScrubbed: await store.scrubFailedInboundEvents(cut.failedPayloadsBefore),
    inboundEventsDeleted: await store.deleteOldInboundEvents({ processedBefore: cut.processedEventsBefore, failedBefore: cut.failedEventsBefore }),
    unsentIdsDeleted: await store.deleteOldUnsent(cut.processedEventsBefore),
    // Who got the out-of-hours answer when: needed only within AFTER_HOURS_REPLY_PERIOD_HOURS.
    afterHoursAnswersForgotten: await store.deleteAfterHoursAnswers(new Date(now.getTime() - core.settings.afterHours.replyPeriodHours * 3600_000)),
    auditActorsForgotten: await store.forgetUnlinkedAuditActors(cut.unconsentedBefore),
  };
  core.logger.info(counts, 'retention applied');
  return counts;
}
