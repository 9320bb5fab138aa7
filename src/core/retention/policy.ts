import { DateTime } from 'luxon';
import type { CoreSettings } from '../settings.js';

type RetentionSettings = CoreSettings['retention'];

/**
 * How long what Tsunagi stores is kept (welfare.md: service records 5 years after the case closes;
 * the least needed of everything else). The settings come from the environment; these are the
 * instants before which each kind of data goes.
 */
export interface RetentionCutoffs {
  /** Processed inbound events handled before this are deleted (dedupe keys no longer needed). */
  processedEventsBefore: Date;
  /** Failed inbound events that failed before this lose their payload. */
  failedPayloadsBefore: Date;
  /** ... and are deleted once both periods are over. */
  failedEventsBefore: Date;
  /** Unconsented links, stranded held messages, expired invites and LINE ids in the audit log of people with no link left. */
  unconsentedBefore: Date;
  /** Link code attempts before this no longer count for anything. */
  inviteAttemptsBefore: Date;
  /** Cases closed before this are deleted. */
  closedCasesBefore: Date;
}

/** Wrong link codes are limited per hour; a day of attempts is more than the limit ever reads. */
const INVITE_ATTEMPTS_KEPT_DAYS = 1;

export function retentionCutoffs(now: Date, settings: RetentionSettings, zone: string): RetentionCutoffs {
  const at = DateTime.fromJSDate(now, { zone });
  const daysAgo = (days: number) => at.minus({ days }).toJSDate();
  return {
    processedEventsBefore: daysAgo(settings.inboundDedupeDays),
    failedPayloadsBefore: daysAgo(settings.failedEventDays),
    failedEventsBefore: daysAgo(Math.max(settings.inboundDedupeDays, settings.failedEventDays)),
    unconsentedBefore: daysAgo(settings.unconsentedDays),
    inviteAttemptsBefore: daysAgo(INVITE_ATTEMPTS_KEPT_DAYS),
    closedCasesBefore: at.minus({ years: settings.closedCaseYears }).toJSDate(),
  };
}

/**
 * The office's calendar day (`YYYY-MM-DD`) from which a case closed at `closedAt` is deleted: the
 * first daily run on or after it removes the case.
 */
export function caseDeletionDay(closedAt: Date, settings: Pick<RetentionSettings, 'closedCaseYears'>, zone: string): string {
  return DateTime.fromJSDate(closedAt, { zone }).plus({ years: settings.closedCaseYears }).toISODate() as string;
}
