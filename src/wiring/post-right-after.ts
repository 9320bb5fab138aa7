import { deliverThreadNow } from '../core/conversation/thread-delivery.js';
import type { Core } from '../core/deps.js';
import { errorCode } from '../lib/errors.js';
import type { JobContext } from '../queues/workers.js';

/** How many posts a worker makes at once after storing a LINE event's message; more are left to the thread's job. */
const MAX_POSTS_RIGHT_AFTER = 5;

/**
 * Runs `work` (the handling of stored LINE events) with a core whose requests for thread posts are
 * collected, then makes those posts right after, in this worker, instead of queueing a thread.flush job
 * for each: one queue job per relayed message instead of two. The message is stored (and owed) before
 * it is posted, as always, so nothing is lost if this process stops here: the delivery sweep finds it.
 *
 * The posts are made after the sender's lock is released (so a slow Slack never holds up the person's
 * next events) and only when the case's thread is free and owes little (deliverThreadNow); otherwise,
 * or when a post fails, the thread's job is queued as before and retries with backoff. Posts asked for
 * again (再送する, sweeps) are queued as before.
 */
export async function postRightAfter<T>(core: Core, job: JobContext, work: (relayCore: Core) => Promise<T>): Promise<T> {
  const asked = new Map<number, string>();
  const relayCore: Core = {
    ...core,
    jobs: {
      ...core.jobs,
      flushThread: async (caseId, reason, options) => {
        if (options?.again) return core.jobs.flushThread(caseId, reason, options);
        if (!asked.has(caseId)) asked.set(caseId, reason);
        return true;
      },
    },
  };
  try {
    return await work(relayCore);
  } finally {
    for (const [caseId, reason] of asked) {
      const run = { attempt: job.attempt, lastAttempt: false, logger: job.logger };
      if ((await deliverThreadNow(core, caseId, run, { maxOwed: MAX_POSTS_RIGHT_AFTER })) === 'done') continue;
      await core.jobs
        .flushThread(caseId, reason)
        .catch((err: unknown) => job.logger.warn({ code: errorCode(err) }, 'could not queue a thread delivery; the delivery sweep will'));
    }
  }
}
