import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryKind, DeliveryOutcome, Telemetry } from '../core/ports/telemetry.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { processMetrics } from './process-metrics.js';

/** One queue's backlog as the queue store holds it at the scrape. */
export interface QueueBacklog {
  queue: string;
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  oldestWaitingSeconds: number;
}

/** What is read at each scrape (each bounded in time; one that fails or is slow is left out of that scrape). */
export interface ScrapeSources {
  queues(): Promise<QueueBacklog[]>;
  /** Open reminders whose due time has come. */
  remindersDue(): Promise<number>;
  /** This month's LINE pushes and the limit (null: none). Asked at most once per `quotaEveryMs`. */
  lineQuota(): Promise<{ used: number; limit: number | null }>;
}

export interface Metrics {
  /** The core's port (core/ports/telemetry.ts). */
  telemetry: Telemetry;
  /** Inbound events by source and outcome (handed to inbound/). */
  countInbound(source: string, outcome: string, count: number): void;
  /** Slack Web API calls by method and status (handed to slack/app.ts). */
  slackCall(method: string, status: string): void;
  /** LINE Messaging API calls by method and status (handed to line/client.ts). */
  lineCall(method: string, status: string): void;
  /** Where the gauges read from at a scrape (set once everything they read is running). */
  readFrom(sources: ScrapeSources): void;
  /** The text Prometheus scrapes, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  logger: Logger;
  /** How often LINE's quota API may be asked, at most (default once a minute). */
  quotaEveryMs?: number;
  /** How long a scrape waits for each source (default 5 s). */
  sourceTimeoutMs?: number;
}

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
const INBOUND_SOURCES = ['line', 'slack'];
const INBOUND_OUTCOMES = ['stored', 'duplicate', 'not_stored', 'processed', 'failed'];

/** A label value is a method, status, kind, outcome or queue name: short words only (anything else would be a bug, counted as `other`). */
const LABEL_VALUE = /^[A-Za-z0-9_.-]{1,64}$/;
const label = (value: string): string => (LABEL_VALUE.test(value) ? value : 'other');

/**
 * The app's metrics in a registry of its own (so that two apps in one process, as tests run them,
 * never mix their counts), plus the process's metrics. Counters are moved by the recorders handed
 * to the core and the adapters as work happens; gauges (queue backlog, reminders due, LINE quota)
 * are read at the scrape. Labels carry kinds, outcomes, methods, statuses and queue names only:
 * never a message's text, a name or a person's id.
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const { logger } = options;
  const quotaEveryMs = options.quotaEveryMs ?? 60_000;
  const sourceTimeoutMs = options.sourceTimeoutMs ?? 5000;
  const registry = new Registry();
  const registers = [registry];

  const inbound = new Counter({
    name: 'tsunagi_inbound_events_total',
    help: 'Inbound platform events by source (line, slack) and outcome (stored, duplicate, not_stored, processed, failed).',
    labelNames: ['source', 'outcome'],
    registers,
  });
  for (const source of INBOUND_SOURCES) for (const outcome of INBOUND_OUTCOMES) inbound.inc({ source, outcome }, 0);
  const relayLatency = new Histogram({
    name: 'tsunagi_relay_latency_seconds',
    help: 'From LINE’s timestamp of a message to its post in the case thread, in seconds.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800],
    registers,
  });
  const deliveries = new Counter({
    name: 'tsunagi_deliveries_total',
    help: 'Delivery attempts by kind (a thread post by what it shows, record_card_edit, line_push, reminder_dm, digest_dm) and outcome (delivered, retrying, failed).',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const slackCalls = new Counter({
    name: 'tsunagi_slack_api_calls_total',
    help: 'Slack Web API calls by method and status (ok, Slack’s error code, the HTTP status when not 200 such as 429, timeout, network_error).',
    labelNames: ['method', 'status'],
    registers,
  });
  const lineCalls = new Counter({
    name: 'tsunagi_line_api_calls_total',
    help: 'LINE Messaging API calls by method and status (the HTTP status such as 200, 409 or 429; timeout; network_error).',
    labelNames: ['method', 'status'],
    registers,
  });
  const remindersFired = new Counter({ name: 'tsunagi_reminders_fired_total', help: 'Reminder pings sent to their coordinator.', registers });
  const remindersEscalated = new Counter({
    name: 'tsunagi_reminders_escalated_total',
    help: 'Reminders escalated to the supervisor (not acknowledged in time).',
    registers,
  });
  const queueJobs = new Gauge({
    name: 'tsunagi_queue_jobs',
    help: 'Jobs in each queue by state (waiting, delayed, active, failed).',
    labelNames: ['queue', 'state'],
    registers,
  });
  const queueOldest = new Gauge({
    name: 'tsunagi_queue_oldest_waiting_seconds',
    help: 'How long the oldest job ready to run has waited in each queue (0 when none waits).',
    labelNames: ['queue'],
    registers,
  });
  // Gauges without labels would show 0 while unknown; these are in the registry only while their value is known.
  const remindersDue = new Gauge({ name: 'tsunagi_reminders_due', help: 'Open reminders whose due time has come (overdue included).', registers: [] });
  const quotaUsed = new Gauge({
    name: 'tsunagi_line_quota_used_messages',
    help: 'LINE messages pushed this month as LINE counts them (read at most once a minute; absent while unknown).',
    registers: [],
  });
  const quotaLimit = new Gauge({
    name: 'tsunagi_line_quota_limit_messages',
    help: 'The LINE channel’s monthly message limit (absent when the plan has none, or while unknown).',
    registers: [],
  });
  /** Shows `value` (undefined: leaves the gauge out of the output, rather than showing 0 or an old value). */
  const show = (gauge: Gauge, name: string, value: number | undefined): void => {
    const present = registry.getSingleMetric(name) !== undefined;
    if (value === undefined) {
      if (present) registry.removeSingleMetric(name);
      return;
    }
    gauge.set(value);
    if (!present) registry.registerMetric(gauge);
  };

  let sources: ScrapeSources | undefined;
  let quotaAskedAt = Number.NEGATIVE_INFINITY;
  let quotaInFlight: Promise<void> | undefined;

  const within = <T>(promise: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${sourceTimeoutMs} ms`)), sourceTimeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  /** Reads one source; a failure is logged and its gauges are left out of this scrape (`reset`) rather than showing old values. */
  const read = async <T>(what: string, load: () => Promise<T>, show: (value: T) => void, reset: () => void): Promise<void> => {
    try {
      const value = await within(load());
      reset();
      show(value);
    } catch (error) {
      reset();
      logger.warn({ source: what, err: errorMessage(error) }, 'metrics: a source could not be read for this scrape');
    }
  };

  /** LINE's quota, asked at most once per `quotaEveryMs` whatever the scrape rate (its last answer is shown in between). */
  const refreshQuota = (from: ScrapeSources): Promise<void> => {
    const at = performance.now();
    if (quotaInFlight) return quotaInFlight;
    if (at - quotaAskedAt < quotaEveryMs) return Promise.resolve();
    quotaAskedAt = at;
    const asked = from.lineQuota().then(
      ({ used, limit }) => {
        show(quotaUsed, 'tsunagi_line_quota_used_messages', used);
        show(quotaLimit, 'tsunagi_line_quota_limit_messages', limit ?? undefined);
      },
      (error: unknown) => {
        show(quotaUsed, 'tsunagi_line_quota_used_messages', undefined);
        show(quotaLimit, 'tsunagi_line_quota_limit_messages', undefined);
        logger.warn({ source: 'line quota', err: errorMessage(error) }, 'metrics: LINE did not say the monthly quota; asked again in a minute');
      },
    );
    quotaInFlight = asked.finally(() => {
      quotaInFlight = undefined;
    });
    return quotaInFlight;
  };

  const readSources = async (from: ScrapeSources): Promise<void> => {
    await Promise.all([
      read(
        'queues',
        () => from.queues(),
        (backlogs) => {
          for (const b of backlogs) {
            for (const state of QUEUE_STATES) queueJobs.set({ queue: label(b.queue), state }, b[state]);
            queueOldest.set({ queue: label(b.queue) }, b.oldestWaitingSeconds);
          }
        },
        () => {
          queueJobs.reset();
          queueOldest.reset();
        },
      ),
      read(
        'reminders',
        () => from.remindersDue(),
        (due) => show(remindersDue, 'tsunagi_reminders_due', due),
        () => show(remindersDue, 'tsunagi_reminders_due', undefined),
      ),
      // A slow answer from LINE does not hold the scrape: the value it brings shows at the next one.
      // refreshQuota logs and hides LINE's own failures; what is left to catch here is only the timeout.
      within(refreshQuota(from)).catch(() => undefined /* timed out: the next scrape shows the value */),
    ]);
  };

  const telemetry: Telemetry = {
    relayed(latencyMs) {
      relayLatency.observe(Math.max(0, latencyMs) / 1000);
    },
    delivery(kind: DeliveryKind, outcome: DeliveryOutcome) {
      deliveries.inc({ kind: label(kind), outcome });
    },
    reminderFired(kind) {
      if (kind === 'escalation') remindersEscalated.inc();
      else remindersFired.inc();
    },
  };

  return {
    telemetry,
    countInbound(source, outcome, count) {
      if (count > 0) inbound.inc({ source: label(source), outcome: label(outcome) }, count);
    },
    slackCall(method, status) {
      slackCalls.inc({ method: label(method), status: label(status) });
    },
    lineCall(method, status) {
      lineCalls.inc({ method: label(method), status: label(status) });
    },
    readFrom(s) {
      sources = s;
    },
    async render() {
      if (sources) await readSources(sources);
      const [own, processOwn] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
      return { contentType: registry.contentType, body: `${own.trimEnd()}\n${processOwn}` };
    },
  };
}
