import { and, eq, isNull, lt } from 'drizzle-orm';
import type { QuotaWarning, QuotaWarningStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { quotaWarnings } from '../schema/quota-warnings.js';

const columns = {
  month: quotaWarnings.month,
  threshold: quotaWarnings.threshold,
  userId: quotaWarnings.userId,
  used: quotaWarnings.used,
  limit: quotaWarnings.quotaLimit,
  startedAt: quotaWarnings.startedAt,
  noAnswerAt: quotaWarnings.noAnswerAt,
};

/** The admins' warnings about LINE's monthly quota (core/ports/store.ts) on PostgreSQL: the primary key makes each one once. */
export function quotaWarningStore(db: Db): QuotaWarningStore {
  return {
    async claim(rows, at, sent) {
      if (rows.length === 0) return [];
      return db
        .insert(quotaWarnings)
        .values(
          rows.map((r) => ({
            month: r.month,
            threshold: r.threshold,
            userId: r.userId,
            used: r.used,
            quotaLimit: r.limit,
            claimedAt: at,
            sentAt: sent ? at : null,
          })),
        )
        .onConflictDoNothing()
        .returning(columns);
    },
    async reclaim(month, staleBefore, at): Promise<QuotaWarning[]> {
      return db
        .update(quotaWarnings)
        .set({ claimedAt: at })
        .where(and(eq(quotaWarnings.month, month), isNull(quotaWarnings.sentAt), lt(quotaWarnings.claimedAt, staleBefore)))
        .returning(columns);
    },
    async update(w, patch) {
      await db
        .update(quotaWarnings)
        .set(patch)
        .where(and(eq(quotaWarnings.month, w.month), eq(quotaWarnings.threshold, w.threshold), eq(quotaWarnings.userId, w.userId)));
    },
  };
}
