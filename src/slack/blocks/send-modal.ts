import type { types } from '@slack/bolt';
import type { ContactRow } from '../../db/schema/contacts.js';
import type { StaffText } from '../../i18n/staff-text.js';
import { senderLabel } from './sender-label.js';

export const SEND_VIEW_ID = 'relay.send';

export interface SendViewState {
  caseId: number;
  /** reply: from the 返信 button (a copy is posted in the thread); shortcut: a staff message sent as is. */
  mode: 'reply' | 'shortcut';
  sourceTs?: string;
  channelId: string;
}

/** The modal that sends to LINE: recipient (the case's consented contacts) and text. */
export function sendModal(
  state: SendViewState,
  contacts: ContactRow[],
  options: { initialContactId?: number | null; initialText?: string; caseCode: string },
  t: StaffText,
): types.ModalView {
  const toOption = (c: ContactRow) => ({ text: { type: 'plain_text' as const, text: senderLabel(c).slice(0, 75) }, value: String(c.id) });
  const initial = contacts.find((c) => c.id === options.initialContactId) ?? contacts[0];
  return {
    type: 'modal',
    callback_id: SEND_VIEW_ID,
    private_metadata: JSON.stringify(state),
    title: { type: 'plain_text', text: (state.mode === 'reply' ? t.replyModalTitle : t.sendModalTitle).slice(0, 24) },
    submit: { type: 'plain_text', text: t.modalSubmit },
    close: { type: 'plain_text', text: t.modalCancel },
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `*${options.caseCode}* · ${t.sendConfirm}` }] },
      {
        type: 'input',
        block_id: 'recipient',
        label: { type: 'plain_text', text: t.recipientLabel },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: contacts.slice(0, 100).map(toOption),
          ...(initial ? { initial_option: toOption(initial) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'text',
        label: { type: 'plain_text', text: t.textLabel },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: 3000,
          ...(options.initialText ? { initial_value: options.initialText.slice(0, 3000) } : {}),
        },
      },
    ],
  };
}
