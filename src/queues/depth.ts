import { QUEUE_NAMES, type QueueName } from './jobs.js';
import type { Queues } from './queues.js';

/** One queue's backlog: jobs by state, and how long the oldest waiting job has waited (0 when none waits). */
export interface QueueDepth {
  queue: QueueName;
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  oldestWaitingSeconds: number;
}

/**
 * Every queue's backlog, as the queue store holds it now (Redis or PostgreSQL alike). A job's wait is
 * counted from when it was added, or, for a job added with a delay or moved back for a retry, from
 * when that delay ended: the time it has been ready to run without a worker taking it.
 */
export async function queueDepths(queues: Queues, now: Date): Promise<QueueDepth[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name): Promise<QueueDepth> => {
      const queue = queues.raw(name);
      const [counts, oldest] = await Promise.all([queue.getJobCounts('waiting', 'delayed', 'active', 'failed'), queue.getJobs(['wait'], 0, 0, true)]);
      const first = oldest[0];
      const readySince = first ? first.timestamp + (first.delay > 0 ? first.delay : 0) : undefined;
      return {
        queue: name,
        waiting: counts.waiting ?? 0,
        delayed: counts.delayed ?? 0,
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingSeconds: readySince === undefined ? 0 : Math.max(0, (now.getTime() - readySince) / 1000),
      };
    }),
  );
}
