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
import type { JobData, JobName } from './queues/jobs.js';
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

/** The core's requests for later work (core/ports/jobs.ts), as queue entries. */
export function queueJobs(queues: Queues, now: () => Date): Jobs {
  const add = async <N extends JobName>(name: N, data: JobData<N>, jobId: string, again: boolean | undefined): Promise<boolean> => {
    if (again) return (await queues.ensure(name, data, jobId)) === 'added';
    await queues.enqueue(name, data, { jobId });
    return true;
  };
  const enqueuePing = (ping: { id: number; fireAt: Date }) =>
    queues.enqueue('reminder.fire', { pingId: ping.id }, { jobId: pingJobId(ping.id), delay: Math.max(0, ping.fireAt.getTime() - now().getTime()) });
  return {
    flushThread: (caseId, reason, o) => add('thread.flush', { caseId }, `flush-${reason}`, o?.again),
    pushToLine: (messageId, reason, o) => add('line.push', { messageId }, `push-${messageId}-${reason}`, o?.again),
    // Asked again after an earlier job ended (a mark LINE failed to take): a new job.
    markRead: (messageId) => add('line.markRead', { messageId }, `read-${messageId}`, true),
    refreshRecordCard: (recordId, version, o) => add('record.card', { recordId, version }, `card-${recordId}-v${version}`, o?.again),
    processInbound: (inboundEventId, o) => add('inbound.process', { inboundEventId }, inboundJobId(inboundEventId), o?.again),
    firePing: enqueuePing,
    runDigest: async (day) => {
      await queues.enqueue('digest.run', { day }, { jobId: `digest-${day}` });
    },

    /**
     * Every pending ping gets its job (re-created after a wiped queue store, a lost job, or a job that
     * gave up); a ping whose time has come by the app's clock runs now even if its job was delayed by
     * another clock (a replica whose clock drifted, or an app clock that moved); delayed jobs whose
     * ping is no longer pending are removed. A job that moved on meanwhile cannot be promoted or
     * removed: then the add is a no-op and it runs as it is.
     */
    async syncPings(pending) {
      const queue = queues.raw('reminders');
      const pendingIds = new Set(pending.map((p) => pingJobId(p.id)));
      let created = 0;
      let promoted = 0;
      for (const ping of pending) {
        const job = await queue.getJob(pingJobId(ping.id));
        if (job) {
          const state = await job.getState();
          if (state === 'delayed' && ping.fireAt.getTime() <= now().getTime()) {
            const ran = await job.promote().then(
              () => true,
              () => false,
            );
            if (ran) {
              promoted += 1;
              continue;
            }
            await removeQuietly(job);
          } else if (state === 'failed' || state === 'completed') {
            await removeQuietly(job);
          } else {
            continue;
          }
        }
        await enqueuePing(ping);
        created += 1;
      }
      let removed = 0;
      for (const job of await queue.getDelayed(0, 5000)) {
        if (job.name === 'reminder.fire' && job.id && !pendingIds.has(job.id)) {
          await removeQuietly(job);
          removed += 1;
        }
      }
      return { created, removed, promoted };
    },
  };
}

/** Removes a job that may be running or gone meanwhile: then there is nothing to remove, which is fine. */
async function removeQuietly(job: { remove(): Promise<void> }): Promise<void> {
  await job.remove().catch(() => undefined); // a job running or finished meanwhile is left to run or to its retention
}
