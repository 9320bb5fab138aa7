import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cases, type CaseRow } from '../schema/cases.js';

export async function createCase(
  db: Db,
  values: { label: string; service: string | null; slackChannelId: string; slackTeamId: string | null; responsibleUserId: string },
): Promise<CaseRow> {
  const [row] = await db
    .insert(cases)
    .values({ ...values, code: sql`'C-' || lpad(nextval('case_code_seq')::text, 4, '0')` })
    .returning();
  if (!row) throw new Error('insert into cases returned nothing');
  return row;
}

export async function setCaseThread(db: Db, caseId: number, threadTs: string): Promise<void> {
  await db.update(cases).set({ slackThreadTs: threadTs }).where(eq(cases.id, caseId));
}

export async function deleteCase(db: Db, caseId: number): Promise<void> {
  await db.delete(cases).where(eq(cases.id, caseId));
}

export async function findCaseByCode(db: Db, code: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.code, code));
  return row;
}

export async function findCaseById(db: Db, id: number): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row;
}

export async function findCaseByThread(db: Db, channelId: string, threadTs: string): Promise<CaseRow | undefined> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.slackChannelId, channelId), eq(cases.slackThreadTs, threadTs)));
  return row;
}

export async function listCasesInChannel(db: Db, channelId: string, includeClosed: boolean): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(includeClosed ? eq(cases.slackChannelId, channelId) : and(eq(cases.slackChannelId, channelId), eq(cases.status, 'open')))
    .orderBy(asc(cases.id));
}

export async function closeCase(db: Db, caseId: number): Promise<void> {
  await db.update(cases).set({ status: 'closed', closedAt: new Date() }).where(eq(cases.id, caseId));
}

export async function latestCases(db: Db, limit: number): Promise<CaseRow[]> {
  return db.select().from(cases).orderBy(desc(cases.id)).limit(limit);
}

export async function listCasesByIds(db: Db, ids: number[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(cases).where(inArray(cases.id, ids));
}

export async function updateCase(db: Db, id: number, values: Partial<Omit<CaseRow, 'id' | 'code'>>): Promise<CaseRow | undefined> {
  const [row] = await db.update(cases).set(values).where(eq(cases.id, id)).returning();
  return row;
}
