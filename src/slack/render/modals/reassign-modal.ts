import type { types } from '@slack/bolt';
import type { Reminder } from '../../../core/model/reminders.js';
import type { StaffText } from '../../text/staff-text.js';

export const REASSIGN_VIEW_ID = 'reminder.reassign';

/** 担当変更: pick the new assignee. */
export function reassignModal(reminder: Reminder, t: StaffText): types.ModalView {
  const r = t.reminders;
  return {
    type: 'modal',
    callback_id: REASSIGN_VIEW_ID,
    private_metadata: JSON.stringify({ reminderId: reminder.id }),
    title: { type: 'plain_text', text: r.reassignTitle },
    submit: { type: 'plain_text', text: r.reassignSubmit },
    close: { type: 'plain_text', text: r.cancel },
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: reminder.title.slice(0, 2000) } },
      {
        type: 'input',
        block_id: 'assignee',
        label: { type: 'plain_text', text: r.reassignLabel },
        element: { type: 'users_select', action_id: 'value', initial_user: reminder.assigneeUserId },
      },
    ],
  };
}
