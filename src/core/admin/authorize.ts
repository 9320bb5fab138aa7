import type { Core } from '../deps.js';

/** Where an admin's act came from (audit-logged with a refusal). */
export type AdminSurface = 'setting button' | 'setting form' | 'retry button';

/**
 * Who may change the office's settings and ask failed work again: the workspace's admins and owners,
 * as Slack says at this moment (directory.isWorkspaceAdmin: asked each time, never remembered), and the
 * people named in ADMIN_USER_IDS. Staff who are neither see what the App Home is for, and no controls.
 */
export async function isAdmin(core: Pick<Core, 'settings' | 'directory'>, userId: string): Promise<boolean> {
  if (core.settings.adminUserIds.includes(userId)) return true;
  return core.directory.isWorkspaceAdmin(userId);
}

/**
 * The check every admin act makes again when it arrives (a button, a form's submission): what the
 * Home or a form showed earlier proves nothing, and a request can be forged. A refusal is audit-logged
 * with the surface (and the setting), no names.
 */
export async function mayAdminister(
  core: Pick<Core, 'settings' | 'directory' | 'store' | 'logger'>,
  userId: string,
  request: { via: AdminSurface; setting?: string },
): Promise<boolean> {
  if (await isAdmin(core, userId)) return true;
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: userId,
    action: 'admin.refused',
    details: { via: request.via, ...(request.setting !== undefined ? { setting: request.setting } : {}) },
  });
  core.logger.warn({ via: request.via }, 'an admin act by someone who is not an admin was refused');
  return false;
}
