import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { digestRuns, reminderPings, reminders, type NewReminder, type ReminderPingRow, type ReminderRow } from '../schema/reminders.js';

/** Stores a reminder; idempotent on `idempotencyKey` (a repeated command or job creates it once). */
export async function insertReminder(db: Db, values: NewReminder): Promise<{ reminder: ReminderRow; created: boolean }> {
  const [row] = await db.insert(reminders).values(values).onConflictDoNothing({ target: reminders.idempotencyKey }).returning();
  if (row) return { reminder: row, created: true };
  const [existing] = await db.select().from(reminders).where(eq(reminders.idempotencyKey, values.idempotencyKey));
  if (!existing) throw new Error('reminder vanished after a conflicting insert');
  return { reminder: existing, created: false };
}

export async function findReminder(db: Db, id: number): Promise<ReminderRow | undefined> {
  const [row] = await db.select().from(reminders).where(eq(reminders.id, id));
  return row;
}

export async function updateReminder(db: Db, id: number, values: Partial<Omit<ReminderRow, 'id' | 'caseId'>>): Promise<ReminderRow | undefined> {
  const [row] = await db.update(reminders).set(values).where(eq(reminders.id, id)).returning();
  return row;
}

/** Open reminders of a case, soonest first. */
export async function openRemindersOfCase(db: Db, caseId: number, limit = 20): Promise<ReminderRow[]> {
  return db
    .select()
    .from(reminders)
    .where(and(eq(reminders.caseId, caseId), eq(reminders.status, 'open')))
    .orderBy(asc(reminders.dueAt), asc(reminders.id))
    .limit(limit);
}

/** Open reminders due on or before `lastDay` (overdue ones included), for the digests. */
export async function openRemindersDueBy(db: Db, lastDay: string): Promise<ReminderRow[]> {
  return db
    .select()
    .from(reminders)
    .where(and(eq(reminders.status, 'open'), lte(reminders.dueDay, lastDay)))
    .orderBy(asc(reminders.dueAt), asc(reminders.id));
}

/** Adds pings (a ping already planned at the same moment is kept as it is). Returns the pending ones of the reminder. */
export async function insertPings(
  db: Db,
  reminderId: number,
  pings: Array<{ kind: 'lead' | 'escalation'; label: string; fireAt: Date; shiftReason?: string | null }>,
): Promise<ReminderPingRow[]> {
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
}

/** Cancels a reminder's pending pings (all, or only lead pings). */
export async function cancelPendingPings(db: Db, reminderId: number, kinds: Array<'lead' | 'escalation'> = ['lead', 'escalation']): Promise<void> {
  await db
    .update(reminderPings)
    .set({ status: 'cancelled' })
    .where(and(eq(reminderPings.reminderId, reminderId), eq(reminderPings.status, 'pending'), inArray(reminderPings.kind, kinds)));
}

export async function findPing(db: Db, id: number): Promise<ReminderPingRow | undefined> {
  const [row] = await db.select().from(reminderPings).where(eq(reminderPings.id, id));
  return row;
}

/**
 * Takes a due ping for sending. Only one worker (of any replica) gets it; a claim older than
 * `staleAfterSec` (its worker died) may be taken over.
 */
export async function claimPing(db: Db, id: number, staleAfterSec: number): Promise<ReminderPingRow | undefined> {
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
}

export async function updatePing(db: Db, id: number, values: Partial<Omit<ReminderPingRow, 'id' | 'reminderId'>>): Promise<void> {
  await db.update(reminderPings).set(values).where(eq(reminderPings.id, id));
}

export async function pendingPings(db: Db, limit = 5000): Promise<ReminderPingRow[]> {
  return db.select().from(reminderPings).where(eq(reminderPings.status, 'pending')).orderBy(asc(reminderPings.fireAt)).limit(limit);
}

export async function pingsOfReminder(db: Db, reminderId: number): Promise<ReminderPingRow[]> {
  return db.select().from(reminderPings).where(eq(reminderPings.reminderId, reminderId)).orderBy(asc(reminderPings.fireAt));
}

export async function hasEscalation(db: Db, reminderId: number): Promise<boolean> {
  const rows = await db
    .select({ id: reminderPings.id })
    .from(reminderPings)
    .where(and(eq(reminderPings.reminderId, reminderId), eq(reminderPings.kind, 'escalation')))
    .limit(1);
  return rows.length > 0;
}

/**
 * Takes the day's digest for one person: a new claim, or an earlier claim that never finished and is
 * older than `staleAfterSec` (its worker died). Returns the claim, or undefined when it is sent or busy.
 */
export async function claimDigest(db: Db, day: string, userId: string, staleAfterSec: number): Promise<{ resumed: boolean; dmChannelId: string | null; claimedAt: Date } | undefined> {
  const [fresh] = await db.insert(digestRuns).values({ day, userId }).onConflictDoNothing().returning();
  if (fresh) return { resumed: false, dmChannelId: null, claimedAt: fresh.claimedAt };
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
  return stale ? { resumed: true, dmChannelId: stale.dmChannelId, claimedAt: stale.claimedAt } : undefined;
}

export async function updateDigest(db: Db, day: string, userId: string, values: { dmChannelId?: string; dmTs?: string; sentAt?: Date }): Promise<void> {
  await db.update(digestRuns).set(values).where(and(eq(digestRuns.day, day), eq(digestRuns.userId, userId)));
}
