import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { CaseRecord } from '../../core/model/records.js';
import type { RecordStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { records, recordVersions } from '../schema/records.js';

const snapshot = (row: CaseRecord): Record<string, unknown> => ({
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

/** The record store (core/ports/store.ts) on PostgreSQL: every version of a record is kept. */
export function recordStore(db: Db): RecordStore {
  return {
    /** Stores a record and its first version. Idempotent on `idempotencyKey` (a double submit records once). */
    create(values) {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(records).values(values).onConflictDoNothing({ target: records.idempotencyKey }).returning();
        if (!row) {
          const [existing] = await tx.select().from(records).where(eq(records.idempotencyKey, values.idempotencyKey));
          if (!existing) throw new Error('record vanished after a conflicting insert');
          return { record: existing, created: false };
        }
        await tx.insert(recordVersions).values({ recordId: row.id, version: 1, snapshot: snapshot(row), editedBy: values.authorUserId });
        return { record: row, created: true };
      });
    },

    /** The next version, unless another edit of the same version came first (then undefined). */
    edit(id, expectedVersion, fields, editedBy) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(records)
          .set({ ...fields, version: sql`${records.version} + 1` })
          .where(and(eq(records.id, id), eq(records.version, expectedVersion)))
          .returning();
        if (!row) return undefined;
        await tx.insert(recordVersions).values({ recordId: id, version: row.version, snapshot: snapshot(row), editedBy });
        return row;
      });
    },

    byId: async (id) => (await db.select().from(records).where(eq(records.id, id)))[0],
    async setCard(id, cardMessageId) {
      await db.update(records).set({ cardMessageId }).where(eq(records.id, id));
    },
    latest: (caseId, limit) => db.select().from(records).where(eq(records.caseId, caseId)).orderBy(desc(records.occurredAt), desc(records.id)).limit(limit),
    ofCase: (caseId, range = {}) =>
      db
        .select()
        .from(records)
        .where(
          and(
            eq(records.caseId, caseId),
            range.from ? gte(records.occurredAt, range.from) : undefined,
            range.to ? lt(records.occurredAt, range.to) : undefined,
          ),
        )
        .orderBy(asc(records.occurredAt), asc(records.id)),
    versions: (id) => db.select().from(recordVersions).where(eq(recordVersions.recordId, id)).orderBy(asc(recordVersions.version)),
  };
}
