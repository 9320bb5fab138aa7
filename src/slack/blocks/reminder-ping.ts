import type { types } from '@slack/bolt';
import type { CaseRow } from '../../db/schema/cases.js';
import type { ReminderRow } from '../../db/schema/reminders.js';
import type { StaffText } from '../../i18n/staff-text.js';
import { formatDateTime, formatDay } from '../../lib/dates.js';
import { contextBlock, joinMrkdwn, messageText, sectionBlock, withoutBold, type SlackTextInput } from '../mrkdwn.js';
import type { ThreadPost } from './thread-message.js';

export const REMINDER_ACTIONS = {
  done: 'reminder.done',
  postponeDay: 'reminder.postpone_day',
  postponeWeek: 'reminder.postpone_week',
  reassign: 'reminder.reassign',
} as const;

/** How a reminder's due moment is shown: the day, with the time when one was given. */
export function dueText(r: Pick<ReminderRow, 'dueDay' | 'dueTime' | 'dueAt'>, timeZone: string): string {
  return r.dueTime ? formatDateTime(r.dueAt, timeZone) : formatDay(r.dueDay);
}

/**
 * A reminder ping (DM and case thread) or an escalation: case code and label only, what is due, the
 * basis, why a day moved, and the buttons 完了 / 1日延期 / 1週間延期 / 担当変更.
 */
export function reminderPingPost(
  r: ReminderRow,
  caseRow: Pick<CaseRow, 'code' | 'label'>,
  o: { label: string; escalation: boolean; shiftReason?: string | null },
  t: StaffText,
  timeZone: string,
): ThreadPost {
  const x = t.reminders;
  const due = dueText(r, timeZone);
  const head = o.escalation ? x.escalation(caseRow.code, caseRow.label, r.title, due, r.assigneeUserId) : x.ping(o.label, caseRow.code, caseRow.label, r.title, due);
  const notes: SlackTextInput[] = [x.assignee(r.assigneeUserId)];
  if (r.citation) notes.push(x.basis(r.citation));
  for (const reason of [r.shiftReason, o.shiftReason]) if (reason) notes.push(reason);
  const button = (action_id: string, text: string, style?: 'primary'): types.Button => ({
    type: 'button',
    action_id,
    text: { type: 'plain_text', text },
    value: String(r.id),
    ...(style ? { style } : {}),
  });
  return {
    text: messageText(withoutBold(head)),
    blocks: [
      sectionBlock(head),
      contextBlock(joinMrkdwn(notes)),
      {
        type: 'actions',
        elements: [
          button(REMINDER_ACTIONS.done, x.done, 'primary'),
          button(REMINDER_ACTIONS.postponeDay, x.postponeDay),
          button(REMINDER_ACTIONS.postponeWeek, x.postponeWeek),
          button(REMINDER_ACTIONS.reassign, x.reassign),
        ],
      },
    ],
  };
}
