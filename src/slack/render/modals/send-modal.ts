import type { types } from '@slack/bolt';
import type { Contact } from '../../../core/model/contacts.js';
import type { StaffText } from '../../text/staff-text.js';
/** LINE's limit of one text message, in UTF-16 code units (how the long message will arrive). */
const LINE_TEXT_MAX = 5000;
import { splitText } from '../../../core/conversation/split-text.js';
import { contextBlock, md, sectionBlock } from '../../mrkdwn.js';
import { senderLabel } from '../sender.js';

export const SEND_VIEW_ID = 'relay.send';

export interface SendViewState {
  caseId: number;
  /** reply: from the 返信 button (a copy is posted in the thread); shortcut: a staff message sent as is. */
  mode: 'reply' | 'shortcut';
  sourceTs?: string;
  /** The case thread of the shortcut's message (to read a long message again when sending). */
  threadTs?: string;
  /** The shortcut's message is too long to edit in a modal: it is sent as it is. */
  long?: boolean;
  channelId: string;
}

/** Slack's plain_text_input holds at most 3,000 characters. */
export const MODAL_TEXT_MAX = 3000;
const PREVIEW_CHARS = 600;

/** The modal that sends to LINE: recipient (the case's consented contacts) and text. */
export function sendModal(
  state: SendViewState,
  contacts: Contact[],
  options: { initialContactId?: number | null; initialText?: string; longText?: string; caseCode: string },
  t: StaffText,
): types.ModalView {
  const toOption = (c: Contact) => ({ text: { type: 'plain_text' as const, text: senderLabel(c).slice(0, 75) }, value: String(c.id) });
  const initial = contacts.find((c) => c.id === options.initialContactId) ?? contacts[0];
  return {
    type: 'modal',
    callback_id: SEND_VIEW_ID,
    private_metadata: JSON.stringify(state),
    title: { type: 'plain_text', text: (state.mode === 'reply' ? t.replyModalTitle : t.sendModalTitle).slice(0, 24) },
    submit: { type: 'plain_text', text: t.modalSubmit },
    close: { type: 'plain_text', text: t.modalCancel },
    blocks: [
      contextBlock(md`*${options.caseCode}* · ${t.sendConfirm}`),
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
      ...(options.longText !== undefined ? longPreview(options.longText, t) : [textInput(options.initialText, t)]),
    ],
  };
}

function textInput(initialText: string | undefined, t: StaffText): types.KnownBlock {
  return {
    type: 'input',
    block_id: 'text',
    label: { type: 'plain_text', text: t.textLabel },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
      max_length: MODAL_TEXT_MAX,
      ...(initialText ? { initial_value: initialText.slice(0, MODAL_TEXT_MAX) } : {}),
    },
  };
}

/** A message too long for the modal's input: how it will arrive on LINE, and its beginning. */
function longPreview(text: string, t: StaffText): types.KnownBlock[] {
  const parts = splitText(text, LINE_TEXT_MAX).length;
  const head = `${text.slice(0, PREVIEW_CHARS)}${text.length > PREVIEW_CHARS ? '…' : ''}`;
  return [sectionBlock(t.longMessage(text.length, parts)), { type: 'section', text: { type: 'plain_text', text: head } }];
}
