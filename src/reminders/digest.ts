import type { AppContext } from '../context.js';
import { listCasesByIds } from '../db/queries/cases.js';
import { claimDigest, openRemindersDueBy, updateDigest } from '../db/queries/reminders.js';
import type { ReminderRow } from '../db/schema/reminders.js';
import { addDays, startOfDay, todayIn, zonedInstant } from '../lib/dates.js';
import { dueText } from '../slack/blocks/reminder-ping.js';
import { findTaggedSince } from '../slack/find-earlier.js';
import { joinMrkdwn, md, messageText } from '../slack/mrkdwn.js';
import { isBusinessDay } from './rules/calendar.js';
import { officeCalendar } from './schedule.js';

const DIGEST_METADATA_TYPE = 'tsunagi_digest';
/** A claim this old belongs to a worker that died. */
const DIGEST_CLAIM_STALE_SEC = 300;

/**
 * The morning digest (business days): each coordinator gets, by DM, what is overdue, due today and
 * due within the week. One digest per person and day, whichever replica runs it, even after a crash.
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
    const claim = await claimDigest(ctx.db, today, userId, DIGEST_CLAIM_STALE_SEC);
    if (!claim) continue;
    const line = (r: ReminderRow) => {
      const c = cases.get(r.caseId);
      return x.digestLine(c?.code ?? '', c?.label ?? '', r.title, dueText(r, ctx.config.timeZone));
    };
    const overdue = list.filter((r) => r.dueDay < today || (r.dueDay === today && r.dueAt < ctx.now() && r.dueTime));
    const todays = list.filter((r) => r.dueDay === today && !overdue.includes(r));
    const week = list.filter((r) => r.dueDay > today);
    const sections = [
      [x.digestOverdue, overdue],
      [x.digestToday, todays],
      [x.digestWeek, week],
    ] as const;
    const text = joinMrkdwn(
      [x.digestTitle(today.replaceAll('-', '/')), ...sections.filter(([, l]) => l.length > 0).map(([h, l]) => md`*${h}*\n${joinMrkdwn(l.map(line))}`)],
      '\n\n',
    );
    const dm = await ctx.slack.conversations.open({ users: userId });
    const channel = dm.channel?.id;
    if (!channel) continue;
    const earlier = claim.resumed
      ? await findTaggedSince(ctx.slack, { channel }, startOfDay(today, ctx.config.timeZone), DIGEST_METADATA_TYPE, (p) => p.day === today)
      : undefined;
    if (!earlier) {
      await updateDigest(ctx.db, today, userId, { dmChannelId: channel });
      const res = await ctx.slack.chat.postMessage({
        channel,
        text: messageText(text, 39_000),
        metadata: { event_type: DIGEST_METADATA_TYPE, event_payload: { day: today } },
      });
      await updateDigest(ctx.db, today, userId, { dmTs: res.ts ?? 'unknown', sentAt: ctx.now() });
      sent += 1;
    } else {
      await updateDigest(ctx.db, today, userId, { dmTs: earlier, sentAt: ctx.now() });
    }
  }
  return sent;
}

/**
 * Today's digest when its time has passed by the app's clock: queued with a job id per day, so asking
 * again the same day adds nothing (and digests are claimed per person and day, so a second run sends
 * nothing twice). Used after the app's clock moved (a demo's fast-forward) and, with `withinMs`, by the
 * maintenance timer: a scheduler the queue store lost just before the digest time is made up for
 * within that window, not hours later.
 */
export async function enqueueDueDigest(ctx: AppContext, options: { withinMs?: number } = {}): Promise<boolean> {
  const now = ctx.now();
  const today = todayIn(now, ctx.config.timeZone);
  if (!isBusinessDay(today, officeCalendar(ctx))) return false;
  const since = now.getTime() - zonedInstant(today, ctx.config.reminders.digestTime, ctx.config.timeZone).getTime();
  if (since < 0 || (options.withinMs !== undefined && since >= options.withinMs)) return false;
  await ctx.queues.enqueue('digest.run', {}, { jobId: `digest-${today}` });
  return true;
}
