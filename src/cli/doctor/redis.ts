import { Redis } from 'ioredis';
import type { DoctorConfig } from '../../config/env.js';
import { errorMessage } from '../../lib/errors.js';
import { fail, networkError, ok, warn, type CheckLine } from './check.js';
import type { DoctorText } from './text.js';

/** `key:value` lines of an INFO section. */
function infoFields(info: string): Map<string, string> {
  return new Map(
    info
      .split(/\r?\n/)
      .filter((l) => l.includes(':') && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/**
 * The queue store: none to check without REDIS_URL (queues on PostgreSQL). With Redis: it answers,
 * evicts nothing (maxmemory-policy noeviction) and keeps its data (appendonly yes); a Redis that
 * could lose jobs is a warning (the database is the source of truth; lost jobs are re-derived late).
 */
export async function checkRedis(c: DoctorConfig, t: DoctorText): Promise<CheckLine> {
  const title = t.titles.queue;
  if (!c.redisUrl) return ok(title, t.queue.postgres);
  const redis = new Redis(c.redisUrl, {
    lazyConnect: true,
    connectTimeout: c.apiTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // A failed connection rejects connect() with "Connection is closed."; the cause (ECONNREFUSED,
  // ENOTFOUND, NOAUTH …) comes as an error event, kept here for the line.
  let cause: unknown;
  redis.on('error', (error: unknown) => (cause = error));
  try {
    await redis.connect();
    const memory = infoFields(await redis.info('memory'));
    const persistence = infoFields(await redis.info('persistence'));
    const policy = memory.get('maxmemory_policy') ?? 'unknown';
    if (policy !== 'noeviction') return warn(title, t.queue.eviction(policy), t.queue.evictionFix);
    if (persistence.get('aof_enabled') === '1') return ok(title, t.queue.ok);
    // CONFIG is often disabled on managed Redis: then the snapshot settings stay unknown.
    const save = await redis.config('GET', 'save').then(
      (answer) => (answer as string[])[1] ?? '',
      () => undefined,
    );
    if (save === undefined) return warn(title, t.queue.persistenceUnknown, t.queue.persistenceFix);
    return warn(title, save.trim() === '' ? t.queue.noPersistence : t.queue.snapshotsOnly, t.queue.persistenceFix);
  } catch (error) {
    return fail(title, t.queue.unreachable(networkError(cause ?? error) || errorMessage(error)), t.queue.unreachableFix);
  } finally {
    redis.disconnect();
  }
}
