import type { Clock } from '../core/ports/clock.js';
import type { HealthCheck, Operations } from '../core/ports/operations.js';
import type { Database } from '../db/client.js';
import { lastWebhookArrivals, listFailures, recordWebhookArrival } from '../db/queries/admin.js';
import type { InboundSource } from '../db/schema/inbound-events.js';
import { errorCode } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { LineClients } from '../line/client.js';
import { monthlyQuota } from '../line/outbound/quota.js';
import { QUEUE_NAMES } from '../queues/jobs.js';
import type { Queues } from '../queues/queues.js';

/** A health check that has not answered by then counts as failed. */
const HEALTH_TIMEOUT_MS = 2000;

/** What the admins' App Home reads of the running system (core/ports/operations.ts). */
export function createOperations(p: { database: Database; queues: Queues; line: LineClients; clock: Clock }): Operations {
  const timed = async (name: HealthCheck['name'], check: () => Promise<void>): Promise<HealthCheck> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      check().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    return { name, ok, ms: Math.round(performance.now() - started) };
  };
  return {
    health: () => Promise.all([timed('database', () => p.database.ping()), timed('queues', () => p.queues.ping())]),
    lastWebhooks: () => lastWebhookArrivals(p.database.db),
    lineQuota: () => monthlyQuota(p.line),
    async backlog() {
      return Promise.all(
        QUEUE_NAMES.map(async (queue) => {
          const counts = await p.queues.raw(queue).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
          return {
            queue,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
          };
        }),
      );
    },
    failures: (limit) => listFailures(p.database.db, limit),
  };
}

/** How often one replica writes that a platform called (the Home shows minutes; a webhook burst writes once). */
const ARRIVAL_WRITE_EVERY_MS = 10_000;

/**
 * Notes that a signed webhook arrived from LINE or Slack, for the App Home's "last seen": at most one
 * write per platform every ten seconds per replica, never in the request's way (a failed write is
 * logged and the next arrival writes again).
 */
export function webhookArrivals(database: Database, clock: Clock, logger: Logger): { seen(source: InboundSource): void } {
  const lastWrite = new Map<InboundSource, number>();
  return {
    seen(source) {
      const now = clock.now();
      const last = lastWrite.get(source);
      if (last !== undefined && now.getTime() - last < ARRIVAL_WRITE_EVERY_MS && now.getTime() >= last) return;
      lastWrite.set(source, now.getTime());
      recordWebhookArrival(database.db, source, now).catch((error: unknown) => {
        lastWrite.delete(source);
        logger.warn({ source, code: errorCode(error) }, 'could not note a webhook arrival');
      });
    },
  };
}
