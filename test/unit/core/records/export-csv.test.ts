import { describe, expect, it } from 'vitest';
import type { SlackContext } from '../../../../src/slack/context.js';
import { exportWords } from '../../../../src/slack/listeners/commands/case/export.js';
import { staffText } from '../../../../src/slack/text/staff-text.js';
import { timelineCsv, type TimelineEntry } from '../../../../src/core/records/timeline.js';

const words = exportWords({ text: staffText.ja, language: 'ja' } as SlackContext);
const TZ = 'Asia/Tokyo';
const entry = (text: string): TimelineEntry => ({
  at: new Date('2026-11-20T05:30:00Z'),
  type: 'record',
  direction: '記録',
  category: '体調・メンタル',
  contactKind: '面談',
  who: '支援員A',
  place: '',
  attendees: '',
  text,
  nextStep: '',
  nextStepDate: '',
});

describe('timeline CSV for Excel', () => {
  it('starts with a BOM, ends lines with CRLF and quotes every field', () => {
    const csv = timelineCsv([entry('本人は「大丈夫」と話した,\n午後は休憩')], words, TZ);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[1]).toBe(
      '"2026/11/20 14:30","記録","記録","体調・メンタル","面談","支援員A","","","本人は「大丈夫」と話した,\n午後は休憩","",""',
    );
  });

  it('keeps cells that look like formulas as text and doubles quotes', () => {
    const text = timelineCsv([entry('=HYPERLINK("http://x")')], words, TZ)
      .subarray(3)
      .toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
