import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { UrgentStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { afterHoursReplies, urgentAlerts, urgentDms } from '../schema/urgent.js';

/** Urgent messages and the out-of-hours answers' period (core/ports/store.ts) on PostgreSQL. */
export function urgentStore(db: Db): UrgentStore {
  const byId = async (id: number) => (await db.select().from(urgentAlerts).where(eq(urgentAlerts.id, id)))[0];
  return {
    async create(values) {
      const [row] = await db.insert(urgentAlerts).values(values).onConflictDoNothing({ target: urgentAlerts.messageId }).returning();
      if (row) return row;
      const [existing] = await db.select().from(urgentAlerts).where(eq(urgentAlerts.messageId, values.messageId));
      if (!existing) throw new Error('urgent alert vanished after a conflicting insert');
      return existing;
    },
    byId,
    byMessage: async (messageId) => (await db.select().from(urgentAlerts).where(eq(urgentAlerts.messageId, messageId)))[0],
    async markNotified(id, at) {
      await db
        .update(urgentAlerts)
        .set({ notifiedAt: at })
        .where(and(eq(urgentAlerts.id, id), isNull(urgentAlerts.notifiedAt)));
    },
    async setNote(id, noteMessageId) {
      await db.update(urgentAlerts).set({ noteMessageId }).where(eq(urgentAlerts.id, id));
    },
    async take(id, userId, at) {
      const [row] = await db
        .update(urgentAlerts)
        .set({ takenBy: userId, takenAt: at })
        .where(and(eq(urgentAlerts.id, id), isNull(urgentAlerts.takenBy)))
        .returning();
      return row;
    },
    async claimEscalation(id, at) {
      const [row] = await db
        .update(urgentAlerts)
        .set({ escalatedAt: at })
        .where(and(eq(urgentAlerts.id, id), isNull(urgentAlerts.takenBy), isNull(urgentAlerts.escalatedAt)))
        .returning();
      return row;
    },
    async owed(limit = 5000) {
      const notify = await db
        .select({ id: urgentAlerts.id })
        .from(urgentAlerts)
        .where(isNull(urgentAlerts.notifiedAt))
        .orderBy(asc(urgentAlerts.id))
        .limit(limit);
      const escalate = await db
        .select({ id: urgentAlerts.id, escalateAt: urgentAlerts.escalateAt })
        .from(urgentAlerts)
        .where(and(isNull(urgentAlerts.takenAt), isNull(urgentAlerts.escalatedAt)))
        .orderBy(asc(urgentAlerts.escalateAt))
        .limit(limit);
      return { notify, escalate };
    },
    async dm(alertId, kind, userId) {
      const [row] = await db.insert(urgentDms).values({ alertId, kind, userId }).onConflictDoNothing().returning();
      if (row) return row;
      const [existing] = await db
        .select()
        .from(urgentDms)
        .where(and(eq(urgentDms.alertId, alertId), eq(urgentDms.kind, kind), eq(urgentDms.userId, userId)));
      if (!existing) throw new Error('urgent DM vanished after a conflicting insert');
      return existing;
    },
    async updateDm(id, values) {
      await db.update(urgentDms).set(values).where(eq(urgentDms.id, id));
    },
    async claimAfterHoursAnswer(lineUserId, eventKey, at, periodHours) {
      const cutoff = new Date(at.getTime() - periodHours * 3600_000);
      const rows = await db
        .insert(afterHoursReplies)
        .values({ lineUserId, eventKey, sentAt: at })
        .onConflictDoUpdate({
          target: afterHoursReplies.lineUserId,
          set: {
            eventKey: sql`excluded.event_key`,
            sentAt: sql`case when ${afterHoursReplies.eventKey} = excluded.event_key then ${afterHoursReplies.sentAt} else excluded.sent_at end`,
          },
          setWhere: or(lt(afterHoursReplies.sentAt, cutoff), eq(afterHoursReplies.eventKey, eventKey)),
        })
        .returning({ lineUserId: afterHoursReplies.lineUserId });
      return rows.length > 0;
    },
    async releaseAfterHoursAnswer(lineUserId, eventKey) {
      await db.delete(afterHoursReplies).where(and(eq(afterHoursReplies.lineUserId, lineUserId), eq(afterHoursReplies.eventKey, eventKey)));
    },
  };
}
