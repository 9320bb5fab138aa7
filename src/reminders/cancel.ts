import { and, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { cancelPendingPings } from '../db/queries/reminders.js';
import { reminders } from '../db/schema/reminders.js';

/** Cancels a case's open reminders of one rule (a new monitoring date replaces the old one). */
export async function cancelOpenReminders(ctx: AppContext, caseId: number, rule: string, actor: string): Promise<number> {
  return cancelWhere(ctx, caseId, actor, eq(reminders.rule, rule));
}

/** Cancels every open reminder of a case (the case was closed). */
export async function cancelAllOpenReminders(ctx: AppContext, caseId: number, actor: string): Promise<number> {
  return cancelWhere(ctx, caseId, actor);
}

async function cancelWhere(ctx: AppContext, caseId: number, actor: string, extra?: SQL): Promise<number> {
  const rows = await ctx.db
    .update(reminders)
    .set({ status: 'cancelled' })
    .where(and(eq(reminders.caseId, caseId), eq(reminders.status, 'open'), extra))
    .returning({ id: reminders.id });
  for (const { id } of rows) {
    await cancelPendingPings(ctx.db, id);
    await audit(ctx.db, { actorType: actor === 'system' ? 'system' : 'slack_user', actorId: actor, action: 'reminder.cancelled', caseId, details: { reminderId: id } });
  }
  return rows.length;
}
