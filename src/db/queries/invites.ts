import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import type { ContactRole } from '../schema/contacts.js';
import { inviteAttempts } from '../schema/invite-attempts.js';
import { invites, type InviteRow } from '../schema/invites.js';

export async function createInvite(
  db: Db,
  values: { caseId: number; codeHash: string; role: ContactRole; relation: string | null; createdBy: string; expiresAt: Date },
): Promise<InviteRow> {
  const [row] = await db.insert(invites).values(values).returning();
  if (!row) throw new Error('insert into invites returned nothing');
  return row;
}

/**
 * Marks the invite used by this LINE user if it is unused and unexpired: single use even under
 * races. The same user redeeming it again (a retried job) gets it back unchanged.
 */
export async function redeemInvite(db: Db, codeHash: string, lineUserId: string, now: Date): Promise<InviteRow | undefined> {
  const [row] = await db
    .update(invites)
    .set({ usedAt: now, usedByLineUserId: lineUserId })
    .where(and(eq(invites.codeHash, codeHash), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .returning();
  if (row) return row;
  const [mine] = await db
    .select()
    .from(invites)
    .where(and(eq(invites.codeHash, codeHash), eq(invites.usedByLineUserId, lineUserId)));
  return mine;
}

export async function recordInviteAttempt(db: Db, lineUserId: string, success: boolean, at: Date): Promise<void> {
  await db.insert(inviteAttempts).values({ lineUserId, success, at });
}

export async function countFailedAttemptsSince(db: Db, lineUserId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(inviteAttempts)
    .where(and(eq(inviteAttempts.lineUserId, lineUserId), eq(inviteAttempts.success, false), gt(inviteAttempts.at, since)));
  return row?.n ?? 0;
}
