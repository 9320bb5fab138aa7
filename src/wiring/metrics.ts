import type { Config } from '../config/env.js';
import type { Clock } from '../core/ports/clock.js';
import type { Db } from '../db/client.js';
import { countRemindersDue } from '../db/queries/operations.js';
import { startMetricsServer, type MetricsEndpoint } from '../http/metrics.js';
import type { Logger } from '../lib/logger.js';
import type { LineClients } from '../line/client.js';
import { monthlyQuota } from '../line/outbound/quota.js';
import type { Metrics } from '../metrics/metrics.js';
import { queueDepths } from '../queues/depth.js';
import type { Queues } from '../queues/queues.js';

/**
 * Points the metrics' gauges at what they read at each scrape (the queue store, the reminders table,
 * LINE's quota API) and opens METRICS_PORT when it is set. Returns the endpoint for the main port:
 * there /metrics is served only with METRICS_TOKEN (the main port is the one the internet reaches).
 */
export async function plugMetrics(
  metrics: Metrics,
  p: { config: Config; db: Db; queues: Queues; line: LineClients; clock: Clock; logger: Logger },
): Promise<{ mainPort: MetricsEndpoint | undefined; ownPort: { port: number; close(): Promise<void> } | undefined }> {
  metrics.readFrom({
    // BullMQ stamps jobs with the system's time: their age is measured on it, not on the app's clock.
    queues: () => queueDepths(p.queues, new Date()),
    remindersDue: () => countRemindersDue(p.db, p.clock.now()),
    lineQuota: () => monthlyQuota(p.line),
  });
  const { token, port, host } = p.config.metrics;
  const endpoint: MetricsEndpoint = { token, render: () => metrics.render() };
  const ownPort = port === undefined ? undefined : await startMetricsServer(endpoint, { port, host, logger: p.logger });
  return { mainPort: token ? endpoint : undefined, ownPort };
}
