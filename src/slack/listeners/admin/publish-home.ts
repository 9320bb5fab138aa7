import type { webApi } from '@slack/bolt';
import { adminHome, type AdminHomeView } from '../../../core/admin/home.js';
import { errorCode } from '../../../lib/errors.js';
import type { SlackContext } from '../../context.js';
import { renderAdminHome } from '../../render/home/admin-home.js';
import type { AdminDeps } from './deps.js';

/** Publishes `userId`'s App Home as it is now (admin or not: the core decides what it shows). */
export async function publishHome(ctx: SlackContext, admin: AdminDeps, client: webApi.WebClient, userId: string): Promise<void> {
  const view = await adminHome(ctx.core, admin.operations, admin.live, userId);
  await publish(ctx, client, userId, view);
}

/** The Home of someone refused just now: what it is for, and no controls (replacing any stale ones). */
export async function publishNotAdminHome(ctx: SlackContext, client: webApi.WebClient, userId: string): Promise<void> {
  await publish(ctx, client, userId, { kind: 'not_admin' });
}

async function publish(ctx: SlackContext, client: webApi.WebClient, userId: string, view: AdminHomeView): Promise<void> {
  await client.views.publish({ user_id: userId, view: renderAdminHome(view, ctx.render) });
}

/**
 * After an act already done (a setting changed, work asked again): the Home shows its effect; if Slack
 * cannot be reached now, the act stands and the next time the Home is opened shows it.
 */
export async function republishAfter(ctx: SlackContext, admin: AdminDeps, client: webApi.WebClient, userId: string): Promise<void> {
  await publishHome(ctx, admin, client, userId).catch((error: unknown) =>
    ctx.logger.warn({ code: errorCode(error) }, 'the App Home could not be published again after an admin act; it is when next opened'),
  );
}
