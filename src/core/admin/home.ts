import { errorCode } from '../../lib/errors.js';
import { quotaWarningRecipients } from '../conversation/quota-warnings.js';
import type { Core } from '../deps.js';
import type { Failure, HealthCheck, LineQuotaUse, Operations, QueueBacklog } from '../ports/operations.js';
import { isAdmin } from './authorize.js';
import type { LiveSettings, SettingLine } from './live-settings.js';

/** Failures listed in the Home (the most recent); the total is shown beside them. */
export const FAILURES_SHOWN = 10;

/** What the admins' App Home shows; each part undefined when it could not be read this time. */
export interface AdminHome {
  kind: 'admin';
  at: Date;
  health: HealthCheck[] | undefined;
  webhooks: { line: Date | null; slack: Date | null } | undefined;
  quota: LineQuotaUse | undefined;
  /** Who is warned at 80 % and 95 % of the quota (empty: nobody is set, which the Home says). */
  quotaWarningsTo: string[];
  backlog: QueueBacklog[] | undefined;
  failures: { items: Failure[]; total: number } | undefined;
  settings: SettingLine[];
  /** Stored settings not in force (another release stored them; this one refuses them). */
  ignoredSettings: readonly string[];
}

/** Someone who is not an admin opens the Home: what it is for, and no controls. */
export type AdminHomeView = { kind: 'not_admin' } | AdminHome;

/**
 * The App Home of `userId`: for an admin (core/admin/authorize.ts), how Tsunagi is doing and the
 * office's settings; for anyone else, only what the Home is for. The parts are read together; one
 * that cannot be read (LINE not answering) is shown as unknown, the others still are.
 */
export async function adminHome(core: Core, operations: Operations, live: LiveSettings, userId: string): Promise<AdminHomeView> {
  if (!(await isAdmin(core, userId))) return { kind: 'not_admin' };
  // Settings another replica changed a moment ago are shown (and in force) already.
  await live.refresh().catch((error: unknown) => core.logger.warn({ code: errorCode(error) }, 'settings could not be refreshed for the App Home'));
  const [health, webhooks, quota, backlog, failures] = await Promise.allSettled([
    operations.health(),
    operations.lastWebhooks(),
    operations.lineQuota(),
    operations.backlog(),
    operations.failures(FAILURES_SHOWN),
  ]);
  const value = <T>(part: string, result: PromiseSettledResult<T>): T | undefined => {
    if (result.status === 'fulfilled') return result.value;
    core.logger.warn({ part, code: errorCode(result.reason) }, 'a part of the App Home could not be read');
    return undefined;
  };
  return {
    kind: 'admin',
    at: core.clock.now(),
    health: value('health', health),
    webhooks: value('webhooks', webhooks),
    quota: value('quota', quota),
    quotaWarningsTo: quotaWarningRecipients(core),
    backlog: value('backlog', backlog),
    failures: value('failures', failures),
    settings: live.lines(),
    ignoredSettings: live.ignored(),
  };
}
