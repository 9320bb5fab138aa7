import { addDays, todayIn, zonedInstant } from '../../lib/dates.js';
import { countDelivery } from '../count-delivery.js';
import type { Core } from '../deps.js';
import type { Reminder } from '../model/reminders.js';
import type { DigestLine } from '../ports/views.js';
import { isBusinessDay } from './rules/calendar.js';
import { officeCalendar } from './schedule.js';

/** A claim this old belongs to a worker that died. */
const DIGEST_CLAIM_STALE_SEC = 300;

/**
 * The morning digest (business days): each coordinator gets, by DM, what is overdue, due today and
 * due within the week. One digest per person and day, whichever replica runs it, even after a crash
 * (claimed per person and day; the DM posted once, tagged with the day). `forDay`: the day a
 * catch-up was queued for.
 */
export async function sendDigests(core: Core, forDay?: string): Promise<number> {
  const now = core.clock.now();
  const today = todayIn(now, core.settings.timeZone);
  // A catch-up queued for a day that has passed meanwhile (a delayed job, a clock moved on) is not
  // sent as another day's digest.
  if (forDay !== undefined && forDay !== today) return 0;
  if (!isBusinessDay(today, officeCalendar(core))) return 0;
  const due = await core.store.reminders.openDueBy(addDays(today, 6));
  const byAssignee = new Map<string, Reminder[]>();
  for (const r of due) byAssignee.set(r.assigneeUserId, [...(byAssignee.get(r.assigneeUserId) ?? []), r]);
  const cases = new Map((await core.store.cases.byIds([...new Set(due.map((r) => r.caseId))])).map((c) => [c.id, c]));
  let sent = 0;
  for (const [userId, list] of byAssignee) {
    const claim = await core.store.reminders.claimDigest(today, userId, DIGEST_CLAIM_STALE_SEC);
    if (!claim) continue;
    const line = (r: Reminder): DigestLine => ({ case: cases.get(r.caseId) ?? { code: '', label: '' }, reminder: r });
    const overdue = list.filter((r) => r.dueDay < today || (r.dueDay === today && r.dueAt < now && r.dueTime));
    const todays = list.filter((r) => r.dueDay === today && !overdue.includes(r));
    const week = list.filter((r) => r.dueDay > today);
    const run = claim.resumed ? await core.store.reminders.digest(today, userId) : undefined;
    // The digest job is retried by its queue; which attempt is its last is not known here.
    const dm = await countDelivery(core, 'digest_dm', undefined, () =>
      core.dm.post(
        userId,
        { kind: 'digest', day: today, overdue: overdue.map(line), today: todays.map(line), week: week.map(line) },
        { type: 'digest', day: today },
        {
          startedAt: run?.startedAt ?? null,
          noAnswerAt: run?.noAnswerAt ?? null,
          started: (at) => core.store.reminders.updateDigest(today, userId, { startedAt: at }),
          noAnswer: (at) => core.store.reminders.updateDigest(today, userId, { noAnswerAt: at }),
        },
      ),
    );
    await core.store.reminders.updateDigest(today, userId, { dmChannelId: dm.channel, dmTs: dm.ts, sentAt: core.clock.now() });
    sent += 1;
  }
  return sent;
}

/**
 * Today's digest when its time has passed by the app's clock: one job a day, so asking again the same
 * day adds nothing (and digests are claimed per person and day, so a second run sends nothing twice).
 * Used after the app's clock moved (a demo's fast-forward) and, with `withinMs`, by the maintenance
 * timer: a scheduler the queue store lost just before the digest time is made up for within that
 * window, not hours later.
 */
export async function runDueDigest(core: Core, options: { withinMs?: number } = {}): Promise<boolean> {
  const now = core.clock.now();
  const today = todayIn(now, core.settings.timeZone);
  if (!isBusinessDay(today, officeCalendar(core))) return false;
  const since = now.getTime() - zonedInstant(today, core.settings.reminders.digestTime, core.settings.timeZone).getTime();
  if (since < 0 || (options.withinMs !== undefined && since >= options.withinMs)) return false;
  await core.jobs.runDigest(today);
  return true;
}
