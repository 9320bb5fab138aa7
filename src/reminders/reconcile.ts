import type { AppContext } from '../context.js';
import { pendingPings } from '../db/queries/reminders.js';
import { enqueuePing, pingJobId } from './schedule.js';

/**
 * The database is the source of truth; queue jobs are derived from it. Every pending ping gets its
 * job (re-created after a wiped queue store, a lost job, or a job that gave up), a ping whose time has
 * come by the app's clock runs now even if its job was delayed by another clock (a replica whose clock
 * drifted, or an app clock that moved), and delayed jobs whose ping is no longer pending are removed.
 * Safe to run on every replica at any time.
 */
export async function reconcileReminderJobs(ctx: AppContext): Promise<{ created: number; removed: number; promoted: number }> {
  const queue = ctx.queues.raw('reminders');
  const pending = await pendingPings(ctx.db);
  const pendingIds = new Set(pending.map((p) => pingJobId(p.id)));
  let created = 0;
  let promoted = 0;
  for (const ping of pending) {
    const job = await queue.getJob(pingJobId(ping.id));
    if (job) {
      const state = await job.getState();
      if (state === 'delayed' && ping.fireAt.getTime() <= ctx.now().getTime()) {
        // Due now, delayed in real time: run it now. A job that moved on meanwhile cannot be promoted; it is re-added below.
        const ran = await job.promote().then(
          () => true,
          () => false,
        );
        if (ran) {
          promoted += 1;
          continue;
        }
        // A job that started meanwhile cannot be removed either; then the add below is a no-op and it runs as it is.
        await job.remove().catch(() => undefined);
      } else if (state === 'failed' || state === 'completed') {
        await job.remove().catch(() => undefined);
      } else {
        continue;
      }
    }
    await enqueuePing(ctx, ping);
    created += 1;
  }
  let removed = 0;
  for (const job of await queue.getDelayed(0, 5000)) {
    if (job.name === 'reminder.fire' && job.id && !pendingIds.has(job.id)) {
      await job.remove().catch(() => undefined);
      removed += 1;
    }
  }
  if (created || removed || promoted) ctx.logger.info({ created, removed, promoted }, 'reminder jobs reconciled');
  return { created, removed, promoted };
}
