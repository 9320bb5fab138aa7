import type { AppContext } from '../context.js';
import { findCaseById } from '../db/queries/cases.js';
import { findPing, findReminder } from '../db/queries/reminders.js';
import { PermanentError } from '../queues/workers.js';
import { reminderPingPost } from '../slack/blocks/reminder-ping.js';
import type { ThreadPost } from '../slack/blocks/thread-message.js';

/** The case thread's copy of a ping, built when the thread flush posts it. */
export async function reminderPingThreadPost(ctx: AppContext, pingId: number): Promise<ThreadPost> {
  const ping = await findPing(ctx.db, pingId);
  const reminder = ping ? await findReminder(ctx.db, ping.reminderId) : undefined;
  const caseRow = reminder ? await findCaseById(ctx.db, reminder.caseId) : undefined;
  if (!ping || !reminder || !caseRow) throw new PermanentError('ping_missing', `ping ${pingId} no longer exists`);
  return reminderPingPost(reminder, caseRow, { label: ping.label, escalation: ping.kind === 'escalation', shiftReason: ping.shiftReason }, ctx.text, ctx.config.timeZone);
}
