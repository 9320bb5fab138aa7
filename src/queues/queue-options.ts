import type { JobsOptions } from 'bullmq';
import type { QueueName } from './jobs.js';

/** Per-queue settings as data: retries, backoff, retention. */
export interface QueueSettings {
  defaultJobOptions: JobsOptions;
}

const keep = { removeOnComplete: { age: 24 * 3600, count: 5000 }, removeOnFail: { age: 14 * 24 * 3600 } } as const;

export const queueSettings: Record<QueueName, QueueSettings> = {
  inbound: {
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000, jitter: 0.3 },
      ...keep,
    },
  },
  'slack-out': {
    // 5xx and timeouts: ~1 s, 2 s, 4 s ... about 17 minutes in all, then the failure is shown.
    defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000, jitter: 0.3 }, ...keep },
  },
  'line-out': {
    defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000, jitter: 0.3 }, ...keep },
  },
  reminders: {
    // A ping that cannot be sent is retried for about half an hour; the reconcile job re-creates it after that.
    defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 2000, jitter: 0.3 }, ...keep },
  },
};

/** How often stored-but-unqueued inbound events are looked for, and how old they must be. */
export const INBOUND_SWEEP_EVERY_MS = 30_000;
export const INBOUND_SWEEP_MIN_AGE_MS = 20_000;
