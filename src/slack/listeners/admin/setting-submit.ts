import type { App, ViewStateValue } from '@slack/bolt';
import { editableSetting } from '../../../config/editable-settings.js';
import type { SettingChangeOutcome } from '../../../core/admin/live-settings.js';
import type { SlackContext } from '../../context.js';
import { RESET_OPTION, SETTING_BLOCKS, SETTING_VIEW_ID } from '../../render/modals/setting-modal.js';
import type { AdminDeps } from './deps.js';
import { republishAfter } from './publish-home.js';

/** Slack shows a field's error under it; a long list of problems is cut. */
const ERROR_MAX = 1000;

/**
 * A setting's form submitted. The core checks everything again (core/admin/live-settings.ts: the
 * person is an admin now, the setting is editable, the value passes the environment's parsing) before
 * anything is stored; a refusal or a bad value is answered in the form, under the field, and nothing
 * is stored. A change is in force when the form closes, and the person's Home shows it.
 */
export function registerSettingSubmit(app: App, ctx: SlackContext, admin: AdminDeps): void {
  const a = ctx.text.admin;
  app.view(SETTING_VIEW_ID, async ({ ack, view, body, client }) => {
    const name = settingName(view.private_metadata);
    const state = view.state.values;
    const reset = (state[SETTING_BLOCKS.reset]?.value?.selected_options ?? []).some((o) => o.value === RESET_OPTION);
    const value = reset ? null : submittedText(state[SETTING_BLOCKS.value]?.value, editableSetting(name)?.input ?? 'text');
    const result = await admin.live.change({ userId: body.user.id, name, value });
    const problem = answer(result);
    if (problem !== undefined) return void (await ack({ response_action: 'errors', errors: { [SETTING_BLOCKS.value]: problem.slice(0, ERROR_MAX) } }));
    await ack();
    await republishAfter(ctx, admin, client, body.user.id);
  });

  /** The error to show under the field, or undefined when the form may close. */
  const answer = (result: SettingChangeOutcome): string | undefined => {
    switch (result.outcome) {
      case 'changed':
      case 'unchanged':
        return undefined;
      case 'refused':
        return a.notAllowed;
      case 'not_editable':
        return a.notEditable;
      case 'invalid':
        return a.invalid(result.problems.join(' / '));
      case 'busy':
        return a.busy;
    }
  };
}

function settingName(privateMetadata: string): string {
  try {
    const parsed = JSON.parse(privateMetadata) as { setting?: unknown };
    return typeof parsed.setting === 'string' ? parsed.setting : '';
  } catch {
    return ''; // not a form this app made: the core answers "not editable"
  }
}

/** What the person entered, as the setting's text: typed text, a member's id, or members' ids separated by commas. */
function submittedText(state: ViewStateValue | undefined, input: 'text' | 'user' | 'users'): string {
  if (!state) return '';
  if (input === 'user') return state.selected_user ?? '';
  if (input === 'users') return (state.selected_users ?? []).join(',');
  return state.value ?? '';
}
