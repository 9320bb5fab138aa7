import { and, count, eq, lte } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cases } from '../schema/cases.js';
import { reminders } from '../schema/reminders.js';

/** The Slack channels that hold open cases (npm run doctor checks the bot is in each). */
export async function openCaseChannels(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ channel: cases.slackChannelId }).from(cases).where(eq(cases.status, 'open')).orderBy(cases.slackChannelId);
  return rows.map((r) => r.channel);
}

/** Open reminders whose due time has come by `now` (overdue ones included), for /metrics. */
export async function countRemindersDue(db: Db, now: Date): Promise<number> {
  const [row] = await db
    .select({ due: count() })
    .from(reminders)
    .where(and(eq(reminders.status, 'open'), lte(reminders.dueAt, now)));
  return row?.due ?? 0;
}
