import type { types } from '@slack/bolt';

/** A message as the Slack adapter posts it: fallback text, blocks, and (for relayed LINE messages) who it is from. */
export interface SlackPost {
  text: string;
  blocks: types.KnownBlock[];
  username?: string;
  iconUrl?: string;
}

/** Action ids of the buttons the renderers make (the listeners answer them). */
export const ACTIONS = {
  reply: 'relay.reply',
  retry: 'relay.retry',
  recordEdit: 'record.edit',
  reminderDone: 'reminder.done',
  reminderPostponeDay: 'reminder.postpone_day',
  reminderPostponeWeek: 'reminder.postpone_week',
  reminderReassign: 'reminder.reassign',
  urgentTake: 'urgent.take',
  urgentRecord: 'urgent.record',
} as const;

/** Section text is limited to 3,000 characters; escaped text can grow, so stay well below. */
export const SECTION_MAX = 2500;

export const button = (action_id: string, text: string, value: string, style?: 'primary' | 'danger'): types.Button => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text },
  value,
  ...(style ? { style } : {}),
});
