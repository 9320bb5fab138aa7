import { describe, expect, it } from 'vitest';
import { EDITABLE_SETTINGS } from '../../../../src/config/editable-settings.js';
import { FAILURES_SHOWN, type AdminHome } from '../../../../src/core/admin/home.js';
import type { SettingLine } from '../../../../src/core/admin/live-settings.js';
import { failureValue, parseFailureValue, renderAdminHome } from '../../../../src/slack/render/home/admin-home.js';
import { staffText } from '../../../../src/slack/text/staff-text.js';

const ja = { text: staffText.ja, timeZone: 'Asia/Tokyo', language: 'ja' as const };
const en = { text: staffText.en, timeZone: 'Asia/Tokyo', language: 'en' as const };

const line = (name: string, text: string, from: SettingLine['from'] = 'environment'): SettingLine => ({
  name,
  text,
  from,
  environmentText: text,
  defaultText: text,
  changedBy: from === 'admin' ? 'U0ADMIN' : null,
  changedAt: from === 'admin' ? new Date('2027-03-09T03:00:00Z') : null,
});

const fullHome = (extraSettings = 0): AdminHome => ({
  kind: 'admin',
  at: new Date('2027-03-09T03:00:00Z'),
  health: [
    { name: 'database', ok: true, ms: 3 },
    { name: 'queues', ok: false, ms: 2000 },
  ],
  webhooks: { line: new Date('2027-03-09T02:59:00Z'), slack: null },
  quota: { limit: null, used: 42 },
  quotaWarningsTo: ['U0ADMIN'],
  backlog: [{ queue: 'inbound', waiting: 1, active: 2, delayed: 3, failed: 4 }],
  failures: {
    items: Array.from({ length: FAILURES_SHOWN }, (_, i) => ({
      kind: i % 2 ? ('line_push' as const) : ('inbound_event' as const),
      id: i + 1,
      caseCode: i % 2 ? 'C-0001' : null,
      source: i % 2 ? null : 'line',
      at: new Date('2027-03-09T01:00:00Z'),
      reason: i % 2 ? 'blocked' : 'message',
      retryable: i !== 2,
    })),
    total: FAILURES_SHOWN + 5,
  },
  settings: [
    ...EDITABLE_SETTINGS.map((s) => line(s.env, s.builtIn, s.env === 'DIGEST_TIME' ? 'admin' : 'environment')),
    ...Array.from({ length: extraSettings }, (_, i) => line(`FUTURE_SETTING_${i}`, 'x')),
  ],
  ignoredSettings: [],
});

const buttons = (blocks: unknown[]) =>
  blocks.flatMap((b) => {
    const accessory = (b as { accessory?: { type: string; action_id: string; value: string } }).accessory;
    return accessory?.type === 'button' ? [accessory] : [];
  });

describe("the admins' App Home (Block Kit)", () => {
  it('says who gets the quota warnings, or that nobody does', () => {
    const quotaText = (home: AdminHome, o: typeof ja | typeof en) =>
      JSON.stringify(renderAdminHome(home, o).blocks.find((b) => (b as { block_id?: string }).block_id === 'quota'));
    expect(quotaText(fullHome(), ja)).toContain('<@U0ADMIN>');
    expect(quotaText({ ...fullHome(), quotaWarningsTo: [] }, ja)).toContain('警告の送り先がありません');
    expect(quotaText({ ...fullHome(), quotaWarningsTo: [] }, en)).toContain('Nobody gets the warnings');
  });

  it('stays within the Home tab’s 100 blocks with every failure shown and room for more settings', () => {
    const home = renderAdminHome(fullHome(20), ja);
    expect(home.type).toBe('home');
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    // A retry button for each retryable failure, a change button for each setting.
    expect(buttons(home.blocks).filter((b) => b.action_id === 'admin.retry')).toHaveLength(FAILURES_SHOWN - 1);
    expect(buttons(home.blocks).filter((b) => b.action_id === 'admin.setting.edit')).toHaveLength(EDITABLE_SETTINGS.length + 20);
  });

  it('says what could not be read, in English too', () => {
    const view = { ...fullHome(), health: undefined, quota: undefined, backlog: undefined, failures: undefined };
    const text = JSON.stringify(renderAdminHome(view, en).blocks);
    expect(text.match(/could not be read/g)?.length).toBeGreaterThanOrEqual(3);
    const full = JSON.stringify(renderAdminHome(fullHome(), en).blocks);
    expect(full).toContain('❌ Queues: not answering');
    expect(full).toContain('42 (no limit)');
    expect(full).toContain('Last webhook from Slack: none yet');
    expect(full).toContain('changed here by <@U0ADMIN> on 2027/03/09 12:00');
    expect(full).toContain('and 5 more');
  });

  it('shows someone who is not an admin no controls', () => {
    const home = renderAdminHome({ kind: 'not_admin' }, ja);
    expect(buttons(home.blocks)).toEqual([]);
    expect(JSON.stringify(home)).not.toContain('actions');
  });

  it('reads back only the retry values it makes', () => {
    expect(parseFailureValue(failureValue({ kind: 'thread_post', id: 12 }))).toEqual({ kind: 'thread_post', id: 12 });
    for (const forged of ['thread_post:', 'drop_table:1', 'inbound_event:1:2', 'line_push:-1', '']) expect(parseFailureValue(forged), forged).toBeUndefined();
  });
});
