import type postgres from 'postgres';

/** Namespace of the per-LINE-user advisory locks (the first key of the two-key form). */
const USER_LOCK_SPACE = 0x6c75; // "lu"

/**
 * Runs `fn` holding a LINE user's session advisory lock on a reserved connection: one person's events
 * are handled one at a time, by whichever worker or replica. The key is the user id's hash (a
 * collision only makes two people wait for each other).
 */
export async function withUserLock<T>(sql: postgres.Sql, lineUserId: string, fn: () => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${USER_LOCK_SPACE}, hashtext(${lineUserId}))`;
    try {
      return await fn();
    } finally {
      await conn`select pg_advisory_unlock(${USER_LOCK_SPACE}, hashtext(${lineUserId}))`;
    }
  } finally {
    conn.release();
  }
}
