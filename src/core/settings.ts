/**
 * What the core reads of the office's settings (the environment today; an admin screen later). The
 * composition root hands the validated configuration in; the core never reads the environment.
 */
export interface ClockTime {
  hour: number;
  minute: number;
}

export interface LeadTimes {
  officeStart: ClockTime;
  visit: { dayBeforeAt: ClockTime; hoursBefore: number };
  monitoring: { daysBefore: number[] };
  milestone: { daysBefore: number[] };
  task: { daysBefore: number[] };
}

export interface CoreSettings {
  /** The office's time zone (IANA): calendar days and times of day are read in it. */
  timeZone: string;
  /** The staff's language: words the core stores for staff (a ping's label, a plan review's title) are in it. */
  staffLanguage: 'ja' | 'en';
  relay: { caseChoiceTtlMinutes: number; mediaMaxBytes: number };
  invites: { ttlHours: number; maxFailedPerHour: number; codeSecret: string | undefined; sharedChannelLinking: 'name' | 'refuse' };
  reminders: {
    officeStart: ClockTime;
    closedDays: string[];
    leadTimes: LeadTimes;
    escalateAfterMinutes: number;
    escalationUserId: string | undefined;
    digestTime: ClockTime;
  };
  retention: {
    inboundDedupeDays: number;
    failedEventDays: number;
    unconsentedDays: number;
    closedCaseYears: number;
    runAt: ClockTime;
  };
  sweeps: { deliveryMinAgeMs: number };
  /** The secret LINE signs with: invite codes issued before codes had a key of their own were hashed with it. */
  lineChannelSecret: string;
}
