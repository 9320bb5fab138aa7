import type { PingView } from '../../../core/ports/views.js';
import type { Reminder } from '../../../core/model/reminders.js';
import { formatDateTime, formatDay } from '../../../lib/dates.js';
import { contextBlock, joinMrkdwn, messageText, sectionBlock, withoutBold, type SlackTextInput } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';
import { ACTIONS, button, type SlackPost } from '../post.js';

/** How a reminder's due moment is shown: the day, with the time when one was given. */
export function dueText(r: Pick<Reminder, 'dueDay' | 'dueTime' | 'dueAt'>, timeZone: string): string {
  return r.dueTime ? formatDateTime(r.dueAt, timeZone) : formatDay(r.dueDay);
}

/**
 * A reminder ping (DM and case thread) or an escalation: case code and label only, what is due, the
 * basis, why a day moved, and the buttons 完了 / 1日延期 / 1週間延期 / 担当変更.
 */
export function renderReminderPing(view: PingView, t: StaffText, timeZone: string): SlackPost {
  const x = t.reminders;
  const r = view.reminder;
  const due = dueText(r, timeZone);
  const head = view.escalation
    ? x.escalation(view.case.code, view.case.label, r.title, due, r.assigneeUserId)
    : x.ping(view.label, view.case.code, view.case.label, r.title, due);
  const notes: SlackTextInput[] = [x.assignee(r.assigneeUserId)];
  if (r.citation) notes.push(x.basis(r.citation));
  for (const reason of [r.shiftReason, view.shiftReason]) if (reason) notes.push(reason);
  const value = String(r.id);
  return {
    text: messageText(withoutBold(head)),
    blocks: [
      sectionBlock(head),
      contextBlock(joinMrkdwn(notes)),
      {
        type: 'actions',
        elements: [
          button(ACTIONS.reminderDone, x.done, value, 'primary'),
          button(ACTIONS.reminderPostponeDay, x.postponeDay, value),
          button(ACTIONS.reminderPostponeWeek, x.postponeWeek, value),
          button(ACTIONS.reminderReassign, x.reassign, value),
        ],
      },
    ],
  };
}
