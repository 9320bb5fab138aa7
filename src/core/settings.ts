/**
 * What the core reads of the office's settings: the validated environment with the settings admins
 * changed in the App Home laid over it (core/admin/live-settings.ts). The composition root hands them
 * in; the core never reads the environment. Read `core.settings` when a value is used, never keep a
 * copy: the object is replaced when an admin changes a setting, in this process at once and in the
 * other replicas within SETTINGS_REFRESH_SECONDS.
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
  /**
   * The office's weekly hours (OFFICE_HOURS), the shape of core/office/hours.ts's OfficeHours (written out
   * here: that module's folder depends on this one). Index 0 is Monday; ranges in minutes after midnight.
   */
  office: { hours: { byWeekday: ReadonlyArray<ReadonlyArray<{ start: number; end: number }>> } };
  /**
   * Urgent messages (issue #12): whether flagged messages get the 🚨 block, DMs and escalation; after how
   * many minutes nobody's 対応します escalates; who is told then besides reminders.escalationUserId.
   */
  urgent: { alerts: boolean; escalateAfterMinutes: number; oncallUserIds: readonly string[] };
  /** Outside office hours a LINE person gets the automatic answer at most once in this many hours; 0: never (the emergency guidance to urgent messages still goes). */
  afterHours: { replyPeriodHours: number };
  /**
   * LINE sending: mark a person's messages read on LINE when staff act on them (LINE_READ_RECEIPTS), and
   * how old a reading of the monthly quota may be before the admins' warnings ask LINE again (LINE_QUOTA_CHECK_SECONDS).
   */
  lineSending: { readReceipts: boolean; quotaCheckSeconds: number };
  /** Slack users who may change the office's settings besides the workspace's admins and owners (ADMIN_USER_IDS). */
  adminUserIds: readonly string[];
}
