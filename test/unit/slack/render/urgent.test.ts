import { describe, expect, it } from 'vitest';
import { noteSchema } from '../../../../src/core/model/messages.js';
import type { ThreadView } from '../../../../src/core/ports/views.js';
import { renderDmView } from '../../../../src/slack/render/dm/index.js';
import { ACTIONS } from '../../../../src/slack/render/post.js';
import { renderThreadView } from '../../../../src/slack/render/thread/index.js';
import { staffText } from '../../../../src/slack/text/staff-text.js';

const ja = { text: staffText.ja, timeZone: 'Asia/Tokyo', language: 'ja' as const };
const en = { text: staffText.en, timeZone: 'Asia/Tokyo', language: 'en' as const };
const buttonsOf = (blocks: unknown[]) =>
  blocks
    .flatMap((b) => (b && typeof b === 'object' && 'elements' in b ? (b.elements as Array<{ action_id?: string; value?: string }>) : []))
    .filter((e) => e.action_id !== undefined);

describe('the posts of an urgent message', () => {
  it('the 🚨 block calls the staff, names what was found (escaped) and offers 対応します and the record form', () => {
    const post = renderThreadView(
      { kind: 'urgent_alert', alertId: 12, caseCode: 'C-0007', groups: ['自殺・自傷のおそれ', '<!channel> 金銭'], call: ['U_STAFF', 'USABIKAN1'], taken: null },
      ja,
    );
    expect(post.text).toContain('🚨 緊急: C-0007');
    const shown = JSON.stringify(post.blocks);
    expect(shown).toContain('<@U_STAFF>');
    expect(shown).toContain('<@USABIKAN1>');
    expect(shown).toContain('自殺・自傷のおそれ');
    expect(shown).not.toContain('<!channel>');
    expect(buttonsOf(post.blocks)).toEqual([
      expect.objectContaining({ action_id: ACTIONS.urgentTake, value: '12' }),
      expect.objectContaining({ action_id: ACTIONS.urgentRecord, value: '12' }),
    ]);
    expect(renderThreadView({ kind: 'urgent_alert', alertId: 12, caseCode: 'C-0007', groups: ['x'], call: [], taken: null }, en).text).toContain('Urgent');
  });

  it('once taken, the block says who and when, and offers only the record form', () => {
    const post = renderThreadView(
      {
        kind: 'urgent_alert',
        alertId: 12,
        caseCode: 'C-0007',
        groups: ['x'],
        call: ['U_STAFF'],
        taken: { by: 'USABIKAN1', at: new Date('2026-11-26T14:16:00Z') },
      },
      ja,
    );
    expect(JSON.stringify(post.blocks)).toContain('✋ <@USABIKAN1>');
    expect(JSON.stringify(post.blocks)).toContain('2026/11/26 23:16');
    expect(buttonsOf(post.blocks)).toEqual([expect.objectContaining({ action_id: ACTIONS.urgentRecord, value: '12' })]);
  });

  it('says who took it and when, in the office time zone', () => {
    const note = noteSchema.parse({ kind: 'urgent_taken', alertId: 3, by: 'U_STAFF', at: '2026-11-26T14:16:00.000Z' });
    const post = renderThreadView({ ...note, messageId: 9 } as ThreadView, ja);
    expect(post.text).toContain('<@U_STAFF>');
    expect(post.text).toContain('2026/11/26 23:16');
  });

  it('says whom it escalated to, or that nobody is set', () => {
    const to = renderThreadView({ kind: 'urgent_escalated', alertId: 3, minutes: 10, to: ['UESC', 'UONCALL'], messageId: 9 }, ja);
    expect(to.text).toContain('10分');
    expect(to.text).toContain('<@UESC>');
    expect(to.text).toContain('<@UONCALL>');
    const none = renderThreadView({ kind: 'urgent_escalated', alertId: 3, minutes: 10, to: [], messageId: 9 }, ja);
    expect(none.text).toContain('ESCALATION_USER_ID');
  });

  it('quotes the automatic answer line by line (escaped), or says it failed', () => {
    const sent = renderThreadView({ kind: 'auto_answer', answer: 'emergency', text: '一行目\n<@U123> 二行目', failed: null, messageId: 9 }, ja);
    expect(sent.text).toContain('緊急時の連絡先の案内');
    expect(sent.text).toContain('> 一行目');
    expect(sent.text).not.toContain('<@U123>');
    const failed = renderThreadView({ kind: 'auto_answer', answer: 'out_of_hours', text: null, failed: 'line_quota', messageId: 9 }, ja);
    expect(failed.text).toContain('送れませんでした');
    expect(failed.text).toContain('営業時間外のお知らせ');
  });

  it('the DM names the case and the kinds found, and carries no message text', () => {
    const dm = renderDmView(
      { kind: 'urgent', case: { code: 'C-0007', label: '<!here>山田', slackChannelId: 'C0TEAM' }, groups: ['自殺・自傷のおそれ'], escalation: null },
      ja,
    );
    expect(dm.text).toContain('C-0007');
    expect(dm.text).toContain('自殺・自傷のおそれ');
    expect(dm.text).not.toContain('<!here>');
    expect(JSON.stringify(dm.blocks)).toContain('<#C0TEAM>');
    const escalation = renderDmView(
      { kind: 'urgent', case: { code: 'C-0007', label: '山田', slackChannelId: 'C0TEAM' }, groups: ['x'], escalation: { minutes: 10 } },
      ja,
    );
    expect(escalation.text).toContain('エスカレーション');
    expect(escalation.text).toContain('10分');
  });
});
