import type { types } from '@slack/bolt';
import type { EditableSetting } from '../../../config/editable-settings.js';
import type { SettingLine } from '../../../core/admin/live-settings.js';
import { contextBlock, sectionBlock } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';

export const SETTING_VIEW_ID = 'admin.setting';
/** The blocks a submission is read from. */
export const SETTING_BLOCKS = { value: 'value', reset: 'reset' } as const;
export const RESET_OPTION = 'reset';

/** Slack member ids (what a users_select gives back, and what ESCALATION_USER_ID holds). */
const MEMBER_ID = /^[UW][A-Z0-9]+$/;

/**
 * 変更 beside a setting in the App Home: its new value (free text, or a member picker), with how to
 * write it and what the environment says, and a choice to go back to the environment's value. The
 * setting's name travels in private_metadata; the submission is checked again in full (admin, value).
 */
export function settingModal(setting: EditableSetting, line: SettingLine, t: StaffText, language: 'ja' | 'en'): types.ModalView {
  const a = t.admin;
  const label = setting[language];
  const help = language === 'ja' ? setting.helpJa : setting.helpEn;
  const element: types.InputBlockElement =
    setting.input === 'user'
      ? { type: 'users_select', action_id: 'value', ...(MEMBER_ID.test(line.text) ? { initial_user: line.text } : {}) }
      : setting.input === 'users'
        ? {
            type: 'multi_users_select',
            action_id: 'value',
            initial_users: line.text
              .split(',')
              .map((id) => id.trim())
              .filter((id) => MEMBER_ID.test(id)),
          }
        : { type: 'plain_text_input', action_id: 'value', ...(line.text !== '' ? { initial_value: line.text } : {}) };
  return {
    type: 'modal',
    callback_id: SETTING_VIEW_ID,
    private_metadata: JSON.stringify({ setting: setting.env }),
    title: { type: 'plain_text', text: a.modalTitle },
    submit: { type: 'plain_text', text: a.modalSubmit },
    close: { type: 'plain_text', text: a.modalCancel },
    blocks: [
      sectionBlock(help),
      contextBlock(a.environmentValue(line.environmentText, line.defaultText)),
      {
        type: 'input',
        block_id: SETTING_BLOCKS.value,
        optional: true,
        label: { type: 'plain_text', text: a.valueLabel(label).slice(0, 2000) },
        element,
      },
      {
        type: 'input',
        block_id: SETTING_BLOCKS.reset,
        optional: true,
        label: { type: 'plain_text', text: a.resetLabel },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [{ text: { type: 'plain_text', text: a.resetOption }, value: RESET_OPTION }],
        },
      },
    ],
  };
}
