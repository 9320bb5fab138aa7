/**
 * Office hours, the platform-free part: the weekly hours an office sets (OFFICE_HOURS) and, with the
 * reminders' business-day calendar, whether it is open now and when it opens next.
 */
export {
  parseOfficeHours,
  formatRange,
  OfficeHoursError,
  DEFAULT_OFFICE_HOURS,
  OFFICE_HOURS_HELP,
  type OfficeHours,
  type TimeRange,
  type Weekday,
} from './hours.js';
export { isWithinOfficeHours, nextOpening, closedByCalendar, localTime, type LocalTime } from './schedule.js';
