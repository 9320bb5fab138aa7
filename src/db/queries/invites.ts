import { and, count, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
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

/** What a code presented by a LINE user turned out to be. */
export type Redemption =
  /** Unused and unexpired, now used by this event; or already used by this very event (a retried job). */
  | { outcome: 'redeemed'; invite: InviteRow }
  /** Used earlier by this same LINE user, through another event (they sent their code again). */
  | { outcome: 'used_by_sender'; invite: InviteRow }
  /** No such code, expired, or used by someone else: a wrong code. */
  | { outcome: 'invalid' };

/**
 * Marks the invite stored under one of `codeHashes` used by this LINE event, if it is unused and
 * unexpired: single use even under races. Idempotency is keyed on the inbound event, not on the user:
 * a retried job of the event that used the code gets it back; any other event presenting a used code
 * does not redeem it (an unlinked person cannot come back with their old code).
 */
export async function redeemInvite(
  db: Db,
  codeHashes: readonly string[],
  by: { lineUserId: string; inboundEventId: number },
  now: Date,
): Promise<Redemption> {
  if (codeHashes.length === 0) return { outcome: 'invalid' };
  const [row] = await db
    .update(invites)
    .set({ usedAt: now, usedByLineUserId: by.lineUserId, usedByInboundEventId: by.inboundEventId })
    .where(and(inArray(invites.codeHash, [...codeHashes]), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .returning();
  if (row) return { outcome: 'redeemed', invite: row };
  const [used] = await db
    .select()
    .from(invites)
    .where(and(inArray(invites.codeHash, [...codeHashes]), isNotNull(invites.usedAt)));
  if (used?.usedByInboundEventId === by.inboundEventId) return { outcome: 'redeemed', invite: used };
  if (used?.usedByLineUserId === by.lineUserId) return { outcome: 'used_by_sender', invite: used };
  return { outcome: 'invalid' };
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
