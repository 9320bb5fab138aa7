import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { caseChoices, heldMessages } from '../schema/case-choices.js';

export async function currentCaseChoice(db: Db, lineUserId: string, now: Date): Promise<number | undefined> {
  const [row] = await db
    .select({ caseId: caseChoices.caseId })
    .from(caseChoices)
    .where(and(eq(caseChoices.lineUserId, lineUserId), gt(caseChoices.expiresAt, now)));
  return row?.caseId;
}

export async function rememberCaseChoice(db: Db, lineUserId: string, caseId: number, expiresAt: Date): Promise<void> {
  await db
    .insert(caseChoices)
    .values({ lineUserId, caseId, expiresAt })
    .onConflictDoUpdate({ target: caseChoices.lineUserId, set: { caseId, expiresAt } });
}

export async function holdMessage(db: Db, lineUserId: string, inboundEventId: number): Promise<void> {
  await db.insert(heldMessages).values({ lineUserId, inboundEventId }).onConflictDoNothing();
}

export async function heldMessagesOf(db: Db, lineUserId: string): Promise<Array<{ id: number; inboundEventId: number }>> {
  return db
    .select({ id: heldMessages.id, inboundEventId: heldMessages.inboundEventId })
    .from(heldMessages)
    .where(eq(heldMessages.lineUserId, lineUserId))
    .orderBy(asc(heldMessages.id));
}

export async function releaseHeldMessage(db: Db, id: number): Promise<void> {
  await db.delete(heldMessages).where(eq(heldMessages.id, id));
}
