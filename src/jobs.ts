import { escalateUrgent, notifyUrgentStaff } from './core/alerts/urgent-alert.js';
import { deliverThread } from './core/conversation/thread-delivery.js';
import { markLineRead } from './core/conversation/read-receipts.js';
import { pushToLine } from './core/conversation/send-to-line.js';
import type { Core, JobRun } from './core/deps.js';
import type { Jobs } from './core/ports/jobs.js';
import { sendDigests } from './core/reminders/digest.js';
import { firePing, reconcileReminderJobs } from './core/reminders/fire-ping.js';
import { refreshRecordCard } from './core/records/save-record.js';
import { applyRetention } from './core/retention/apply-retention.js';
import { inboundJobId } from './inbound/intake.js';
import { jobs, type JobData, type JobName } from './queues/jobs.js';
import type { Queues } from './queues/queues.js';
import type { JobContext, Processors } from './queues/workers.js';

/**
 * The one place job names meet what they do. The catalogue of names, queues, payloads and retry
 * settings is data (queues/jobs.ts); here each job is a thin call into the core (or the intake), and
 * the core's requests for later work (core/ports/jobs.ts) become queue entries with ids that make
 * asking twice add one job.
 */
const run = (job: JobContext): JobRun => ({ attempt: job.attempt, lastAttempt: job.lastAttempt, logger: job.logger });

export function jobProcessors(core: Core, intake: { process(inboundEventId: number, job: JobContext): Promise<void>; sweep(): Promise<unknown> }): Processors {
  return {
    'inbound.process': ({ inboundEventId }, job) => intake.process(inboundEventId, job),
    // Left from releases that ran the sweep and the reconcile as queue schedulers: still understood.
    'inbound.sweep': async () => {
      await intake.sweep();
    },
    'thread.flush': ({ caseId }, job) => deliverThread(core, caseId, run(job)),
    'line.push': ({ messageId }, job) => pushToLine(core, messageId, run(job)),
    'line.markRead': ({ messageId }, job) => markLineRead(core, messageId, run(job)),
    'record.card': ({ recordId }, job) => refreshRecordCard(core, recordId, run(job)),
    'reminder.fire': ({ pingId }, job) => firePing(core, pingId, run(job)),
    'urgent.notify': ({ alertId }, job) => notifyUrgentStaff(core, alertId, run(job)),
    'urgent.escalate': ({ alertId }, job) => escalateUrgent(core, alertId, run(job)),
    'reminders.reconcile': async () => {
      await reconcileReminderJobs(core);
    },
    'digest.run': async ({ day }) => {
      await sendDigests(core, day);
    },
    'retention.run': async () => {
      await applyRetention(core);
    },
  };
}

/** BullMQ job ids must not be all digits nor contain ':'. */
export const pingJobId = (pingId: number): string => `ping-${pingId}`;
export const urgentEscalationJobId = (alertId: number): string => `urgent-escalate-${alertId}`;

/** The core's requests for later work (core/ports/jobs.ts), as queue entries. */
export function queueJobs(queues: Queues, now: () => Date): Jobs {
  const add = async <N extends JobName>(name: N, data: JobData<N>, jobId: string, again: boolean | undefined): Promise<boolean> => {
    if (again) return (await queues.ensure(name, data, jobId)) === 'added';
    await queues.enqueue(name, data, { jobId });
    return true;
  };
  const enqueuePing = (ping: { id: number; fireAt: Date }) =>
    queues.enqueue('reminder.fire', { pingId: ping.id }, { jobId: pingJobId(ping.id), delay: Math.max(0, ping.fireAt.getTime() - now().getTime()) });
  const enqueueEscalation = (alert: { id: number; escalateAt: Date }) =>
    queues.enqueue(
      'urgent.escalate',
      { alertId: alert.id },
      { jobId: urgentEscalationJobId(alert.id), delay: Math.max(0, alert.escalateAt.getTime() - now().getTime()) },
    );
  return {
    flushThread: (caseId, reason, o) => add('thread.flush', { caseId }, `flush-${reason}`, o?.again),
    pushToLine: (messageId, reason, o) => add('line.push', { messageId }, `push-${messageId}-${reason}`, o?.again),
    // Asked again after an earlier job ended (a mark LINE failed to take): a new job.
    markRead: (messageId) => add('line.markRead', { messageId }, `read-${messageId}`, true),
    refreshRecordCard: (recordId, version, o) => add('record.card', { recordId, version }, `card-${recordId}-v${version}`, o?.again),
    processInbound: (inboundEventId, o) => add('inbound.process', { inboundEventId }, inboundJobId(inboundEventId), o?.again),
    firePing: enqueuePing,
    notifyUrgent: (alertId, o) => add('urgent.notify', { alertId }, `urgent-notify-${alertId}`, o?.again),
    escalateUrgent: enqueueEscalation,
    syncUrgentEscalations: (owed) =>
      syncDelayed(
        queues,
        now,
        'urgent.escalate',
        owed.map((a) => ({ jobId: urgentEscalationJobId(a.id), at: a.escalateAt, data: { alertId: a.id } })),
      ),
    runDigest: async (day) => {
      await queues.enqueue('digest.run', { day }, { jobId: `digest-${day}` });
    },

    /** Every pending ping gets its job; due ones run now; jobs of pings no longer pending are removed (syncDelayed). */
    syncPings: (pending) =>
      syncDelayed(
        queues,
        now,
        'reminder.fire',
        pending.map((p) => ({ jobId: pingJobId(p.id), at: p.fireAt, data: { pingId: p.id } })),
      ),
  };
}

/**
 * Every owed item gets its delayed job (re-created after a wiped queue store, a lost job, or a job that
 * gave up); an item whose time has come by the app's clock runs now even if its job was delayed by
 * another clock (a replica whose clock drifted, or an app clock that moved); delayed jobs of `name`
 * whose item is no longer owed are removed. A job that moved on meanwhile cannot be promoted or
 * removed: then the add is a no-op and it runs as it is. The queue is read a list at a time and the
 * missing jobs are added in bulk: there may be thousands (not one look-up per item).
 */
async function syncDelayed<N extends 'reminder.fire' | 'urgent.escalate'>(
  queues: Queues,
  now: () => Date,
  name: N,
  owed: ReadonlyArray<{ jobId: string; at: Date; data: JobData<N> }>,
): Promise<{ created: number; removed: number; promoted: number }> {
  const queue = queues.raw('reminders');
  const [delayed, live, finished] = await Promise.all([
    queue.getDelayed(0, -1),
    queue.getJobs(['waiting', 'active', 'prioritized', 'waiting-children']),
    queue.getJobs(['completed', 'failed']),
  ]);
  const byId = <J extends { id?: string | undefined }>(list: Array<J | undefined>) => new Map(list.flatMap((j) => (j?.id ? [[j.id, j] as const] : [])));
  const delayedById = byId(delayed);
  const liveIds = new Set(live.flatMap((j) => (j?.id ? [j.id] : [])));
  const finishedById = byId(finished);
  const owedIds = new Set(owed.map((o) => o.jobId));
  const toAdd: Array<{ jobId: string; at: Date; data: JobData<N> }> = [];
  let promoted = 0;
  for (const item of owed) {
    const waiting = delayedById.get(item.jobId);
    if (waiting) {
      if (item.at.getTime() > now().getTime()) continue;
      const ran = await waiting.promote().then(
        () => true,
        () => false,
      );
      if (ran) {
        promoted += 1;
        continue;
      }
      await removeIfIdle(waiting);
    } else if (liveIds.has(item.jobId)) {
      continue;
    } else {
      // A finished job's id would swallow the add.
      const done = finishedById.get(item.jobId);
      if (done) await removeIfIdle(done);
    }
    toAdd.push(item);
  }
  const options = queues.settings.reminders.defaultJobOptions;
  for (let i = 0; i < toAdd.length; i += 500) {
    await queue.addBulk(
      toAdd.slice(i, i + 500).map((item) => ({
        name,
        data: jobs[name].schema.parse(item.data),
        opts: { ...options, jobId: item.jobId, delay: Math.max(0, item.at.getTime() - now().getTime()) },
      })),
    );
  }
  let removed = 0;
  for (const job of delayed) {
    if (job?.name === name && job.id && !owedIds.has(job.id)) {
      if (await removeIfIdle(job)) removed += 1;
    }
  }
  return { created: toAdd.length, removed, promoted };
}

/**
 * Removes a job that may have started or gone meanwhile (BullMQ refuses to remove a running job): true when
 * it was removed. A refused removal leaves the job to run or to its retention; the next reconcile looks again.
 */
async function removeIfIdle(job: { remove(): Promise<void> }): Promise<boolean> {
  return job.remove().then(
    () => true,
    () => false,
  );
}
