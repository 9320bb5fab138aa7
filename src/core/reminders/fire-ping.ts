import { RetryableError } from '../../lib/errors.js';
import { sleep } from '../../lib/sleep.js';
import { countDelivery } from '../count-delivery.js';
import type { Core, JobRun } from '../deps.js';
import type { ReminderPing } from '../model/reminders.js';
import { addNote } from '../notes/outbox.js';
import { loadPingView } from '../notes/load-view.js';
import { reminderLabels } from './labels.js';

/** A claim this old belongs to a worker that died: another may take the ping over. */
const CLAIM_STALE_SEC = 300;

/**
 * Sends one ping exactly once: claimed in the database (one replica wins), the DM posted once (its
 * post-once bookkeeping on the ping row), the thread copy added to the case's outbox keyed by the
 * ping (posted once, in order). A first lead ping not acknowledged plans the escalation.
 */
export async function firePing(core: Core, pingId: number, job: JobRun): Promise<void> {
  const current = await core.store.reminders.ping(pingId);
  if (!current || current.status !== 'pending') return;
  const early = current.fireAt.getTime() - core.clock.now().getTime();
  // Early (clocks of replicas differ a little): wait a few seconds; much earlier, retry later.
  if (early > 10_000) throw new RetryableError('ping_too_early', 'the ping is not due yet');
  if (early > 0) await sleep(early);
  const ping = await core.store.reminders.claimPing(pingId, CLAIM_STALE_SEC);
  if (!ping) throw new RetryableError('ping_claimed', 'another worker is sending this ping');
  try {
    await sendClaimedPing(core, ping, job);
  } catch (error) {
    // Let the retry (of this job or another replica's) take it again at once; only a crash waits for the claim to go stale.
    await core.store.reminders
      .updatePing(ping.id, { claimedAt: null })
      .catch((err: unknown) => job.logger.warn({ pingId: ping.id, code: (err as { code?: string }).code }, 'ping claim not released; it goes stale'));
    throw error;
  }
}

async function sendClaimedPing(core: Core, ping: ReminderPing, job: JobRun): Promise<void> {
  const reminder = await core.store.reminders.byId(ping.reminderId);
  const caseRow = reminder ? await core.store.cases.byId(reminder.caseId) : undefined;
  if (!reminder || !caseRow || reminder.status !== 'open' || (ping.kind === 'escalation' && reminder.acknowledgedAt)) {
    await core.store.reminders.updatePing(ping.id, { status: 'cancelled' });
    return;
  }
  const escalation = ping.kind === 'escalation';
  const recipient = escalation ? (caseRow.supervisorUserId ?? core.settings.reminders.escalationUserId) : reminder.assigneeUserId;
  if (!recipient) {
    job.logger.warn({ reminderId: reminder.id }, 'escalation skipped: no supervisor for the case and no ESCALATION_USER_ID');
    await core.store.reminders.updatePing(ping.id, { status: 'cancelled' });
    return;
  }
  if (!ping.dmTs) {
    const view = await loadPingView(core, ping.id);
    const dm = await countDelivery(core, 'reminder_dm', job, () =>
      core.dm.post(
        recipient,
        { kind: 'reminder_ping', ping: view },
        { type: 'ping', id: ping.id },
        {
          startedAt: ping.dmStartedAt,
          noAnswerAt: ping.dmNoAnswerAt,
          started: (at) => core.store.reminders.updatePing(ping.id, { dmStartedAt: at, recipientUserId: recipient }),
          noAnswer: (at) => core.store.reminders.updatePing(ping.id, { dmNoAnswerAt: at }),
        },
      ),
    );
    await core.store.reminders.updatePing(ping.id, { dmTs: dm.ts, dmChannelId: dm.channel });
  }
  const message = await addNote(core, caseRow.id, { kind: 'reminder_ping', pingId: ping.id }, `ping:${ping.id}`);
  if (!escalation && !reminder.acknowledgedAt && !(await core.store.reminders.hasEscalation(reminder.id))) {
    const at = new Date(core.clock.now().getTime() + core.settings.reminders.escalateAfterMinutes * 60_000);
    const planned = await core.store.reminders.addPings(reminder.id, [{ kind: 'escalation', label: reminderLabels(core).escalation, fireAt: at }]);
    const escalationPing = planned.find((p) => p.kind === 'escalation');
    if (escalationPing) await core.jobs.firePing(escalationPing);
  }
  await core.store.reminders.updatePing(ping.id, { status: 'sent', sentAt: core.clock.now(), threadMessageId: message.id, recipientUserId: recipient });
  core.telemetry.reminderFired(ping.kind);
  await core.store.audit.record({
    actorType: 'system',
    action: escalation ? 'reminder.escalated' : 'reminder.pinged',
    caseId: caseRow.id,
    details: { reminderId: reminder.id, pingId: ping.id, to: recipient },
  });
  job.logger.info({ reminderId: reminder.id, pingId: ping.id, kind: ping.kind }, 'reminder ping sent');
}

/**
 * The database is the source of truth; queue jobs are derived from it. Every pending ping gets its
 * job (re-created after a wiped queue store, a lost job, or a job that gave up), a ping whose time has
 * come by the app's clock runs now, and jobs of pings no longer pending are removed. Safe on every
 * replica at any time.
 */
export async function reconcileReminderJobs(core: Core): Promise<{ created: number; removed: number; promoted: number }> {
  const result = await core.jobs.syncPings(await core.store.reminders.pendingPings());
  if (result.created || result.removed || result.promoted) core.logger.info({ ...result }, 'reminder jobs reconciled');
  return result;
}
