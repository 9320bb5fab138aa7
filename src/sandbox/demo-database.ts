import fs from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';

/**
 * The demo's database and queue store: embedded under the demo folder unless DATABASE_URL / REDIS_URL
 * say otherwise. A reset wipes them; an external database is wiped only if the demo made its data.
 */

/** How the state file names the database the bot's rows are in (never with a password). */
export function databaseIdentity(databaseUrl: string | undefined, demoDir: string): string {
  if (!databaseUrl) return `embedded:${path.join(demoDir, 'data')}`;
  const url = new URL(databaseUrl);
  url.password = '';
  return url.toString();
}

/** Whether a database already holds Tsunagi's tables. */
export async function holdsTsunagiData(databaseUrl: string): Promise<boolean> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<Array<{ found: boolean }>>`select to_regclass('public.cases') is not null as found`;
    return Boolean(row?.found);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Empties the demo's database: the embedded one is removed whole; an external one loses the bot's and the queues' schemas. */
export async function wipeDatabase(databaseUrl: string | undefined, demoDir: string): Promise<void> {
  if (!databaseUrl) {
    await fs.rm(path.join(demoDir, 'data'), { recursive: true, force: true });
    return;
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('drop schema if exists drizzle cascade; drop schema if exists bullmq cascade; drop schema public cascade; create schema public');
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Deletes the demo's queue keys (its own prefix) from Redis. */
export async function wipeRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
