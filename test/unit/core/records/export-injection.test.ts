import { describe, expect, it } from 'vitest';
import type { Case } from '../../../../src/core/model/cases.js';
import type { SlackContext } from '../../../../src/slack/context.js';
import { exportWords } from '../../../../src/slack/listeners/commands/case/export.js';
import { staffText } from '../../../../src/slack/text/staff-text.js';
import { timelineCsv, timelineMarkdown, type TimelineEntry } from '../../../../src/core/records/timeline.js';

const words = exportWords({ text: staffText.ja, language: 'ja' } as SlackContext);
const TZ = 'Asia/Tokyo';
const entry = (o: Partial<TimelineEntry>): TimelineEntry => ({
  at: new Date('2026-11-20T05:30:00Z'),
  type: 'message',
  direction: 'LINE→事業所',
  category: '',
  contactKind: 'LINE',
  who: '家族（母） 佐藤良子',
  place: '',
  attendees: '',
  text: '',
  nextStep: '',
  nextStepDate: '',
  ...o,
});
const caseRow = { code: 'C-0001', label: '佐藤R' } as Case;

/** The cells of the first data row, unquoted. */
const cells = (e: TimelineEntry): string[] => {
  const line = timelineCsv([e], words, TZ).subarray(3).toString('utf8').split('\r\n')[1] ?? '';
  return line
    .slice(1, -1)
    .split('","')
    .map((c) => c.replaceAll('""', '"'));
};

describe('item 16: the CSV export keeps every cell that Excel could run as text', () => {
  it('keeps =, +, -, @, tab and CR, their full-width forms, and whitespace before any of them as text; ordinary text stays as it is', () => {
    const risky = [
      '=1+1',
      '+81 90 1234 5678',
      '-2+3',
      '@SUM(A1)',
      '\t=cmd',
      '\r=cmd',
      '＝HYPERLINK("http://example.com")',
      '＋1',
      '－1',
      '＠SUM(A1)',
      ' =1+1',
      '  +1',
      '\u3000＝1+1',
      '\n@cmd',
    ];
    for (const text of risky) expect(cells(entry({ text }))[8], JSON.stringify(text)).toBe(`'${text}`);
    for (const text of ['体調は良い = 問題なし', '朝9時 - 出勤', '  朝から頭痛', 'メール a@example.com']) {
      expect(cells(entry({ text }))[8]).toBe(text);
    }
  });

  it('guards every column, not only the text', () => {
    const row = cells(entry({ who: '=who', place: '＠place', attendees: ' -att', nextStep: '＋next', text: 'ok' }));
    expect(row[5]).toBe("'=who");
    expect(row[6]).toBe("'＠place");
    expect(row[7]).toBe("' -att");
    expect(row[9]).toBe("'＋next");
    expect(row[8]).toBe('ok');
  });
});

describe('item 16: the Markdown export shows what people wrote as text, never as images or HTML', () => {
  const md = (e: Partial<TimelineEntry>) => timelineMarkdown([entry(e)], caseRow, '全期間', words, TZ);

  it('does not embed a remote image written in Markdown', () => {
    const out = md({ text: '見てください ![追跡](https://tracker.example/p.png) と ![ref][1]\n[1]: https://tracker.example/q.png' });
    expect(out).not.toMatch(/(^|[^\\])!\[/m);
    expect(out).toContain('https://tracker.example/p.png');
  });

  it('does not pass raw HTML through (img, script, comments, autolinks)', () => {
    const out = md({ text: '<img src="https://tracker.example/p.png"> <script>alert(1)</script> <!-- x --> <https://example.com>' });
    expect(out).not.toMatch(/(^|[^\\])</m);
    expect(out).toContain('\\<img src="https://tracker.example/p.png">');
  });

  it('cannot undo the escaping with a backslash of its own', () => {
    const out = md({ text: '\\<img src=x> \\![a](https://tracker.example/p.png)' });
    // Every backslash the person typed is itself escaped, so ours still applies.
    expect(out).toContain('\\\\\\<img src=x>');
    expect(out).toContain('\\\\!\\[a]');
  });

  it('escapes names, places, people present and next steps too, and keeps them on their line', () => {
    const out = md({
      type: 'record',
      category: '体調・メンタル',
      who: '<img src=x>',
      place: '![p](https://tracker.example/p.png)',
      attendees: '<b>母</b>',
      nextStep: '<script>x</script>',
      text: '本文',
    });
    expect(out).not.toMatch(/(^|[^\\])</m);
    expect(out).not.toMatch(/(^|[^\\])!\[/m);
  });

  it('keeps a name with a line break on its heading line, and a multi-line text inside its quote', () => {
    const out = md({ who: '佐藤\n## 偽の見出し', text: '一行目\n## 偽の見出し\n三行目' });
    expect(out.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(1);
    expect(out).toContain('> ## 偽の見出し');
  });
});
