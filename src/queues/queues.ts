import type { JobsOptions, Queue } from 'bullmq';
import type { QueueBackend } from './backend.js';
import { jobs, QUEUE_NAMES, type JobData, type JobName, type QueueName } from './jobs.js';
import { queueSettings } from './queue-options.js';

export interface Queues {
  /** Adds a job after validating its payload. A `jobId` makes the add idempotent. */
  enqueue<N extends JobName>(name: N, data: JobData<N>, options?: JobsOptions): Promise<void>;
  /** Creates or updates a recurring job (BullMQ job scheduler); safe to call at every start. */
  schedule<N extends JobName>(schedulerId: string, repeat: number | { pattern: string; tz: string }, name: N, data: JobData<N>): Promise<void>;
  /** Resolves when the queue store answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Direct access for tests and maintenance (counts, cleaning). */
  raw(name: QueueName): Queue;
  close(): Promise<void>;
}

export function createQueues(backend: QueueBackend): Queues {
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
    async schedule(schedulerId, repeat, name, data) {
      const def = jobs[name];
      const payload = def.schema.parse(data);
      await queueOf(def.queue).upsertJobScheduler(
        schedulerId,
        typeof repeat === 'number' ? { every: repeat } : { pattern: repeat.pattern, tz: repeat.tz },
        { name, data: payload, opts: queueSettings[def.queue].defaultJobOptions },
      );
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
