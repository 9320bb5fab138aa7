import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { cancelPendingPings } from '../db/queries/reminders.js';
import { reminders } from '../db/schema/reminders.js';

/** Cancels a case's open reminders of one rule (a new monitoring date replaces the old one). */
export async function cancelOpenReminders(ctx: AppContext, caseId: number, rule: string, actor: string): Promise<number> {
  const rows = await ctx.db
    .update(reminders)
    .set({ status: 'cancelled' })
    .where(and(eq(reminders.caseId, caseId), eq(reminders.rule, rule), eq(reminders.status, 'open')))
    .returning({ id: reminders.id });
  for (const { id } of rows) {
    await cancelPendingPings(ctx.db, id);
    await audit(ctx.db, { actorType: actor === 'system' ? 'system' : 'slack_user', actorId: actor, action: 'reminder.cancelled', caseId, details: { reminderId: id, replaced: true } });
  }
  return rows.length;
}
