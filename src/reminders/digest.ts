import type { AppContext } from '../context.js';
import { listCasesByIds } from '../db/queries/cases.js';
import { claimDigest, openRemindersDueBy } from '../db/queries/reminders.js';
import type { ReminderRow } from '../db/schema/reminders.js';
import { addDays, todayIn } from '../lib/dates.js';
import { escapeSlackText } from '../relay/slack-escape.js';
import { dueText } from '../slack/blocks/reminder-ping.js';
import { isBusinessDay } from './rules/calendar.js';
import { officeCalendar } from './schedule.js';

/**
 * The morning digest (business days): each coordinator gets, by DM, what is overdue, due today and
 * due within the week. One digest per person and day, whichever replica runs it.
 */
export async function sendDigests(ctx: AppContext): Promise<number> {
  const today = todayIn(ctx.now(), ctx.config.timeZone);
  if (!isBusinessDay(today, officeCalendar(ctx))) return 0;
  const weekEnd = addDays(today, 6);
  const due = await openRemindersDueBy(ctx.db, weekEnd);
  const byAssignee = new Map<string, ReminderRow[]>();
  for (const r of due) byAssignee.set(r.assigneeUserId, [...(byAssignee.get(r.assigneeUserId) ?? []), r]);
  const cases = new Map((await listCasesByIds(ctx.db, [...new Set(due.map((r) => r.caseId))])).map((c) => [c.id, c]));
  const x = ctx.text.reminders;
  let sent = 0;
  for (const [userId, list] of byAssignee) {
    if (!(await claimDigest(ctx.db, today, userId))) continue;
    const line = (r: ReminderRow) => {
      const c = cases.get(r.caseId);
      return x.digestLine(c?.code ?? '', escapeSlackText(c?.label ?? ''), escapeSlackText(r.title), dueText(r, ctx.config.timeZone));
    };
    const overdue = list.filter((r) => r.dueDay < today || (r.dueDay === today && r.dueAt < ctx.now() && r.dueTime));
    const todays = list.filter((r) => r.dueDay === today && !overdue.includes(r));
    const week = list.filter((r) => r.dueDay > today);
    const sections = [
      [x.digestOverdue, overdue],
      [x.digestToday, todays],
      [x.digestWeek, week],
    ] as const;
    const text = [x.digestTitle(today.replaceAll('-', '/')), ...sections.filter(([, l]) => l.length > 0).map(([h, l]) => `*${h}*\n${l.map(line).join('\n')}`)].join('\n\n');
    const dm = await ctx.slack.conversations.open({ users: userId });
    if (!dm.channel?.id) continue;
    await ctx.slack.chat.postMessage({ channel: dm.channel.id, text: text.slice(0, 39_000) });
    sent += 1;
  }
  return sent;
}
