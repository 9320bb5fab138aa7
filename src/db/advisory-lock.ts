import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import type { Locks } from '../core/ports/locks.js';

/** Namespaces of the two-key advisory locks (the first key), one per kind of thing locked. */
export const LOCK_SPACES = {
  /** One case thread is posted to by one worker at a time. */
  caseThread: 0x7473, // "ts"
  /** One LINE user's events are handled one at a time. */
  lineUser: 0x6c75, // "lu"
} as const;

/**
 * Runs `fn` holding a session advisory lock on a reserved connection of `sql`, whichever worker or
 * replica asks. A string key is hashed (a collision only makes two keys wait for each other).
 */
export async function withAdvisoryLock<T>(sql: postgres.Sql, space: number, key: number | string, fn: () => Promise<T>): Promise<T> {
  const second = typeof key === 'number' ? key : createHash('sha256').update(key).digest().readInt32BE(0);
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${space}, ${second})`;
    try {
      return await fn();
    } finally {
      await conn`select pg_advisory_unlock(${space}, ${second})`;
    }
  } finally {
    conn.release();
  }
}

/**
 * Runs `fn` holding the lock if nobody holds it now (pg_try_advisory_lock); otherwise runs nothing and
 * resolves `{ ran: false }` at once.
 */
export async function withAdvisoryLockIfFree<T>(
  sql: postgres.Sql,
  space: number,
  key: number | string,
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const second = typeof key === 'number' ? key : createHash('sha256').update(key).digest().readInt32BE(0);
  const conn = await sql.reserve();
  try {
    const [row] = await conn<Array<{ got: boolean }>>`select pg_try_advisory_lock(${space}, ${second}) as got`;
    if (!row?.got) return { ran: false };
    try {
      return { ran: true, value: await fn() };
    } finally {
      await conn`select pg_advisory_unlock(${space}, ${second})`;
    }
  } finally {
    conn.release();
  }
}

/** The core's locks (core/ports/locks.ts) as PostgreSQL advisory locks on a pool of their own. */
export function createLocks(sql: postgres.Sql): Locks {
  return {
    caseThread: (caseId, work) => withAdvisoryLock(sql, LOCK_SPACES.caseThread, caseId, work),
    caseThreadIfFree: (caseId, work) => withAdvisoryLockIfFree(sql, LOCK_SPACES.caseThread, caseId, work),
    linePerson: (lineUserId, work) => withAdvisoryLock(sql, LOCK_SPACES.lineUser, lineUserId, work),
  };
}
