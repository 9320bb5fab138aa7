import type postgres from 'postgres';

/** Namespace of the per-case advisory locks (the first key of the two-key form). */
const CASE_LOCK_SPACE = 0x7473; // "ts"

/**
 * Runs `fn` while holding the case's session advisory lock on a reserved connection: posts into one
 * case thread never run concurrently, whichever worker or replica picked the job.
 */
export async function withCaseLock<T>(sql: postgres.Sql, caseId: number, fn: () => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${CASE_LOCK_SPACE}, ${caseId})`;
    try {
      return await fn();
    } finally {
      await conn`select pg_advisory_unlock(${CASE_LOCK_SPACE}, ${caseId})`;
    }
  } finally {
    conn.release();
  }
}
