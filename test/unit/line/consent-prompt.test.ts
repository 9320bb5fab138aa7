import { describe, expect, it } from 'vitest';
import { consentPrompt as consentView } from '../../../src/core/linking/consent-prompt.js';
import { sharingTag } from '../../../src/core/linking/sharing.js';
import { renderFamilyMessage } from '../../../src/line/family/render.js';

/** The question as the LINE person receives it: the core's decision, rendered by the LINE adapter. */
const consentPrompt = (...args: Parameters<typeof consentView>) => renderFamilyMessage(consentView(...args));

const notShared = { shared: false, organisations: [] };
const shared = {
  shared: true,
  organisations: [
    { teamId: 'T_A', name: 'ひかり相談支援センター' },
    { teamId: 'T_B', name: null },
  ],
};
const textOf = (messages: ReturnType<typeof consentPrompt>) => (messages[0] as { text: string }).text;
const actionsOf = (messages: ReturnType<typeof consentPrompt>) =>
  (messages[1] as { template: { actions: Array<{ label: string; data: string }> } }).template.actions;

describe('the consent question', () => {
  it('says nothing leaves the office when the case channel is not shared', () => {
    const prompt = consentPrompt({ id: 7, role: '家族' }, notShared);
    expect(textOf(prompt)).toContain('ご家族として');
    expect(textOf(prompt)).toContain('事業所の外の方には共有しません');
    expect(actionsOf(prompt).map((a) => a.label)).toEqual(['同意する', '同意しない']);
    expect(actionsOf(prompt)[0]?.data).toBe('consent=yes&contact=7&s=0');
  });

  it('names the organisations outside the office that will also see the messages', () => {
    const text = textOf(consentPrompt({ id: 7, role: '本人' }, shared));
    expect(text).toContain('ひかり相談支援センター');
    expect(text).toContain('名前を確認できない組織が1団体');
    expect(text).not.toContain('事業所の外の方には共有しません');
  });

  it('still says the channel is shared when Slack names none of the organisations', () => {
    const text = textOf(consentPrompt({ id: 7, role: '本人' }, { shared: true, organisations: [{ teamId: 'T_X', name: null }] }));
    expect(text).toContain('事業所の外の組織（1団体）とも共有されています');
  });

  it('tags the 同意する button with the organisations the question named', () => {
    expect(sharingTag(notShared)).toBe('0');
    const tag = sharingTag(shared);
    expect(tag).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(
      sharingTag({
        shared: true,
        organisations: [
          { teamId: 'T_A', name: '別名' },
          { teamId: 'T_B', name: null },
        ],
      }),
    ).toBe(tag);
    expect(sharingTag({ shared: true, organisations: [{ teamId: 'T_A', name: null }] })).not.toBe(tag);
    expect(actionsOf(consentPrompt({ id: 7, role: '本人' }, shared))[0]?.data).toBe(`consent=yes&contact=7&s=${tag}`);
  });
});
