import type { JobsOptions } from 'bullmq';
import type { QueueName } from './jobs.js';

/** Per-queue settings as data: retries, backoff, retention. */
export interface QueueSettings {
  defaultJobOptions: JobsOptions;
}

/**
 * Retention of finished jobs. The database says what is owed and what was done, so a completed job
 * of the hot queues (one or two per relayed message) is removed at once: keeping 5,000 of them made
 * every completion on the PostgreSQL queue backend run a retention DELETE over the whole history
 * (82 % of the embedded PostgreSQL's time in the baseline bench, bench/reports/baseline-findings.md).
 * Their ids stay unique while a job waits or runs, which is all the dedupe they need: asking again
 * after a job finished adds one more job, and it finds nothing owed. Failed jobs are kept two weeks
 * (at most 1,000 a queue) for the App Home's failed work and for reading. The reminders queue holds a
 * day of completed jobs: the morning digest's job id (digest-<day>) is what makes it run once a day.
 */
const hot = { removeOnComplete: true, removeOnFail: { age: 14 * 24 * 3600, count: 1000 } } as const;
const daily = { removeOnComplete: { age: 24 * 3600, count: 200 }, removeOnFail: { age: 14 * 24 * 3600, count: 1000 } } as const;

/** What the settings (INBOUND_ATTEMPTS, DELIVERY_ATTEMPTS, RETRY_BASE_DELAY_MS) change. */
export interface RetrySettings {
  attempts: { inbound: number; delivery: number };
  retryBaseDelayMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = { attempts: { inbound: 8, delivery: 10 }, retryBaseDelayMs: 1000 };

export function queueSettingsFor(retry: RetrySettings = DEFAULT_RETRY_SETTINGS): Record<QueueName, QueueSettings> {
  const backoff = { type: 'exponential', delay: retry.retryBaseDelayMs, jitter: 0.3 } as const;
  return {
    inbound: { defaultJobOptions: { attempts: retry.attempts.inbound, backoff, ...hot } },
    // 5xx and timeouts: ~1 s, 2 s, 4 s ... about 17 minutes in all (by default), then the failure is shown.
    'slack-out': { defaultJobOptions: { attempts: retry.attempts.delivery, backoff, ...hot } },
    'line-out': { defaultJobOptions: { attempts: retry.attempts.delivery, backoff, ...hot } },
    reminders: {
      // A ping that cannot be sent is retried for about half an hour; the reconcile re-creates it after that.
      defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 2000, jitter: 0.3 }, ...daily },
    },
  };
}

export const queueSettings: Record<QueueName, QueueSettings> = queueSettingsFor();
