import type { App } from '@slack/bolt';
import postgres from 'postgres';
import type { Config } from './config/env.js';
import { connectDatabase, type Database } from './db/client.js';
import { startEmbeddedDatabase } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { startHttpServer, type HttpServer } from './http/server.js';
import { sendText } from './http/respond.js';
import { acceptInboundEvents } from './inbound/intake.js';
import { processInboundEvent, type InboundHandlers } from './inbound/process-inbound-event.js';
import { sweepInboundEvents } from './inbound/sweep.js';
import { errorMessage } from './lib/errors.js';
import type { Logger } from './lib/logger.js';
import { createLineClients, type LineClients } from './line/client.js';
import { handleLineEvent } from './line/handle-event.js';
import { parseLineWebhook, type StoredLineEvent } from './line/webhook.js';
import { createQueueBackend } from './queues/backend.js';
import { INBOUND_SWEEP_EVERY_MS, queueSettings } from './queues/queue-options.js';
import { createQueues, type Queues } from './queues/queues.js';
import { createWorkers } from './queues/workers.js';
import type { AppContext } from './context.js';
import { staffText } from './i18n/staff-text.js';
import { flushThread } from './relay/flush-thread.js';
import { pushToLine } from './relay/push-to-line.js';
import { refreshRecordCard } from './records/refresh-card.js';
import { enqueueDueDigest, sendDigests } from './reminders/digest.js';
import { firePing } from './reminders/fire-ping.js';
import { reconcileReminderJobs } from './reminders/reconcile.js';
import { createSlackApp } from './slack/app.js';
import { registerSlackListeners } from './slack/listeners/index.js';
import { SlackReceiver } from './slack/receiver.js';

export interface Tsunagi {
  config: Config;
  port: number;
  database: Database;
  queues: Queues;
  queueKind: 'redis' | 'postgres';
  slack: App;
  line: LineClients;
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
    const queues = createQueues(backend);
    cleanups.push({ name: 'queues', run: queues.close });
    await queues.ping();
    logger.info({ backend: backend.kind }, 'queues ready');

    const deps = { db: database.db, queues, logger };
    const receiver = new SlackReceiver({
      signingSecret: config.slack.signingSecret,
      logger,
      acceptEvent: async (event) => {
        await acceptInboundEvents(deps, 'slack', [event]);
      },
    });
    const slack = await createSlackApp(config, receiver, logger);
    const line = createLineClients(config);
    // Lock holders: inbound (per LINE user) and slack-out (per case) workers, each up to `concurrency`.
    const locks = postgres(databaseUrl, { max: config.queue.concurrency * 2 + 2, onnotice: () => {}, connection: { application_name: 'tsunagi-locks' } });
    cleanups.push({ name: 'lock pool', run: () => locks.end({ timeout: 5 }) });
    const ctx: AppContext = {
      config,
      db: database.db,
      locks,
      queues,
      slack: slack.client,
      line,
      text: staffText[config.staffLanguage],
      logger,
      now: options.clock ?? (() => new Date()),
    };
    registerSlackListeners(slack, ctx);

    const handlers: InboundHandlers = {
      line: (payload, job) => handleLineEvent(ctx, payload as StoredLineEvent, job),
      slack: (payload) => receiver.dispatchStoredEvent(payload as Record<string, unknown>),
    };
    const maxAttempts = queueSettings.inbound.defaultJobOptions.attempts ?? 1;
    const workers = createWorkers(
      backend,
      {
        'inbound.process': ({ inboundEventId }, ctx) =>
          processInboundEvent({ db: database.db, handlers, maxAttempts }, inboundEventId, ctx),
        'inbound.sweep': async () => {
          await sweepInboundEvents(deps);
        },
        'thread.flush': ({ caseId }, job) => flushThread(ctx, caseId, job),
        'record.card': ({ updateId }) => refreshRecordCard(ctx, updateId),
        'reminder.fire': ({ pingId }, job) => firePing(ctx, pingId, job),
        'reminders.reconcile': async () => {
          await reconcileReminderJobs(ctx);
        },
        'digest.run': async () => {
          await sendDigests(ctx);
        },
        'line.push': ({ messageId }, job) =>
          pushToLine(ctx, messageId, { ...job, maxAttempts: queueSettings['line-out'].defaultJobOptions.attempts ?? 1 }),
      },
      { concurrency: config.queue.concurrency, logger },
    );
    cleanups.push({ name: 'workers', run: () => workers.close(Math.max(1000, config.shutdownTimeoutMs - 3000)) });
    const ensureSchedules = async () => {
      await queues.schedule('inbound-sweep', INBOUND_SWEEP_EVERY_MS, 'inbound.sweep', {});
      await queues.schedule('reminders-reconcile', config.reminders.reconcileEverySeconds * 1000, 'reminders.reconcile', {});
      const { hour, minute } = config.reminders.digestTime;
      await queues.schedule('morning-digest', { pattern: `${minute} ${hour} * * *`, tz: config.timeZone }, 'digest.run', {});
    };
    await ensureSchedules();
    // The queue store is derived data: reminder jobs are re-created from the database at every start,
    // and the recurring schedules are re-asserted every few minutes (a Redis restarted empty loses them).
    await reconcileReminderJobs(ctx);
    const scheduleTimer = setInterval(() => {
      void ensureSchedules().catch((err: unknown) => logger.warn({ err: errorMessage(err) }, 'could not re-assert schedules'));
    }, 5 * 60_000);
    scheduleTimer.unref();
    cleanups.push({ name: 'schedule timer', run: async () => clearInterval(scheduleTimer) });

    const http: HttpServer = await startHttpServer(
      {
        slack: (req, res, body) => receiver.handle(req, res, body),
        line: async (req, res, body) => {
          const signature = req.headers['x-line-signature'];
          const events = parseLineWebhook(body, Array.isArray(signature) ? signature[0] : signature, config.line.channelSecret);
          await acceptInboundEvents(deps, 'line', events);
          sendText(res, 200);
        },
        readiness: { database: () => database.ping(), queue: () => queues.ping() },
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
      line,
      async clockMoved() {
        await reconcileReminderJobs(ctx);
        await enqueueDueDigest(ctx);
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
