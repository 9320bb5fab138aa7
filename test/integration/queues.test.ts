import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { createQueueBackend, type QueueBackend } from '../../src/queues/backend.js';
import { createQueues, type Queues } from '../../src/queues/queues.js';
import { PermanentError } from '../../src/lib/errors.js';
import { createWorkers, type Processors, type Workers } from '../../src/queues/workers.js';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from '../helpers/database.js';
import { eventually } from '../helpers/test-app.js';

/** The queue layer on whichever backend this run uses (Redis if REDIS_URL is set, else PostgreSQL). */
describe('queues and workers', () => {
  let database: TestDatabase;
  let backend: QueueBackend;
  let queues: Queues;
  let workers: Workers;
  const calls = new Map<number, number>();
  const succeeded: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const logger = createLogger('silent');
    backend = createQueueBackend({ redisUrl: inject('redisUrl') || undefined, databaseUrl: database.url, prefix: uniqueQueuePrefix(), logger });
    queues = createQueues(backend);
    await queues.ping();
    // Behaviour keyed by id: 1 fails permanently, 2 fails twice then succeeds, others succeed.
    const processors: Processors = {
      'inbound.process': async ({ inboundEventId }) => {
        const n = (calls.get(inboundEventId) ?? 0) + 1;
        calls.set(inboundEventId, n);
        if (inboundEventId === 1) throw new PermanentError('gone', 'cannot succeed');
        if (inboundEventId === 2 && n < 3) throw new Error('temporary');
        succeeded.push(inboundEventId);
      },
      'inbound.sweep': async () => {},
      'thread.flush': async () => {},
      'line.push': async () => {},
      'line.markRead': async () => {},
      'record.card': async () => {},
      'reminder.fire': async () => {},
      'reminders.reconcile': async () => {},
      'urgent.notify': async () => {},
      'urgent.escalate': async () => {},
      'digest.run': async () => {},
      'retention.run': async () => {},
    };
    workers = createWorkers(backend, processors, { concurrency: 2, logger });
    workers.start();
  });
  afterAll(async () => {
    await workers?.close(5000);
    await queues?.close();
    await backend?.close();
    await database?.drop();
  });

  it(`uses the backend this run asks for`, () => {
    expect(backend.kind).toBe(inject('redisUrl') ? 'redis' : 'postgres');
  });

  it('refuses a payload that does not match the job map', async () => {
    await expect(queues.enqueue('inbound.process', { inboundEventId: -5 })).rejects.toThrow();
    await expect(queues.enqueue('inbound.process', {} as never)).rejects.toThrow();
  });

  it('runs a job once per job id, even when added twice while it waits', async () => {
    // (A completed job of this queue is removed at once: the id dedupes while the job waits or runs.)
    await Promise.all([
      queues.enqueue('inbound.process', { inboundEventId: 10 }, { jobId: 'inbound-10' }),
      queues.enqueue('inbound.process', { inboundEventId: 10 }, { jobId: 'inbound-10' }),
    ]);
    await eventually(() => succeeded.includes(10));
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.get(10)).toBe(1);
  });

  it('retries a temporary failure with backoff until it succeeds', async () => {
    await queues.enqueue('inbound.process', { inboundEventId: 2 }, { jobId: 'inbound-2', backoff: { type: 'fixed', delay: 50 } });
    await eventually(() => succeeded.includes(2), 15_000);
    expect(calls.get(2)).toBe(3);
  });

  it('does not retry a permanent failure', async () => {
    await queues.enqueue('inbound.process', { inboundEventId: 1 }, { jobId: 'inbound-1', backoff: { type: 'fixed', delay: 50 } });
    const job = await eventually(async () => {
      const j = await queues.raw('inbound').getJob('inbound-1');
      // failedReason is read with the job; a job fetched just before it failed has none yet.
      return j?.failedReason && (await j.isFailed()) ? j : undefined;
    });
    expect(job?.failedReason).toContain('gone');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.get(1)).toBe(1);
  });
});
