import type { App, BlockButtonAction } from '@slack/bolt';
import { editableSetting } from '../../../config/editable-settings.js';
import { mayAdminister } from '../../../core/admin/authorize.js';
import type { SlackContext } from '../../context.js';
import { ADMIN_ACTIONS } from '../../render/home/admin-home.js';
import { settingModal } from '../../render/modals/setting-modal.js';
import type { AdminDeps } from './deps.js';
import { publishNotAdminHome } from './publish-home.js';

/**
 * 変更 beside a setting in the App Home: the admin check is made again (the button may be stale or
 * forged); an admin gets the form, anyone else gets the Home without controls, and the refusal is
 * audit-logged.
 */
export function registerSettingButton(app: App, ctx: SlackContext, admin: AdminDeps): void {
  app.action<BlockButtonAction>(ADMIN_ACTIONS.editSetting, async ({ ack, action, body, client }) => {
    await ack();
    const name = action.value ?? '';
    if (!(await mayAdminister(ctx.core, body.user.id, { via: 'setting button', setting: name }))) {
      await publishNotAdminHome(ctx, client, body.user.id);
      return;
    }
    const setting = editableSetting(name);
    const line = admin.live.lines().find((l) => l.name === name);
    if (!setting || !line) return; // a value the Home never made
    await client.views.open({ trigger_id: body.trigger_id, view: settingModal(setting, line, ctx.text, ctx.language) });
  });
}
