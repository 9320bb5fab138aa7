import type { App, BlockButtonAction } from '@slack/bolt';
import { retryFailure } from '../../../core/admin/retry-failure.js';
import type { SlackContext } from '../../context.js';
import { ADMIN_ACTIONS, parseFailureValue } from '../../render/home/admin-home.js';
import type { AdminDeps } from './deps.js';
import { publishNotAdminHome, republishAfter } from './publish-home.js';

/**
 * 再試行 beside a failure in the App Home: the core checks the person is an admin now (refusals are
 * audit-logged) and asks the work again through the case threads' own retry paths; the Home is then
 * published again, showing what is still failed.
 */
export function registerRetryFailureButton(app: App, ctx: SlackContext, admin: AdminDeps): void {
  app.action<BlockButtonAction>(ADMIN_ACTIONS.retry, async ({ ack, action, body, client }) => {
    await ack();
    const ref = parseFailureValue(action.value ?? '');
    if (!ref) return; // a value the Home never made
    const result = await retryFailure(ctx.core, body.user.id, ref);
    if (result === 'refused') return void (await publishNotAdminHome(ctx, client, body.user.id));
    await republishAfter(ctx, admin, client, body.user.id);
  });
}
