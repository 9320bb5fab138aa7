import type { JobsOptions } from 'bullmq';
import type { QueueName } from './jobs.js';

/** Per-queue settings as data: retries, backoff, retention. */
export interface QueueSettings {
  defaultJobOptions: JobsOptions;
}

const keep = { removeOnComplete: { age: 24 * 3600, count: 5000 }, removeOnFail: { age: 14 * 24 * 3600 } } as const;

/** What the settings (INBOUND_ATTEMPTS, DELIVERY_ATTEMPTS, RETRY_BASE_DELAY_MS) change. */
export interface RetrySettings {
  attempts: { inbound: number; delivery: number };
  retryBaseDelayMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = { attempts: { inbound: 8, delivery: 10 }, retryBaseDelayMs: 1000 };

export function queueSettingsFor(retry: RetrySettings = DEFAULT_RETRY_SETTINGS): Record<QueueName, QueueSettings> {
  const backoff = { type: 'exponential', delay: retry.retryBaseDelayMs, jitter: 0.3 } as const;
  return {
    inbound: { defaultJobOptions: { attempts: retry.attempts.inbound, backoff, ...keep } },
    // 5xx and timeouts: ~1 s, 2 s, 4 s ... about 17 minutes in all (by default), then the failure is shown.
    'slack-out': { defaultJobOptions: { attempts: retry.attempts.delivery, backoff, ...keep } },
    'line-out': { defaultJobOptions: { attempts: retry.attempts.delivery, backoff, ...keep } },
    reminders: {
      // A ping that cannot be sent is retried for about half an hour; the reconcile re-creates it after that.
      defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 2000, jitter: 0.3 }, ...keep },
    },
  };
}

export const queueSettings: Record<QueueName, QueueSettings> = queueSettingsFor();
