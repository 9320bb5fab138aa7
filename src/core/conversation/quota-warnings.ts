import { DateTime } from 'luxon';
import { errorCode } from '../../lib/errors.js';
import type { Core } from '../deps.js';
import type { QuotaWarning } from '../ports/store.js';

/** The shares of the monthly limit at which the admins are warned, in percent. */
export const QUOTA_WARNING_THRESHOLDS: readonly number[] = [80, 95];

/** A warning's DM taken on by a process that stopped before sending it is taken on again after this long. */
const RECLAIM_AFTER_MS = 5 * 60_000;

/** Who gets the warnings: ADMIN_USER_IDS, else ESCALATION_USER_ID, else nobody (said in the App Home and the log). */
export function quotaWarningRecipients(core: Pick<Core, 'settings'>): string[] {
  const { adminUserIds } = core.settings;
  if (adminUserIds.length > 0) return [...adminUserIds];
  const escalation = core.settings.reminders.escalationUserId;
  return escalation ? [escalation] : [];
}

/**
 * Looks at this month's use of LINE's message quota and warns the office's admins by DM when it
 * passed 80 % and 95 % of the limit: each threshold once a month (a month in the office's time zone,
 * as LINE counts it), whichever replica sees it first (rows keyed by month, threshold and admin).
 * Jumping past both at once warns at 95 % only. LINE is asked at most once per LINE_QUOTA_CHECK_SECONDS
 * per process (a younger reading is used). Called by a timer (`resume`: also sends what a stopped
 * process had taken on and not sent) and after each accepted staff push; never throws (the quota is
 * worth a warning, not a failure). The number of DMs sent now.
 */
export async function checkQuotaWarnings(core: Core, options: { resume?: boolean } = {}): Promise<number> {
  try {
    return await warnAboutQuota(core, options.resume ?? false);
  } catch (error) {
    core.logger.warn({ code: errorCode(error) }, 'LINE quota warnings could not be checked');
    return 0;
  }
}

async function warnAboutQuota(core: Core, resume: boolean): Promise<number> {
  const now = core.clock.now();
  const month = DateTime.fromJSDate(now, { zone: core.settings.timeZone }).toFormat('yyyy-MM');
  const quota = await core.line.monthlyQuota(core.settings.lineSending.quotaCheckSeconds * 1000);
  if (quota.limit !== null && quota.limit > 0) {
    const percent = (quota.used / quota.limit) * 100;
    const crossed = QUOTA_WARNING_THRESHOLDS.filter((t) => percent >= t);
    const top = crossed.at(-1);
    if (top !== undefined) {
      const recipients = quotaWarningRecipients(core);
      const rows = (threshold: number) =>
        (recipients.length > 0 ? recipients : ['']).map((userId) => ({ month, threshold, userId, used: quota.used, limit: quota.limit as number }));
      // Lower thresholds passed in the same step are recorded as done: one warning, the highest.
      for (const t of crossed.slice(0, -1)) await core.store.quotaWarnings.claim(rows(t), now, true);
      const claimed = await core.store.quotaWarnings.claim(rows(top), now, recipients.length === 0);
      if (recipients.length === 0 && claimed.length > 0) {
        core.logger.warn(
          { threshold: top, used: quota.used, limit: quota.limit },
          'LINE quota passed a warning threshold; nobody to warn (set ADMIN_USER_IDS or ESCALATION_USER_ID)',
        );
      }
      let sent = 0;
      for (const warning of claimed) if (warning.userId !== '') sent += await sendWarning(core, warning);
      return sent + (resume ? await resumeWarnings(core, month, now) : 0);
    }
  }
  return resume ? resumeWarnings(core, month, now) : 0;
}

/** Warnings of the month a stopped process had taken on and not sent. */
async function resumeWarnings(core: Core, month: string, now: Date): Promise<number> {
  let sent = 0;
  for (const warning of await core.store.quotaWarnings.reclaim(month, new Date(now.getTime() - RECLAIM_AFTER_MS), now)) {
    if (warning.userId !== '') sent += await sendWarning(core, warning);
  }
  return sent;
}

async function sendWarning(core: Core, w: QuotaWarning): Promise<number> {
  try {
    await core.dm.post(
      w.userId,
      { kind: 'quota_warning', threshold: w.threshold, used: w.used, limit: w.limit },
      { type: 'quota', month: w.month, threshold: w.threshold },
      {
        startedAt: w.startedAt,
        noAnswerAt: w.noAnswerAt,
        started: (at) => core.store.quotaWarnings.update(w, { startedAt: at }),
        noAnswer: (at) => core.store.quotaWarnings.update(w, { noAnswerAt: at }),
      },
    );
  } catch (error) {
    // Left unsent: taken on again by the timer's check after RECLAIM_AFTER_MS.
    core.logger.warn({ threshold: w.threshold, code: errorCode(error) }, 'LINE quota warning not sent now; a later check sends it');
    return 0;
  }
  await core.store.quotaWarnings.update(w, { sentAt: core.clock.now() });
  await core.store.audit.record({
    actorType: 'system',
    action: 'line.quota_warning_sent',
    details: { month: w.month, threshold: w.threshold, used: w.used, limit: w.limit },
  });
  return 1;
}
