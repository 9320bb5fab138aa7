import type { JobsOptions, Queue } from 'bullmq';
import type { QueueBackend } from './backend.js';
import { jobs, QUEUE_NAMES, type JobData, type JobName, type QueueName } from './jobs.js';
import { queueSettings as defaultQueueSettings, type QueueSettings } from './queue-options.js';

export interface Queues {
  /** Adds a job after validating its payload. A `jobId` makes the add idempotent. */
  enqueue<N extends JobName>(name: N, data: JobData<N>, options?: JobsOptions): Promise<void>;
  /** Creates or updates a recurring job (BullMQ job scheduler); safe to call at every start. */
  schedule<N extends JobName>(schedulerId: string, repeat: number | { pattern: string; tz: string }, name: N, data: JobData<N>): Promise<void>;
  /** Resolves when the queue store answers; rejects otherwise. */
  ping(): Promise<void>;
  /**
   * Adds the job unless one with this id is still to run (waiting, delayed, active). A finished job that
   * BullMQ still keeps under the id (completed, failed) is removed first, so the add is not swallowed by
   * its id. For work re-derived from the database (sweeps, retry buttons).
   */
  ensure<N extends JobName>(name: N, data: JobData<N>, jobId: string): Promise<'added' | 'present'>;
  /** The settings each queue's jobs are added with (attempts, backoff). */
  settings: Record<QueueName, QueueSettings>;
  /** Direct access for tests and maintenance (counts, cleaning). */
  raw(name: QueueName): Queue;
  close(): Promise<void>;
}

export function createQueues(backend: QueueBackend, queueSettings: Record<QueueName, QueueSettings> = defaultQueueSettings): Queues {
  const byName = new Map<QueueName, Queue>(QUEUE_NAMES.map((name) => [name, backend.createQueue(name)]));
  const queueOf = (name: QueueName): Queue => {
    const q = byName.get(name);
    if (!q) throw new Error(`Unknown queue ${name}`);
    return q;
  };
  return {
    async enqueue(name, data, options) {
      const def = jobs[name];
      const payload = def.schema.parse(data);
      await queueOf(def.queue).add(name, payload, { ...queueSettings[def.queue].defaultJobOptions, ...options });
    },
    async ensure(name, data, jobId) {
      const def = jobs[name];
      const queue = queueOf(def.queue);
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return 'present';
        // Finished: its id would swallow the add. Removing it may race with another replica doing the
        // same; the add below is then deduplicated by the id, which is what we want.
        await existing.remove().catch(() => undefined /* removed meanwhile by another replica: the add is deduplicated */);
      }
      await queue.add(name, def.schema.parse(data), { ...queueSettings[def.queue].defaultJobOptions, jobId });
      return 'added';
    },
    settings: queueSettings,
    async schedule(schedulerId, repeat, name, data) {
      const def = jobs[name];
      const payload = def.schema.parse(data);
      await queueOf(def.queue).upsertJobScheduler(schedulerId, typeof repeat === 'number' ? { every: repeat } : { pattern: repeat.pattern, tz: repeat.tz }, {
        name,
        data: payload,
        opts: queueSettings[def.queue].defaultJobOptions,
      });
    },
    async ping() {
      await queueOf(QUEUE_NAMES[0] as QueueName).getJobCounts('waiting');
    },
    raw: queueOf,
    async close() {
      await Promise.allSettled([...byName.values()].map((q) => q.close()));
    },
  };
}
