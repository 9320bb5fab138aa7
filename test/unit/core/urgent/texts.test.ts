import { describe, expect, it } from 'vitest';
import { localTime, nextOpening, parseOfficeHours } from '../../../../src/core/office/index.js';
import { parseUrgentFile, DEFAULT_URGENT_LIST } from '../../../../src/core/urgent/index.js';
import { staffText } from '../../../../src/slack/text/staff-text.js';
import { urgentText } from '../../../../src/slack/text/urgent-text.js';
import { DEFAULT_EMERGENCY_GUIDANCE, familyText, openingWords } from '../../../../src/line/family/family-text.js';
import { DEFAULT_CLOSED_DAYS } from '../../../../src/core/reminders/rules/calendar.js';

const friday9 = { month: 5, day: 8, weekday: 5, hour: 9, minute: 0 };

describe('what families read outside office hours', () => {
  it('the out-of-hours answer: the message arrived, when staff will read it, what to do if it is urgent', () => {
    const text = familyText.outOfHours(friday9);
    expect(text).toContain('メッセージは事業所に届いています');
    expect(text).toContain('5月8日（金）9時以降に担当スタッフが確認します');
    expect(text).toMatch(/119（救急）.*110（警察）/);
    expect(familyText.outOfHours(undefined)).toContain('次の営業日に担当スタッフが確認します');
  });

  it('names the opening the office-hours functions compute (Thursday 23:00 → Friday 9:00)', () => {
    const at = new Date('2026-05-07T23:00:00+09:00');
    const opening = nextOpening(at, parseOfficeHours('mon-fri 09:00-18:00'), { closedDays: DEFAULT_CLOSED_DAYS }, 'Asia/Tokyo');
    expect(familyText.outOfHours(opening && localTime(opening, 'Asia/Tokyo'))).toContain('5月8日（金）9時以降');
    expect(openingWords({ month: 12, day: 28, weekday: 1, hour: 13, minute: 30 })).toBe('12月28日（月）13時30分');
  });

  it('the emergency guidance: 119, 110, こころの健康相談統一ダイヤル, よりそいホットライン (24 h), and when staff will read it', () => {
    const text = familyText.emergencyGuidance(friday9);
    expect(text).toContain('119');
    expect(text).toContain('110');
    expect(text).toContain('こころの健康相談統一ダイヤル：0570-064-556');
    expect(text).toContain('よりそいホットライン：0120-279-338（24時間・無料');
    expect(text).toContain('担当スタッフは5月8日（金）9時以降にこのメッセージを確認します');
    expect(text.length).toBeLessThan(5000); // one LINE text message
  });

  it("takes the office's wording and numbers from its URGENT_WORDS_FILE", () => {
    const { guidance } = parseUrgentFile(
      'urgent-words.json',
      JSON.stringify({
        guidance: {
          sections: [
            {
              heading: '急ぐとき',
              contacts: [
                { name: '事業所の緊急携帯', number: '090-1234-5678', note: '夜間も当番がでます' },
                { name: '救急車', number: '119' },
              ],
            },
          ],
          outOfHoursNote: 'お急ぎのときは、事業所の緊急携帯 090-1234-5678 へ。',
        },
      }),
      DEFAULT_URGENT_LIST,
    );
    const text = familyText.emergencyGuidance(friday9, guidance);
    expect(text).toContain('・事業所の緊急携帯：090-1234-5678（夜間も当番がでます）');
    expect(text).not.toContain('0570-064-556'); // sections replace the default lists as a whole
    expect(text).toContain(DEFAULT_EMERGENCY_GUIDANCE.intro); // what the office left out stays
    expect(familyText.outOfHours(friday9, guidance)).toContain('事業所の緊急携帯 090-1234-5678');
  });
});

describe('what staff read (Japanese and English)', () => {
  it('has every text in both languages, and is reachable from staffText', () => {
    expect(Object.keys(urgentText.en).sort()).toEqual(Object.keys(urgentText.ja).sort());
    expect(staffText.ja.urgent.takeButton).toBe('対応します');
    expect(staffText.en.urgent.takeButton).toBe('対応します'); // the same button label in both (the issue names it)
  });

  it('the DM names the case code, label and kind, and takes no message text', () => {
    const dm = urgentText.ja.dm('C-0001', 'ハル', ['自殺・自傷のおそれ']).text;
    expect(dm).toBe(
      '🚨 *C-0001* ハル — LINEから緊急の可能性があるメッセージが届きました（自殺・自傷のおそれ）。ケーススレッドで内容を確認し、対応する場合は「対応します」を押してください。',
    );
    expect(urgentText.ja.dm.length).toBe(3); // code, label, groups: there is no place for the text
    expect(urgentText.ja.escalationDm.length).toBe(4);
  });

  it('escapes what it is given and mentions members', () => {
    expect(urgentText.ja.dm('C-0001', '<!channel>', ['<b>']).text).toContain('&lt;!channel&gt;');
    expect(urgentText.en.escalated(10, ['U0ESC', 'U0ONCALL']).text).toBe(
      '⏫ Nobody pressed "対応します" within 10 minutes, so this was escalated to <@U0ESC> <@U0ONCALL>.',
    );
    expect(urgentText.ja.taken('U0SATO', '23:04').text).toBe('✋ <@U0SATO> が対応します（23:04）');
  });

  it('shows the automatic answer in the thread as a quote, line by line', () => {
    const text = urgentText.ja.autoAnswerSent(urgentText.ja.autoAnswerKinds.outOfHours, '一行目\n<二行目>').text;
    expect(text).toBe('🤖 送信者に自動応答を送りました（営業時間外のお知らせ）:\n> 一行目\n> &lt;二行目&gt;');
  });
});
