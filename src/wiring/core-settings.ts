import type { Config } from '../config/env.js';
import type { CoreSettings } from '../core/settings.js';

/** The office's settings the core reads, taken from the validated configuration. */
export function coreSettings(config: Config): CoreSettings {
  return {
    timeZone: config.timeZone,
    staffLanguage: config.staffLanguage,
    relay: { caseChoiceTtlMinutes: config.relay.caseChoiceTtlMinutes, mediaMaxBytes: config.relay.mediaMaxBytes },
    invites: { ...config.invites },
    reminders: {
      officeStart: config.reminders.officeStart,
      closedDays: config.reminders.closedDays,
      leadTimes: config.reminders.leadTimes,
      escalateAfterMinutes: config.reminders.escalateAfterMinutes,
      escalationUserId: config.reminders.escalationUserId,
      digestTime: config.reminders.digestTime,
    },
    retention: { ...config.retention },
    sweeps: { deliveryMinAgeMs: config.sweeps.deliveryMinAgeMs },
    lineChannelSecret: config.line.channelSecret,
    office: { hours: config.office.hours },
    urgent: { alerts: config.urgent.alerts, escalateAfterMinutes: config.urgent.escalateAfterMinutes, oncallUserIds: config.urgent.oncallUserIds },
    afterHours: { replyPeriodHours: config.afterHours.replyPeriodHours },
    lineSending: { readReceipts: config.line.readReceipts, quotaCheckSeconds: config.line.quotaCheckSeconds },
    adminUserIds: config.adminUserIds,
  };
}
