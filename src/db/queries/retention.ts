import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { RetentionStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { auditLog } from '../schema/audit-log.js';
import { caseChoices, heldMessages } from '../schema/case-choices.js';
import { cases } from '../schema/cases.js';
import { contacts } from '../schema/contacts.js';
import { inviteAttempts } from '../schema/invite-attempts.js';
import { invites } from '../schema/invites.js';
import { unsentLineMessages } from '../schema/unsent-line-messages.js';
import { afterHoursReplies } from '../schema/urgent.js';
import { deleteOldInboundEvents, scrubFailedInboundEvents } from './inbound-events.js';

/** Queries of the retention job (retention/apply-retention.ts): each is safe to run again. */

/** Closed cases closed before `closedBefore`, oldest first. */
export async function closedCasesDue(db: Db, closedBefore: Date, limit = 200): Promise<Array<{ id: number; code: string }>> {
  return db
    .select({ id: cases.id, code: cases.code })
    .from(cases)
    .where(and(eq(cases.status, 'closed'), lt(cases.closedAt, closedBefore)))
    .orderBy(asc(cases.closedAt))
    .limit(limit);
}

/**
 * Deletes a closed case and, through the foreign keys, everything of it: messages, records and
 * their versions, reminders and their pings, contacts (with their names), invites, case choices.
 * Its audit entries stay (their case id becomes null), so they first get the case code. One
 * `case.deleted` entry (code, closed at, deleted at; no names) is written in the same statement as
 * the deletion: when two runs race, only the one that deleted the case writes it.
 * Returns false when the case was not deleted (gone already, reopened, not due).
 */
export async function deleteClosedCase(
  db: Db,
  c: { id: number; code: string },
  o: { closedBefore: Date; now: Date; retentionYears: number },
): Promise<boolean> {
  await db
    .update(auditLog)
    .set({ details: sql`${auditLog.details} || jsonb_build_object('caseCode', ${c.code}::text)` })
    .where(and(eq(auditLog.caseId, c.id), sql`not ${auditLog.details} ? 'caseCode'`));
  // Raw parameters are not encoded by column here: instants go in as ISO strings.
  const now = o.now.toISOString();
  const rows = await db.execute<{ id: number }>(sql`
    with gone as (
      delete from ${cases}
      where ${and(eq(cases.id, c.id), eq(cases.status, 'closed'), lt(cases.closedAt, o.closedBefore))}
      returning ${cases.id} as id, ${cases.code} as code, ${cases.closedAt} as closed_at
    )
    insert into ${auditLog} (actor_type, action, details, at)
    select 'system', 'case.deleted',
      jsonb_build_object('caseId', gone.id, 'code', gone.code, 'closedAt', gone.closed_at, 'deletedAt', ${now}::timestamptz,
        'retentionYears', ${o.retentionYears}::int, 'reason', 'retention'),
      ${now}::timestamptz
    from gone
    returning id`);
  return rows.length > 0;
}

/** Links nobody agreed to (waiting for consent, declined) unchanged since `before`: deleted, names included. */
export async function deleteUnconsentedContacts(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(contacts)
    .where(and(inArray(contacts.status, ['pending_consent', 'declined']), lt(contacts.updatedAt, before)))
    .returning({ id: contacts.id });
  return rows.length;
}

/** Messages held for a "which case?" answer that can never come: the sender has no agreed link left. */
export async function deleteStrandedHeldMessages(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(heldMessages)
    .where(
      and(
        lt(heldMessages.createdAt, before),
        sql`not exists (select 1 from ${contacts} where ${contacts.lineUserId} = ${heldMessages.lineUserId} and ${contacts.status} = 'active')`,
      ),
    )
    .returning({ id: heldMessages.id });
  return rows.length;
}

/** Case choices past their expiry: nothing reads them any more. */
export async function deleteExpiredCaseChoices(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(caseChoices).where(lt(caseChoices.expiresAt, now)).returning({ lineUserId: caseChoices.lineUserId });
  return rows.length;
}

/** Link code attempts older than `before` (the limit counts the last hour only). */
export async function deleteInviteAttempts(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(inviteAttempts).where(lt(inviteAttempts.at, before)).returning({ id: inviteAttempts.id });
  return rows.length;
}

/** Invites that expired before `before`, used or not (a used one names its LINE user). */
export async function deleteExpiredInvites(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(invites).where(lt(invites.expiresAt, before)).returning({ id: invites.id });
  return rows.length;
}

/**
 * Audit entries older than `before` by LINE users who have no link left keep their action, time
 * and case, and lose the LINE user id.
 */
export async function forgetUnlinkedAuditActors(db: Db, before: Date): Promise<number> {
  const rows = await db
    .update(auditLog)
    .set({ actorId: null })
    .where(
      and(
        eq(auditLog.actorType, 'line_user'),
        isNotNull(auditLog.actorId),
        lt(auditLog.at, before),
        sql`not exists (select 1 from ${contacts} where ${contacts.lineUserId} = ${auditLog.actorId})`,
      ),
    )
    .returning({ id: auditLog.id });
  return rows.length;
}

/** Withdrawn LINE message ids older than `before`: redeliveries of their messages stopped long ago. */
export async function deleteOldUnsent(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(unsentLineMessages).where(lt(unsentLineMessages.createdAt, before)).returning({ id: unsentLineMessages.lineMessageId });
  return rows.length;
}

/** The retention store (core/ports/store.ts) on PostgreSQL. */
export function retentionStore(db: Db): RetentionStore {
  return {
    closedCasesDue: (closedBefore, limit) => closedCasesDue(db, closedBefore, limit),
    deleteClosedCase: (c, o) => deleteClosedCase(db, c, o),
    deleteUnconsentedContacts: (before) => deleteUnconsentedContacts(db, before),
    deleteStrandedHeldMessages: (before) => deleteStrandedHeldMessages(db, before),
    deleteExpiredCaseChoices: (now) => deleteExpiredCaseChoices(db, now),
    deleteInviteAttempts: (before) => deleteInviteAttempts(db, before),
    deleteExpiredInvites: (before) => deleteExpiredInvites(db, before),
    forgetUnlinkedAuditActors: (before) => forgetUnlinkedAuditActors(db, before),
    scrubFailedInboundEvents: (failedBefore) => scrubFailedInboundEvents(db, failedBefore),
    deleteOldInboundEvents: (cutoffs) => deleteOldInboundEvents(db, cutoffs),
    deleteOldUnsent: (before) => deleteOldUnsent(db, before),
    deleteAfterHoursAnswers: async (before) =>
      (await db.delete(afterHoursReplies).where(lt(afterHoursReplies.sentAt, before)).returning({ lineUserId: afterHoursReplies.lineUserId })).length,
  };
}
