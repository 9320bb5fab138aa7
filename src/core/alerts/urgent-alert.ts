import { errorCode, isPermanent, RetryableError } from '../../lib/errors.js';
import { sleep } from '../../lib/sleep.js';
import { countDelivery } from '../count-delivery.js';
import type { Core, JobRun } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { UrgentAlert, UrgentDmKind } from '../model/urgent.js';
import { threadOf } from '../model/cases.js';
import { loadUrgentAlert, urgentStaffOf } from '../notes/load-view.js';
import { addNote } from '../notes/outbox.js';
import type { DmView } from '../ports/views.js';

/**
 * What follows an urgent message's 🚨 block (alerts/flag-urgent.ts), each step owed in PostgreSQL
 * (`urgent_alerts`) and carried by the queue:
 *
 * - `urgent.notify`: a DM to the case's responsible staff and supervisor: the case's code and label and
 *   the kinds of expression found, never the text. Each DM is posted once (urgent_dms keeps its
 *   post-once bookkeeping).
 * - `urgent.escalate`, a delayed job at URGENT_ESCALATE_AFTER_MINUTES: if nobody pressed 対応します by
 *   then, DMs to ESCALATION_USER_ID and URGENT_ONCALL_USER_IDS and a note in the thread. Whether it
 *   escalates is decided by one conditional update (not taken, not escalated), so a 対応します at the
 *   same moment and racing jobs agree; the DMs and the note are keyed, so a retry sends nothing twice.
 * - `reconcileUrgentJobs`, at start and on the reminders' timer: the jobs of owed DMs and escalations
 *   are made again from the database (a wiped queue store, a lost job).
 */

/** The people an urgent message that nobody took escalates to: ESCALATION_USER_ID and the on-call list, once each. */
export const escalationTargets = (core: Pick<Core, 'settings'>): string[] => [
  ...new Set([...(core.settings.reminders.escalationUserId ? [core.settings.reminders.escalationUserId] : []), ...core.settings.urgent.oncallUserIds]),
];

/**
 * A DM about an alert to one person, posted once. A DM Slack refuses for good (a deactivated account,
 * an id that is not a member) is audit-logged and skipped, so that the others are told and the thread
 * still says so; a passing failure retries the job.
 */
async function sendUrgentDm(core: Core, alert: UrgentAlert, kind: UrgentDmKind, userId: string, view: DmView, job: JobRun): Promise<void> {
  const dm = await core.store.urgent.dm(alert.id, kind, userId);
  if (dm.ts) return;
  try {
    const posted = await countDelivery(core, 'urgent_dm', job, () =>
      core.dm.post(
        userId,
        view,
        { type: 'urgent_dm', id: dm.id },
        {
          startedAt: dm.startedAt,
          noAnswerAt: dm.noAnswerAt,
          started: (at) => core.store.urgent.updateDm(dm.id, { startedAt: at }),
          noAnswer: (at) => core.store.urgent.updateDm(dm.id, { noAnswerAt: at }),
        },
      ),
    );
    await core.store.urgent.updateDm(dm.id, { channelId: posted.channel, ts: posted.ts });
  } catch (error) {
    if (!isPermanent(error)) throw error;
    job.logger.warn({ alertId: alert.id, kind, code: errorCode(error) }, 'urgent DM refused for good; the others go on');
    await core.store.audit.record({
      actorType: 'system',
      action: 'urgent.dm_failed',
      caseId: alert.caseId,
      details: { alertId: alert.id, kind, to: userId, code: errorCode(error) },
    });
  }
}

async function load(core: Core, alertId: number): Promise<{ alert: UrgentAlert; caseRow: Case } | undefined> {
  const alert = await core.store.urgent.byId(alertId);
  const caseRow = alert ? await core.store.cases.byId(alert.caseId) : undefined;
  return alert && caseRow ? { alert, caseRow } : undefined;
}

/** The job `urgent.notify`: DMs to the case's responsible staff and supervisor. */
export async function notifyUrgentStaff(core: Core, alertId: number, job: JobRun): Promise<void> {
  const found = await load(core, alertId);
  if (!found || found.alert.notifiedAt) return;
  const { alert, caseRow } = found;
  const to = urgentStaffOf(caseRow);
  const view: DmView = {
    kind: 'urgent',
    case: { code: caseRow.code, label: caseRow.label, slackChannelId: caseRow.slackChannelId },
    groups: alert.groups.map((g) => g.label),
    escalation: null,
  };
  for (const userId of to) await sendUrgentDm(core, alert, 'alert', userId, view, job);
  await core.store.urgent.markNotified(alert.id, core.clock.now());
  await core.store.audit.record({ actorType: 'system', action: 'urgent.notified', caseId: caseRow.id, details: { alertId: alert.id, to } });
}

/** The job `urgent.escalate`: if nobody took the message by its time, escalate (once). */
export async function escalateUrgent(core: Core, alertId: number, job: JobRun): Promise<void> {
  const found = await load(core, alertId);
  if (!found) return;
  let { alert } = found;
  const { caseRow } = found;
  if (!alert.escalatedAt) {
    if (alert.takenAt) return;
    const early = alert.escalateAt.getTime() - core.clock.now().getTime();
    // Early (clocks of replicas differ a little): wait a few seconds; much earlier, retry later.
    if (early > 10_000) throw new RetryableError('urgent_escalation_too_early', 'the escalation is not due yet');
    if (early > 0) await sleep(early);
    const claimed = await core.store.urgent.claimEscalation(alert.id, core.clock.now());
    if (!claimed) {
      // Taken meanwhile (no escalation), or escalated by another job (which says so itself).
      return;
    }
    alert = claimed;
    await core.store.audit.record({
      actorType: 'system',
      action: 'urgent.escalated',
      caseId: caseRow.id,
      details: { alertId: alert.id, to: escalationTargets(core) },
    });
  }
  // Escalated (now, or by an earlier attempt of this job that failed on the way): the DMs and the note, each once.
  const to = escalationTargets(core);
  // The setting in force says how long it waited (at least: a restart may have delayed the job).
  const minutes = core.settings.urgent.escalateAfterMinutes;
  const view: DmView = {
    kind: 'urgent',
    case: { code: caseRow.code, label: caseRow.label, slackChannelId: caseRow.slackChannelId },
    groups: alert.groups.map((g) => g.label),
    escalation: { minutes },
  };
  for (const userId of to) await sendUrgentDm(core, alert, 'escalation', userId, view, job);
  await addNote(core, caseRow.id, { kind: 'urgent_escalated', alertId: alert.id, minutes, to }, `urgent-escalated:${alert.id}`);
  job.logger.info({ case: caseRow.code, alertId: alert.id, recipients: to.length }, 'urgent message escalated');
}

/**
 * 対応します: the first press takes the message (who and when, in the audit log and the thread); a later
 * press is told who took it. Pressing after an escalation still takes it.
 */
export async function takeUrgent(core: Core, alertId: number, userId: string): Promise<{ taken: boolean; alert: UrgentAlert | undefined }> {
  const now = core.clock.now();
  const taken = await core.store.urgent.take(alertId, userId, now);
  if (!taken) return { taken: false, alert: await core.store.urgent.byId(alertId) };
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: userId,
    action: 'urgent.taken',
    caseId: taken.caseId,
    details: { alertId: taken.id, messageId: taken.messageId, takenAt: now.toISOString(), escalated: taken.escalatedAt !== null },
  });
  await addNote(core, taken.caseId, { kind: 'urgent_taken', alertId: taken.id, by: userId, at: now.toISOString() }, `urgent-taken:${taken.id}`, {
    slackUserId: userId,
  });
  return { taken: true, alert: taken };
}

/**
 * The 🚨 block as it is now (who took it, without 対応します), shown in its post. Best effort, right after
 * 対応します: the ✋ line in the thread and the audit log are the record; a block staff deleted stays gone.
 */
export async function showTaken(core: Core, alert: UrgentAlert): Promise<void> {
  if (!alert.noteMessageId) return;
  const [note, caseRow] = await Promise.all([core.store.messages.byId(alert.noteMessageId), core.store.cases.byId(alert.caseId)]);
  const place = caseRow ? threadOf(caseRow) : undefined;
  if (!note?.slackTs || !place) return;
  await core.thread.update({ channel: note.slackChannelId ?? place.channel, threadTs: place.threadTs }, note.slackTs, await loadUrgentAlert(core, alert.id));
}

/**
 * The database is the source of truth: every alert whose DMs are owed gets its job, and every alert
 * neither taken nor escalated its delayed escalation (run now when due by the app's clock).
 */
export async function reconcileUrgentJobs(core: Core): Promise<void> {
  const owed = await core.store.urgent.owed();
  for (const a of owed.notify) await core.jobs.notifyUrgent(a.id, { again: true });
  const result = await core.jobs.syncUrgentEscalations(owed.escalate);
  if (result.created || result.removed || result.promoted) core.logger.info({ ...result }, 'urgent escalation jobs reconciled');
}
