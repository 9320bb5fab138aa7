import { Queue, Worker, createPostgresBackend, withBackend, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';

/**
 * The one module that knows where queues live: Redis when REDIS_URL is set, otherwise BullMQ's
 * PostgreSQL backend on the app's own database. Everything else sees the same Queue/Worker API.
 */
export interface QueueBackend {
  kind: 'redis' | 'postgres';
  createQueue(name: string): Queue;
  createWorker(name: string, processor: Processor, options: { concurrency: number }): Worker;
  close(): Promise<void>;
}

export interface QueueBackendOptions {
  redisUrl: string | undefined;
  databaseUrl: string;
  prefix: string;
  logger: Logger;
}

export function createQueueBackend(options: QueueBackendOptions): QueueBackend {
  return options.redisUrl ? redisBackend(options.redisUrl, options) : postgresBackend(options);
}

function redisBackend(url: string, { prefix, logger }: QueueBackendOptions): QueueBackend {
  // Workers need maxRetriesPerRequest: null (blocking commands). Producers get their own connection
  // that fails fast, so an HTTP request never hangs on a Redis outage (the event is already stored).
  const workerConnection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  const producerConnection = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  for (const c of [workerConnection, producerConnection]) {
    c.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));
  }
  return {
    kind: 'redis',
    createQueue: (name) => new Queue(name, { connection: producerConnection, prefix }),
    createWorker: (name, processor, { concurrency }) => new Worker(name, processor, { connection: workerConnection, prefix, concurrency, autorun: false }),
    async close() {
      await Promise.allSettled([workerConnection.quit(), producerConnection.quit()]);
    },
  };
}

/** How long an idle worker of the PostgreSQL backend waits before it looks at its queue again on its own. */
const IDLE_WORKER_POLL_SECONDS = 60;

function postgresBackend({ databaseUrl, logger }: QueueBackendOptions): QueueBackend {
  const pg = withBackend(createPostgresBackend);
  // Each Queue/Worker owns a small pool; BullMQ migrates its own schema ("bullmq") under its advisory lock.
  const connection = { connectionString: databaseUrl, migrate: true, max: 3, application_name: 'tsunagi-queue' };
  const watch = <T extends { on(event: 'error', fn: (err: Error) => void): unknown }>(x: T): T => {
    x.on('error', (err: Error) => logger.warn({ err: err.message }, 'queue backend error'));
    return x;
  };
  return {
    kind: 'postgres',
    createQueue: (name) => watch(new pg.Queue(name, { connection })) as unknown as Queue,
    // An idle worker of this backend wakes on a NOTIFY when a job is added and at the next delayed job's
    // time, so its long poll can be long: BullMQ's default (5 s) made four idle workers poll the database
    // a few times a second between them, most of the embedded mode's idle CPU.
    createWorker: (name, processor, { concurrency }) =>
      watch(new pg.Worker(name, processor, { connection, concurrency, autorun: false, drainDelay: IDLE_WORKER_POLL_SECONDS })) as unknown as Worker,
    async close() {},
  };
}
