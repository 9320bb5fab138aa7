import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Logger } from '../lib/logger.js';

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Arbitrary constant shared by every replica (and npm run restore): "tsunagi" in ASCII. */
export const MIGRATION_LOCK_KEY = 0x7473756e616769n;

/**
 * Applies pending drizzle migrations. drizzle's migrator takes no lock, so the run is guarded by a
 * session advisory lock: replicas starting together wait for the first, then find nothing to do.
 */
export async function runMigrations(url: string, logger: Logger): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'tsunagi-migrate' } });
  try {
    const started = Date.now();
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    }
    logger.info({ ms: Date.now() - started }, 'database migrations applied');
  } finally {
    await sql.end({ timeout: 5 });
  }
}
