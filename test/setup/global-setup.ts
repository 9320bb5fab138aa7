import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { createLogger } from '../../src/lib/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL on which test files create their own databases. */
    pgAdminUrl: string;
    /** REDIS_URL when set, else '' (queues then live on PostgreSQL). */
    redisUrl: string;
  }
}

/**
 * Once per run: PostgreSQL from DATABASE_URL if set, else an embedded PostgreSQL in a temporary
 * directory; Redis from REDIS_URL if set, else none (BullMQ's PostgreSQL backend).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redisUrl = process.env.REDIS_URL ?? '';
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    project.provide('pgAdminUrl', databaseUrl);
    project.provide('redisUrl', redisUrl);
    return async () => {};
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-test-pg-'));
  const embedded = await startEmbeddedDatabase(dir, createLogger('warn'));
  project.provide('pgAdminUrl', embedded.url);
  project.provide('redisUrl', redisUrl);
  return async () => {
    await embedded.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}
