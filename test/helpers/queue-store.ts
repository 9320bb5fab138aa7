import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '../../src/queues/jobs.js';
import type { TestApp } from './test-app.js';

/**
 * What a Redis flushed or failed over without its data means for this app: every queue's jobs gone
 * (waiting, delayed retries, completed, failed, schedulers). On Redis only this test's keys (its own
 * QUEUE_PREFIX) are deleted, never the whole shared server; on the PostgreSQL backend each queue is
 * obliterated.
 */
export async function wipeQueueStore(t: TestApp): Promise<void> {
  const redisUrl = t.config.queue.redisUrl;
  if (redisUrl) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.config.queue.prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      await redis.quit();
    }
    return;
  }
  for (const name of QUEUE_NAMES) {
    const queue = t.app.queues.raw(name);
    await queue.obliterate({ force: true });
    await queue.resume();
  }
}
