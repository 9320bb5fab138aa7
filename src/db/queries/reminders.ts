import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ReminderScope, ReminderStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { digestRuns, reminderPings, reminders } from '../schema/reminders.js';

const scopeOf = (scope: ReminderScope): SQL | undefined => {
  if ('reminderId' in scope) return eq(reminders.id, scope.reminderId);
  if ('sourceRecordId' in scope) return eq(reminders.sourceRecordId, scope.sourceRecordId);
  return scope.rule === undefined ? eq(reminders.caseId, scope.caseId) : and(eq(reminders.caseId, scope.caseId), eq(reminders.rule, scope.rule));
};

/** Reminders, their pings and the morning digests (core/ports/store.ts) on PostgreSQL. */
export function reminderStore(db: Db): ReminderStore {
  return {
    async insert(values) {
      const [row] = await db.insert(reminders).values(values).onConflictDoNothing({ target: reminders.idempotencyKey }).returning();
      if (row) return { reminder: row, created: true };
      const [existing] = await db.select().from(reminders).where(eq(reminders.idempotencyKey, values.idempotencyKey));
      if (!existing) throw new Error('reminder vanished after a conflicting insert');
      return { reminder: existing, created: false };
    },
    byId: async (id) => (await db.select().from(reminders).where(eq(reminders.id, id)))[0],
    update: async (id, values) => (await db.update(reminders).set(values).where(eq(reminders.id, id)).returning())[0],
    openOfCase: (caseId, limit = 20) =>
      db
        .select()
        .from(reminders)
        .where(and(eq(reminders.caseId, caseId), eq(reminders.status, 'open')))
        .orderBy(asc(reminders.dueAt), asc(reminders.id))
        .limit(limit),
    openDueBy: (lastDay) =>
      db
        .select()
        .from(reminders)
        .where(and(eq(reminders.status, 'open'), lte(reminders.dueDay, lastDay)))
        .orderBy(asc(reminders.dueAt), asc(reminders.id)),

    /** Cancels the open reminders in `scope` and their pending pings, in one transaction. */
    cancelOpen(scope) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(reminders)
          .set({ status: 'cancelled' })
          .where(and(eq(reminders.status, 'open'), scopeOf(scope)))
          .returning({ id: reminders.id, caseId: reminders.caseId });
        if (rows.length > 0) {
          await tx
            .update(reminderPings)
            .set({ status: 'cancelled' })
            .where(
              and(
                inArray(
                  reminderPings.reminderId,
                  rows.map((r) => r.id),
                ),
                eq(reminderPings.status, 'pending'),
              ),
            );
        }
        return rows;
      });
    },

    /** Adds pings (a ping already planned at the same moment is kept as it is). Returns the pending ones of the reminder. */
    async addPings(reminderId, pings) {
      if (pings.length > 0) {
        await db
          .insert(reminderPings)
          .values(pings.map((p) => ({ reminderId, kind: p.kind, label: p.label, fireAt: p.fireAt, shiftReason: p.shiftReason ?? null })))
          .onConflictDoNothing({ target: [reminderPings.reminderId, reminderPings.kind, reminderPings.fireAt] });
      }
      return db
        .select()
        .from(reminderPings)
        .where(and(eq(reminderPings.reminderId, reminderId), eq(reminderPings.status, 'pending')))
        .orderBy(asc(reminderPings.fireAt));
    },

    async cancelPendingPings(reminderId, kinds = ['lead', 'escalation']) {
      await db
        .update(reminderPings)
        .set({ status: 'cancelled' })
        .where(and(eq(reminderPings.reminderId, reminderId), eq(reminderPings.status, 'pending'), inArray(reminderPings.kind, kinds)));
    },

    ping: async (id) => (await db.select().from(reminderPings).where(eq(reminderPings.id, id)))[0],

    /**
     * Takes a due ping for sending. Only one worker (of any replica) gets it; a claim older than
     * `staleAfterSec` (its worker died) may be taken over.
     */
    async claimPing(id, staleAfterSec) {
      const [row] = await db
        .update(reminderPings)
        .set({ claimedAt: sql`now()` })
        .where(
          and(
            eq(reminderPings.id, id),
            eq(reminderPings.status, 'pending'),
            or(isNull(reminderPings.claimedAt), lt(reminderPings.claimedAt, sql`now() - make_interval(secs => ${staleAfterSec})`)),
          ),
        )
        .returning();
      return row;
    },

    async updatePing(id, values) {
      await db.update(reminderPings).set(values).where(eq(reminderPings.id, id));
    },
    pendingPings: (limit = 5000) => db.select().from(reminderPings).where(eq(reminderPings.status, 'pending')).orderBy(asc(reminderPings.fireAt)).limit(limit),
    pingsOf: (reminderId) => db.select().from(reminderPings).where(eq(reminderPings.reminderId, reminderId)).orderBy(asc(reminderPings.fireAt)),
    async hasEscalation(reminderId) {
      const rows = await db
        .select({ id: reminderPings.id })
        .from(reminderPings)
        .where(and(eq(reminderPings.reminderId, reminderId), eq(reminderPings.kind, 'escalation')))
        .limit(1);
      return rows.length > 0;
    },

    /**
     * Takes the day's digest for one person: a new claim, or an earlier claim that never finished and
     * is older than `staleAfterSec` (its worker died). Undefined when it is sent or busy.
     */
    async claimDigest(day, userId, staleAfterSec) {
      const [fresh] = await db.insert(digestRuns).values({ day, userId }).onConflictDoNothing().returning();
      if (fresh) return { resumed: false, claimedAt: fresh.claimedAt };
      const [stale] = await db
        .update(digestRuns)
        .set({ claimedAt: sql`now()` })
        .where(
          and(
            eq(digestRuns.day, day),
            eq(digestRuns.userId, userId),
            isNull(digestRuns.sentAt),
            lt(digestRuns.claimedAt, sql`now() - make_interval(secs => ${staleAfterSec})`),
          ),
        )
        .returning();
      return stale ? { resumed: true, claimedAt: stale.claimedAt } : undefined;
    },

    async updateDigest(day, userId, values) {
      const { startedAt, noAnswerAt, ...rest } = values;
      await db
        .update(digestRuns)
        .set({ ...rest, ...(startedAt ? { dmStartedAt: startedAt } : {}), ...(noAnswerAt ? { dmNoAnswerAt: noAnswerAt } : {}) })
        .where(and(eq(digestRuns.day, day), eq(digestRuns.userId, userId)));
    },

    async digest(day, userId) {
      const [row] = await db
        .select({ startedAt: digestRuns.dmStartedAt, noAnswerAt: digestRuns.dmNoAnswerAt })
        .from(digestRuns)
        .where(and(eq(digestRuns.day, day), eq(digestRuns.userId, userId)));
      return row;
    },
  };
}
