import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CaseStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { preparedFor } from '../prepared.js';
import { cases } from '../schema/cases.js';

/** A case by id: read for every thread post (see prepared.ts). */
const byIdStatement = preparedFor((db) =>
  db
    .select()
    .from(cases)
    .where(eq(cases.id, sql.placeholder('id')))
    .prepare('case_by_id'),
);

/** The case store (core/ports/store.ts) on PostgreSQL. Codes come from a sequence: never reused. */
export function caseStore(db: Db): CaseStore {
  const byId = byIdStatement(db);
  return {
    async create(values) {
      const [row] = await db
        .insert(cases)
        .values({ ...values, code: sql`'C-' || lpad(nextval('case_code_seq')::text, 4, '0')` })
        .returning();
      if (!row) throw new Error('insert into cases returned nothing');
      return row;
    },
    async setThread(caseId, threadTs) {
      await db.update(cases).set({ slackThreadTs: threadTs }).where(eq(cases.id, caseId));
    },
    async delete(caseId) {
      await db.delete(cases).where(eq(cases.id, caseId));
    },
    byId: async (id) => (await byId.execute({ id }))[0],
    byCode: async (code) => (await db.select().from(cases).where(eq(cases.code, code)))[0],
    byThread: async (channelId, threadTs) =>
      (
        await db
          .select()
          .from(cases)
          .where(and(eq(cases.slackChannelId, channelId), eq(cases.slackThreadTs, threadTs)))
      )[0],
    byIds: async (ids) =>
      ids.length === 0
        ? []
        : db
            .select()
            .from(cases)
            .where(inArray(cases.id, [...ids])),
    inChannel: (channelId, includeClosed) =>
      db
        .select()
        .from(cases)
        .where(includeClosed ? eq(cases.slackChannelId, channelId) : and(eq(cases.slackChannelId, channelId), eq(cases.status, 'open')))
        .orderBy(asc(cases.id)),
    async close(caseId, at) {
      const rows = await db
        .update(cases)
        .set({ status: 'closed', closedAt: at })
        .where(and(eq(cases.id, caseId), eq(cases.status, 'open')))
        .returning({ id: cases.id });
      return rows.length > 0;
    },
    update: async (id, values) => (await db.update(cases).set(values).where(eq(cases.id, id)).returning())[0],
  };
}
