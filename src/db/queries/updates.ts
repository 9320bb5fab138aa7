import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { updates, updateVersions, type NewUpdate, type UpdateRow } from '../schema/updates.js';

export type UpdateFields = Omit<NewUpdate, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'cardMessageId'>;
type EditableFields = Pick<UpdateRow, 'category' | 'contactKind' | 'occurredAt' | 'place' | 'attendees' | 'body' | 'fsoaip' | 'nextStep' | 'nextStepDate'>;

const snapshot = (row: UpdateRow): Record<string, unknown> => ({
  category: row.category,
  contactKind: row.contactKind,
  occurredAt: row.occurredAt.toISOString(),
  place: row.place,
  attendees: row.attendees,
  body: row.body,
  fsoaip: row.fsoaip,
  nextStep: row.nextStep,
  nextStepDate: row.nextStepDate,
});

/** Stores a record and its first version. Idempotent on `idempotencyKey` (a double submit records once). */
export async function createUpdate(db: Db, values: UpdateFields): Promise<{ update: UpdateRow; created: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(updates).values(values).onConflictDoNothing({ target: updates.idempotencyKey }).returning();
    if (!row) {
      const [existing] = await tx.select().from(updates).where(eq(updates.idempotencyKey, values.idempotencyKey));
      if (!existing) throw new Error('record vanished after a conflicting insert');
      return { update: existing, created: false };
    }
    await tx.insert(updateVersions).values({ updateId: row.id, version: 1, snapshot: snapshot(row), editedBy: values.authorUserId });
    return { update: row, created: true };
  });
}

/**
 * Saves an edit as the next version (the previous ones stay in update_versions). `expectedVersion`
 * guards against two edits of the same version: the second one changes nothing and gets undefined.
 */
export async function editUpdate(db: Db, id: number, expectedVersion: number, fields: EditableFields, editedBy: string): Promise<UpdateRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(updates)
      .set({ ...fields, version: sql`${updates.version} + 1` })
      .where(and(eq(updates.id, id), eq(updates.version, expectedVersion)))
      .returning();
    if (!row) return undefined;
    await tx.insert(updateVersions).values({ updateId: id, version: row.version, snapshot: snapshot(row), editedBy });
    return row;
  });
}

export async function findUpdateById(db: Db, id: number): Promise<UpdateRow | undefined> {
  const [row] = await db.select().from(updates).where(eq(updates.id, id));
  return row;
}

export async function setUpdateCard(db: Db, id: number, cardMessageId: number): Promise<void> {
  await db.update(updates).set({ cardMessageId }).where(eq(updates.id, id));
}

export async function latestUpdatesOfCase(db: Db, caseId: number, limit: number): Promise<UpdateRow[]> {
  return db.select().from(updates).where(eq(updates.caseId, caseId)).orderBy(desc(updates.occurredAt), desc(updates.id)).limit(limit);
}

/** A case's records in time order, optionally from `from` (inclusive) to `to` (exclusive). */
export async function updatesOfCase(db: Db, caseId: number, range: { from?: Date; to?: Date } = {}): Promise<UpdateRow[]> {
  return db
    .select()
    .from(updates)
    .where(
      and(
        eq(updates.caseId, caseId),
        range.from ? gte(updates.occurredAt, range.from) : undefined,
        range.to ? lt(updates.occurredAt, range.to) : undefined,
      ),
    )
    .orderBy(asc(updates.occurredAt), asc(updates.id));
}

export async function versionsOfUpdate(db: Db, id: number) {
  return db.select().from(updateVersions).where(eq(updateVersions.updateId, id)).orderBy(asc(updateVersions.version));
}
