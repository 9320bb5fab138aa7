import { and, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { cancelPendingPings } from '../db/queries/reminders.js';
import { reminders } from '../db/schema/reminders.js';

/** Cancels one open reminder (staff: /case reminder N cancel). */
export function cancelReminder(ctx: AppContext, reminderId: number, actor: string): Promise<number> {
  return cancelOpen(ctx, actor, eq(reminders.id, reminderId));
}

/** Cancels a case's open reminders of one rule (a new monitoring date replaces the old one). */
export function cancelOpenReminders(ctx: AppContext, caseId: number, rule: string, actor: string): Promise<number> {
  return cancelOpen(ctx, actor, and(eq(reminders.caseId, caseId), eq(reminders.rule, rule)));
}

/** Cancels every open reminder of a case (the case was closed). */
export function cancelAllOpenReminders(ctx: AppContext, caseId: number, actor: string): Promise<number> {
  return cancelOpen(ctx, actor, eq(reminders.caseId, caseId));
}

/** Cancels the open reminders a record's next step created (the step was edited). */
export function cancelRemindersOfUpdate(ctx: AppContext, updateId: number, actor: string): Promise<number> {
  return cancelOpen(ctx, actor, eq(reminders.sourceUpdateId, updateId));
}

/** The one way reminders are cancelled: status, their pending pings, and the audit log. */
async function cancelOpen(ctx: AppContext, actor: string, which: SQL | undefined): Promise<number> {
  const rows = await ctx.db
    .update(reminders)
    .set({ status: 'cancelled' })
    .where(and(eq(reminders.status, 'open'), which))
    .returning({ id: reminders.id, caseId: reminders.caseId });
  for (const { id, caseId } of rows) {
    await cancelPendingPings(ctx.db, id);
    await audit(ctx.db, { actorType: actor === 'system' ? 'system' : 'slack_user', actorId: actor, action: 'reminder.cancelled', caseId, details: { reminderId: id } });
  }
  return rows.length;
}
