/**
 * The databases and queue stores the bench gives the product and reads back: a fresh database on the
 * machine's PostgreSQL (services mode), the product's own embedded PostgreSQL (found from its data
 * directory), and a fresh Redis key prefix.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';

export const SERVICES_PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SERVICES_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function connect(url: string, max = 2): postgres.Sql {
  return postgres(url, { max, onnotice: () => {}, connection: { application_name: 'tsunagi-bench' } });
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = connect(adminUrl, 1);
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = connect(adminUrl, 1);
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** The embedded PostgreSQL the product started in `dataDir`: its postmaster's pid and the URL of the product's database. */
export async function embeddedServer(dataDir: string): Promise<{ pid: number; url: string }> {
  const pidFile = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  const lines = pidFile.split('\n');
  const password = (await fs.readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim();
  return { pid: Number(lines[0]), url: `postgres://tsunagi:${password}@127.0.0.1:${Number(lines[3])}/tsunagi` };
}

/** PostgreSQL's server version (e.g. "15.20"). */
export async function serverVersion(url: string): Promise<string> {
  const sql = connect(url, 1);
  try {
    const [row] = await sql<Array<{ server_version: string }>>`show server_version`;
    return row?.server_version ?? 'unknown';
  } finally {
    await sql.end();
  }
}

/** Bytes Redis needs for every key of `prefix` (MEMORY USAGE summed), and how many keys. */
export async function redisPrefixUsage(url: string, prefix: string): Promise<{ keys: number; bytes: number }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    let [cursor, keys, bytes] = ['0', 0, 0];
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      keys += batch.length;
      const pipeline = redis.pipeline();
      for (const key of batch) pipeline.memory('USAGE', key);
      for (const [, size] of (await pipeline.exec()) ?? []) bytes += Number(size ?? 0);
    } while (cursor !== '0');
    return { keys, bytes };
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys of `prefix` only (the machine's Redis is shared). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Redis: version, pid (for its CPU) and used_memory. */
export async function redisInfo(url: string): Promise<{ version: string; pid: number; usedMemory: number }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    const info = await redis.info();
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
    return { version: field('redis_version'), pid: Number(field('process_id')), usedMemory: Number(field('used_memory')) };
  } finally {
    redis.disconnect();
  }
}
