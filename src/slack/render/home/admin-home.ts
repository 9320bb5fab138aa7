import type { types } from '@slack/bolt';
import { editableSetting } from '../../../config/editable-settings.js';
import type { AdminHomeView } from '../../../core/admin/home.js';
import type { SettingLine } from '../../../core/admin/live-settings.js';
import type { FailureRef } from '../../../core/admin/retry-failure.js';
import type { Failure, FailureKind } from '../../../core/ports/operations.js';
import { formatDateTime } from '../../../lib/dates.js';
import { contextBlock, joinMrkdwn, md, sectionBlock, type Mrkdwn, type SlackTextInput } from '../../mrkdwn.js';
import type { StaffText } from '../../text/staff-text.js';
import { button } from '../post.js';

/** Action ids of the App Home's buttons (listeners/admin/ answers them). */
export const ADMIN_ACTIONS = {
  editSetting: 'admin.setting.edit',
  retry: 'admin.retry',
} as const;

export interface AdminRenderOptions {
  text: StaffText;
  timeZone: string;
  language: 'ja' | 'en';
}

const FAILURE_KINDS: readonly FailureKind[] = ['inbound_event', 'thread_post', 'line_push'];

/** A retry button's value: `thread_post:12`. */
export function failureValue(f: Pick<Failure, 'kind' | 'id'>): string {
  return `${f.kind}:${f.id}`;
}

/** The failure a retry button names, or undefined for a value the Home never made. */
export function parseFailureValue(value: string): FailureRef | undefined {
  const m = /^([a-z_]+):(\d{1,15})$/.exec(value);
  if (!m || !FAILURE_KINDS.includes(m[1] as FailureKind)) return undefined;
  return { kind: m[1] as FailureKind, id: Number(m[2]) };
}

/** The setting as shown: a member as a mention, anything else as code. */
export function settingValueText(line: Pick<SettingLine, 'name' | 'text'>, o: AdminRenderOptions): Mrkdwn {
  const a = o.text.admin;
  return editableSetting(line.name)?.input === 'user' ? a.user(line.text) : a.code(line.text);
}

const section = (value: SlackTextInput, blockId?: string, accessory?: types.Button): types.SectionBlock => ({
  ...sectionBlock(value),
  ...(blockId ? { block_id: blockId } : {}),
  ...(accessory ? { accessory } : {}),
});

/**
 * The App Home (views.publish): for an admin, health, the LINE quota, the queues, failed work with
 * 再試行, and the office's settings with 変更; for anyone else, what the page is for and no controls.
 */
export function renderAdminHome(view: AdminHomeView, o: AdminRenderOptions): types.HomeView {
  const a = o.text.admin;
  if (view.kind === 'not_admin') {
    return { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: a.homeTitle } }, section(a.notAdmin, 'not_admin')] };
  }
  const when = (d: Date | null) => (d ? formatDateTime(d, o.timeZone) : null);
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: a.homeTitle } },
    contextBlock(a.updatedAt(formatDateTime(view.at, o.timeZone))),
  ];

  const health: Mrkdwn[] = view.health
    ? view.health.map((h) => (h.ok ? a.healthOk(a.healthNames[h.name] ?? h.name, h.ms) : a.healthFailed(a.healthNames[h.name] ?? h.name)))
    : [md`${a.unknown}`];
  const webhooks = view.webhooks ? [a.lastWebhook('LINE', when(view.webhooks.line)), a.lastWebhook('Slack', when(view.webhooks.slack))] : [md`${a.unknown}`];
  blocks.push({ type: 'divider' }, section(md`*${a.healthHeader}*\n${joinMrkdwn([...health, ...webhooks])}`, 'health'));
  const warningsTo = view.quotaWarningsTo.length > 0 ? a.quotaWarningsTo(view.quotaWarningsTo) : md`${a.quotaNobodyToWarn}`;
  blocks.push(section(md`*${a.quotaHeader}*\n${view.quota ? a.quota(view.quota.used, view.quota.limit) : a.unknown}\n${warningsTo}`, 'quota'));
  const backlog = view.backlog ? joinMrkdwn(view.backlog.map((q) => a.backlogLine(q.queue, q.waiting, q.active, q.delayed, q.failed))) : a.unknown;
  blocks.push(section(md`*${a.backlogHeader}*\n${backlog}`, 'backlog'));

  blocks.push({ type: 'divider' });
  if (!view.failures) {
    blocks.push(section(md`*${a.failuresHeader(0)}*\n${a.unknown}`, 'failures'));
  } else {
    blocks.push(section(md`*${a.failuresHeader(view.failures.total)}*${view.failures.total === 0 ? md`\n${a.noFailures}` : ''}`, 'failures'));
    for (const f of view.failures.items) {
      const kind = a.failureKinds[f.kind] ?? f.kind;
      const where = f.caseCode ?? (f.source === 'line' ? 'LINE' : f.source === 'slack' ? 'Slack' : null);
      const line = a.failureLine(kind, where, formatDateTime(f.at, o.timeZone), f.reason);
      blocks.push(
        f.retryable
          ? section(line, `failure:${failureValue(f)}`, button(ADMIN_ACTIONS.retry, a.retryButton, failureValue(f)))
          : section(md`${line}\n${a.failureNotRetryable}`, `failure:${failureValue(f)}`),
      );
    }
    const more = view.failures.total - view.failures.items.length;
    if (more > 0) blocks.push(contextBlock(a.moreFailures(more)));
  }

  blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: a.settingsHeader } }, contextBlock(a.settingsNote));
  if (view.ignoredSettings.length > 0) blocks.push(section(a.ignoredSettings(view.ignoredSettings.join(', ')), 'ignored_settings'));
  let group: string | undefined;
  for (const line of view.settings) {
    const setting = editableSetting(line.name);
    if (setting && setting.group !== group) {
      group = setting.group;
      blocks.push(section(md`*${a.groups[group] ?? group}*`));
    }
    const label = setting ? setting[o.language] : line.name;
    const from = line.from === 'admin' ? a.fromAdmin(line.changedBy, when(line.changedAt)) : line.from === 'environment' ? a.fromEnvironment : a.fromDefault;
    blocks.push(
      section(
        md`${a.settingValue(label, settingValueText(line, o))}  — ${from}`,
        `setting:${line.name}`,
        button(ADMIN_ACTIONS.editSetting, a.editButton, line.name),
      ),
    );
  }
  return { type: 'home', blocks };
}
