import type { App } from '@slack/bolt';
import postgres from 'postgres';
import type { Config } from './config/env.js';
import { reportFailedLineEvent } from './core/conversation/failed-event.js';
import { sweepDeliveries } from './core/conversation/delivery-sweep.js';
import { postRightAfter } from './wiring/post-right-after.js';
import { checkQuotaWarnings } from './core/conversation/quota-warnings.js';
import type { Core } from './core/deps.js';
import { runDueDigest } from './core/reminders/digest.js';
import { reconcileReminderJobs } from './core/reminders/fire-ping.js';
import { reconcileUrgentJobs } from './core/alerts/urgent-alert.js';
import { openUrgentSettings } from './wiring/urgent-words.js';
import { connectDatabase, type Database } from './db/client.js';
import { startEmbeddedDatabase } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { startHttpServer, type HttpServer } from './http/server.js';
import { sendText } from './http/respond.js';
import { findUntriedInboundEvents } from './db/queries/inbound-events.js';
import { handleAtOnce, type HandleAtOnce } from './inbound/handle-at-once.js';
import { acceptInboundEvents, inboundJobId } from './inbound/intake.js';
import { handleLineEventsInOrder } from './inbound/line-order.js';
import { processInboundEvent, type InboundHandlers } from './inbound/process-inbound-event.js';
import { sweepInboundEvents } from './inbound/sweep.js';
import { jobProcessors } from './jobs.js';
import { errorMessage } from './lib/errors.js';
import type { Logger } from './lib/logger.js';
import { createLineClients, type LineClients } from './line/client.js';
import { handleLineEvent, lineSenderOf } from './line/events/index.js';
import { lineEventOf, parseLineWebhook } from './line/webhook.js';
import { createQueueBackend } from './queues/backend.js';
import { queueSettingsFor } from './queues/queue-options.js';
import { startMaintenance } from './queues/maintenance.js';
import { createQueues, type Queues } from './queues/queues.js';
import { createWorkers } from './queues/workers.js';
import { createSlackApp } from './slack/app.js';
import { registerSlackListeners } from './slack/listeners/index.js';
import { SlackEventRegistry } from './slack/event-registry.js';
import { SlackReceiver } from './slack/receiver.js';
import { createMetrics } from './metrics/metrics.js';
import { buildCore } from './wiring/build-core.js';
import { plugMetrics } from './wiring/metrics.js';
import { createLiveSettings } from './core/admin/live-settings.js';
import { registerAdminListeners } from './slack/listeners/admin/index.js';
import { createOperations, webhookArrivals } from './wiring/operations.js';
import { settingsSource } from './wiring/settings-source.js';

export interface Tsunagi {
  config: Config;
  port: number;
  database: Database;
  queues: Queues;
  queueKind: 'redis' | 'postgres';
  slack: App;
  /** Where Events API listeners are registered (only their events are stored). */
  slackEvents: SlackEventRegistry;
  line: LineClients;
  /** The core with its adapters (tests and the demo read its store). */
  core: Core;
  /** METRICS_PORT's listener, when set (its port: METRICS_PORT=0 picks a free one). */
  metricsPort: number | undefined;
  /** The app's clock moved (see StartOptions.clock): pings now due run at once, and today's digest if its time has passed. */
  clockMoved(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts everything in order: database (embedded unless DATABASE_URL), migrations, queues, Slack,
 * LINE, workers, HTTP. If a step fails, what was already started is stopped again.
 */
export interface StartOptions {
  /** The app's clock (tests move it to a chosen moment); defaults to the system clock. */
  clock?: () => Date;
}

export async function startTsunagi(config: Config, logger: Logger, options: StartOptions = {}): Promise<Tsunagi> {
  const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const { name, run } of cleanups.reverse()) {
      await run().catch((err: unknown) => logger.warn({ step: name, err: errorMessage(err) }, 'shutdown step failed'));
    }
    cleanups.length = 0;
  };

  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      const embedded = await startEmbeddedDatabase(config.database.dataDir, logger);
      cleanups.push({ name: 'embedded database', run: embedded.stop });
      databaseUrl = embedded.url;
    }
    await runMigrations(databaseUrl, logger);
    const database = connectDatabase(databaseUrl);
    cleanups.push({ name: 'database pool', run: () => database.close() });

    const backend = createQueueBackend({
      redisUrl: config.queue.redisUrl,
      databaseUrl,
      prefix: config.queue.prefix,
      logger,
    });
    cleanups.push({ name: 'queue backend', run: backend.close });
    const queues = createQueues(backend, queueSettingsFor(config.queue));
    cleanups.push({ name: 'queues', run: queues.close });
    await queues.ping();
    logger.info({ backend: backend.kind }, 'queues ready');

    const metrics = createMetrics({ logger });
    // atOnce: stored events are handled in this process right after their webhook (set once the handlers exist).
    const deps: { db: Database['db']; queues: Queues; logger: Logger; countInbound: typeof metrics.countInbound; atOnce?: HandleAtOnce } = {
      db: database.db,
      queues,
      logger,
      countInbound: metrics.countInbound,
    };
    const slackEvents = new SlackEventRegistry();
    const receiver = new SlackReceiver({
      signingSecret: config.slack.signingSecret,
      logger,
      events: slackEvents,
      acceptEvent: async (event) => {
        await acceptInboundEvents(deps, 'slack', [event]);
      },
    });
    const slack = await createSlackApp(config, receiver, logger, metrics.slackCall);
    const line = createLineClients(config, metrics.lineCall);
    // Lock holders: the events handled at once and the inbound workers (per LINE user, then per case),
    // and the slack-out workers (per case), each up to `concurrency`.
    const lockPool = postgres(databaseUrl, { max: config.queue.concurrency * 3 + 2, onnotice: () => {}, connection: { application_name: 'tsunagi-locks' } });
    cleanups.push({ name: 'lock pool', run: () => lockPool.end({ timeout: 5 }) });
    const clock = { now: options.clock ?? (() => new Date()) };
    // The office's urgent words (URGENT_WORDS_FILE): a broken file stops the start; later edits are in force at the next message.
    const urgentWords = await openUrgentSettings({ file: config.urgent.wordsFile, logger });
    const { core, slackContext } = buildCore({
      urgentWords,
      config,
      db: database.db,
      lockPool,
      queues,
      slack: slack.client,
      line,
      clock,
      logger,
      telemetry: metrics.telemetry,
    });
    // Recurring jobs whose times are settings: derived from core.settings, again whenever they change.
    const ensureSchedules = async () => {
      const { timeZone } = core.settings;
      const { hour, minute } = core.settings.reminders.digestTime;
      await queues.schedule('morning-digest', { pattern: `${minute} ${hour} * * *`, tz: timeZone }, 'digest.run', {});
      const retentionAt = core.settings.retention.runAt;
      await queues.schedule('retention', { pattern: `${retentionAt.minute} ${retentionAt.hour} * * *`, tz: timeZone }, 'retention.run', {});
      // A scheduler the queue store lost just before its time would wait for tomorrow: within two hours
      // of the digest time, today's run is queued as well.
      await runDueDigest(core, { withinMs: 2 * 3600_000 });
    };
    // The settings admins changed in the App Home, laid over the environment's before anything reads them.
    const live = createLiveSettings(core, settingsSource(config), { afterChange: ensureSchedules });
    await live.load();
    registerSlackListeners(slack, slackContext, slackEvents);
    registerAdminListeners(slack, slackContext, { live, operations: createOperations({ database, queues, line, clock }) }, slackEvents);
    const arrivals = webhookArrivals(database, clock, logger);

    const handlers: InboundHandlers = {
      // One LINE person's events are handled in the order LINE sent them (inbound/line-order.ts); the
      // thread posts they ask for are made right after, by this worker (see postRightAfter).
      line: (payload, job) =>
        postRightAfter(core, job, (relayCore) =>
          handleLineEventsInOrder(
            { db: database.db, locks: core.locks, countInbound: metrics.countInbound },
            lineSenderOf(lineEventOf(payload)),
            (stored, run) => handleLineEvent(relayCore, lineEventOf(stored), run),
            job,
          ),
        ),
      slack: (payload) => receiver.dispatchStoredEvent(payload as Record<string, unknown>),
      failed: async (row, log) => {
        if (row.source === 'line') return reportFailedLineEvent(core, { id: row.id, kind: row.kind, actor: row.actor, failedAt: row.processedAt });
        log.error({ inboundEventId: row.id, kind: row.kind }, 'a Slack event could not be processed');
      },
    };
    const intake = {
      process: (inboundEventId: number, job: Parameters<typeof processInboundEvent>[2]) =>
        processInboundEvent({ db: database.db, handlers, countInbound: metrics.countInbound }, inboundEventId, job),
      sweep: () => sweepInboundEvents(deps, clock.now(), config.sweeps.inboundMinAgeMs),
    };
    const workers = createWorkers(backend, jobProcessors(core, intake), { concurrency: config.queue.concurrency, logger });
    cleanups.push({ name: 'workers', run: () => workers.close(Math.max(1000, config.shutdownTimeoutMs - 3000)) });
    const handling = handleAtOnce({
      concurrency: config.queue.concurrency,
      maxWaiting: config.queue.inboundWaitingMax,
      maxAttempts: config.queue.attempts.inbound,
      process: intake.process,
      // After a failed first attempt: the other attempts, the first of them after the usual backoff.
      queue: async (id, attempts) => {
        const retry = attempts === undefined ? {} : { attempts, delay: config.queue.retryBaseDelayMs };
        await queues.enqueue('inbound.process', { inboundEventId: id }, { jobId: inboundJobId(id), ...retry });
      },
      untried: (fromId, limit) => findUntriedInboundEvents(database.db, fromId, limit),
      logger,
    });
    deps.atOnce = handling;
    // Closed before the workers and the queues (cleanups run in reverse): what waits is queued.
    cleanups.push({ name: 'inbound handling', run: () => handling.close(Math.max(1000, config.shutdownTimeoutMs - 3000)) });
    await ensureSchedules();
    // Earlier releases ran the sweep and the reconcile as queue schedulers; they are timers now.
    await Promise.all([queues.raw('inbound').removeJobScheduler('inbound-sweep'), queues.raw('reminders').removeJobScheduler('reminders-reconcile')]);
    // The queue store is derived data: reminder jobs are re-created from the database at every start.
    await reconcileReminderJobs(core);
    await reconcileUrgentJobs(core);
    // Every replica re-derives from the database, on its own timers, what the queue store may have lost
    // (a Redis flushed or failed over): unprocessed events, owed deliveries, reminder jobs, and the
    // morning digest's schedule.
    const reconcileEveryMs = config.reminders.reconcileEverySeconds * 1000;
    const maintenance = startMaintenance(
      [
        { name: 'inbound sweep', everyMs: config.sweeps.everyMs, run: intake.sweep },
        { name: 'delivery sweep', everyMs: config.sweeps.everyMs, run: () => sweepDeliveries(core) },
        { name: 'reminders reconcile', everyMs: reconcileEveryMs, run: () => reconcileReminderJobs(core) },
        { name: 'urgent reconcile', everyMs: reconcileEveryMs, run: () => reconcileUrgentJobs(core) },
        { name: 'schedules', everyMs: reconcileEveryMs, run: ensureSchedules },
        // Settings another replica changed: a primary-key read of their revision, then a reload if it moved.
        { name: 'settings refresh', everyMs: config.settingsRefreshSeconds * 1000, run: () => live.refresh() },
        // LINE's monthly quota read now and then (pushes also look, with the same reading): the admins warned at 80 % and 95 %.
        { name: 'LINE quota warnings', everyMs: config.line.quotaCheckSeconds * 1000, run: () => checkQuotaWarnings(core, { resume: true }) },
      ],
      logger,
    );
    cleanups.push({ name: 'maintenance timers', run: () => maintenance.stop() });

    const metricsRoutes = await plugMetrics(metrics, { config, db: database.db, queues, line, clock, logger });
    const { ownPort } = metricsRoutes;
    if (ownPort) cleanups.push({ name: 'metrics listener', run: ownPort.close });
    const http: HttpServer = await startHttpServer(
      {
        slack: async (req, res, body) => {
          await receiver.handle(req, res, body);
          arrivals.seen('slack'); // signed (an unsigned request throws above)
        },
        line: async (req, res, body) => {
          const signature = req.headers['x-line-signature'];
          const events = parseLineWebhook(body, Array.isArray(signature) ? signature[0] : signature, config.line.channelSecret);
          await acceptInboundEvents(deps, 'line', events);
          sendText(res, 200);
          arrivals.seen('line');
        },
        readiness: { database: () => database.ping(), queue: () => queues.ping() },
        metrics: metricsRoutes.mainPort,
      },
      { port: config.http.port, host: config.http.host, bodyLimitBytes: config.http.bodyLimitBytes, logger },
    );
    cleanups.push({ name: 'http server', run: http.close });
    workers.start();
    logger.info({ port: http.port, queue: backend.kind, embedded: !config.database.url }, 'tsunagi started');

    let stopping: Promise<void> | undefined;
    return {
      config,
      port: http.port,
      database,
      queues,
      queueKind: backend.kind,
      slack,
      slackEvents,
      line,
      core,
      metricsPort: ownPort?.port,
      async clockMoved() {
        await reconcileReminderJobs(core);
        await reconcileUrgentJobs(core);
        await runDueDigest(core);
      },
      stop() {
        stopping ??= (async () => {
          http.markNotReady();
          await stopAll();
          logger.info('tsunagi stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
