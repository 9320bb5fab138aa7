import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  asMrkdwn,
  contextBlock,
  ephemeral,
  inertUsername,
  joinMrkdwn,
  link,
  md,
  mention,
  messageText,
  mrkdwnObject,
  sectionBlocks,
  slackText,
  splitMrkdwn,
  truncateMrkdwn,
  withoutBold,
} from '../../../src/slack/mrkdwn.js';
import { staffText } from '../../../src/slack/text/staff-text.js';

const HOSTILE = '<!channel><https://e.x|銀行>';
const SHOWN = '&lt;!channel&gt;&lt;https://e.x|銀行&gt;';

describe('md: Slack text escaped by construction', () => {
  it('escapes every interpolated value and keeps the literal markup', () => {
    expect(md`🔗 *${HOSTILE}* が連携しました`.text).toBe(`🔗 *${SHOWN}* が連携しました`);
    expect(md`${'A&B'} ${42}`.text).toBe('A&amp;B 42');
  });

  it('keeps Mrkdwn made by the module as it is, so nothing is escaped twice', () => {
    const inner = md`<${'x'}>`;
    expect(md`[${inner}] ${mention('U123ABC')}`.text).toBe('[<x>] <@U123ABC>');
    expect(md`${md`${'<b>'}`}`.text).toBe('&lt;b&gt;');
  });

  it('treats anything else that looks like Mrkdwn as text', () => {
    const forged = { text: '<!channel>', toString: () => '<!channel>' } as unknown as ReturnType<typeof md>;
    expect(md`${forged}`.text).toBe('&lt;!channel&gt;');
    expect(slackText(forged)).toBe('&lt;!channel&gt;');
  });

  it('turns plain strings into escaped text wherever Slack text is expected', () => {
    expect(slackText(HOSTILE)).toBe(SHOWN);
    expect(asMrkdwn(HOSTILE).text).toBe(SHOWN);
    expect(joinMrkdwn([HOSTILE, md`*b*`], ' · ').text).toBe(`${SHOWN} · *b*`);
    expect(ephemeral(HOSTILE)).toEqual({ response_type: 'ephemeral', replace_original: false, text: SHOWN });
  });
});

describe('trusted fragments', () => {
  it('mentions only well-formed member ids', () => {
    expect(mention('U0123ABCD').text).toBe('<@U0123ABCD>');
    expect(mention('W0123ABCD').text).toBe('<@W0123ABCD>');
    expect(mention('U123><!channel').text).toBe('@U123&gt;&lt;!channel');
    expect(mention('U123|x').text).not.toContain('<');
  });

  it('links only http(s) URLs with nothing that could end the link; the label is escaped', () => {
    expect(link('https://line.me/R/oaMessage/%40bot/?ABCD-EFGH').text).toBe('<https://line.me/R/oaMessage/%40bot/?ABCD-EFGH>');
    expect(link('https://maps.example/?a=1&b=2', '<地図>').text).toBe('<https://maps.example/?a=1&b=2|&lt;地図&gt;>');
    expect(link('https://e.x|銀行').text).toBe('https://e.x|銀行');
    expect(link('javascript:alert(1)', 'x').text).toBe('x');
    expect(link('https://e.x/>', 'x').text).toBe('x');
  });
});

describe('cutting Slack text', () => {
  it('never cuts an entity or a mention in two', () => {
    const text = md`${'a'.repeat(8)}${'&'}${mention('U0123ABCD')}`;
    // 'aaaaaaaa&amp;<@U0123ABCD>': a cut at 10 or 11 would split &amp;, at 16 the mention.
    expect(truncateMrkdwn(text, 10).text).toBe('aaaaaaaa');
    expect(truncateMrkdwn(text, 16).text).toBe('aaaaaaaa&amp;');
    expect(truncateMrkdwn(text, 100).text).toBe(text.text);
  });

  it('splits long text into pieces that each stand alone', () => {
    const long = md`${'<'.repeat(3000)}`;
    const parts = splitMrkdwn(long, 2500);
    expect(parts.every((p) => p.text.length <= 2500)).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe('&lt;'.repeat(3000));
    expect(parts.every((p) => /^(&lt;)+$/.test(p.text))).toBe(true);
  });

  it('keeps surrogate pairs together', () => {
    const parts = splitMrkdwn('a' + '😀'.repeat(20), 10);
    expect(parts.every((p) => !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p.text))).toBe(true);
  });
});

describe('Block Kit builders', () => {
  it('make mrkdwn objects with verbatim on, escaped and within Slack limits', () => {
    expect(mrkdwnObject(HOSTILE)).toEqual({ type: 'mrkdwn', text: SHOWN, verbatim: true });
    expect(contextBlock('a', md`*b*`).elements).toEqual([
      { type: 'mrkdwn', text: 'a', verbatim: true },
      { type: 'mrkdwn', text: '*b*', verbatim: true },
    ]);
    const sections = sectionBlocks('あ'.repeat(6000));
    expect(sections.length).toBe(3);
    expect(sections.every((s) => (s.text?.text.length ?? 0) <= 2500 && s.text?.type === 'mrkdwn' && 'verbatim' in s.text && s.text.verbatim)).toBe(true);
    expect(messageText('x'.repeat(5000)).length).toBe(3000);
  });

  it('strips bold for notifications and angle brackets from usernames', () => {
    expect(withoutBold(md`⏰ *C-0001* ${'*x*'}`).text).toBe('⏰ C-0001 x');
    expect(inertUsername(`家族（母） ${HOSTILE}`)).toBe('家族（母） ＜!channel＞＜https://e.x|銀行＞');
  });
});

describe('staff texts take raw values and escape them themselves', () => {
  it('escapes names, labels and relations in notices and answers, in both languages', () => {
    for (const t of Object.values(staffText)) {
      for (const text of [
        t.joinedNotice(HOSTILE),
        t.blockedNotice(HOSTILE),
        t.unlinkedNotice(HOSTILE, 'U0STAFF'),
        t.caseShow('C-0001', HOSTILE, undefined, 'open', 'U0STAFF'),
        t.contactLine(1, '家族', HOSTILE, HOSTILE, 'x'),
        t.inviteIssued('ABCD-EFGH', 'C-0001', '家族', HOSTILE, '2026/12/01'),
        t.reminders.ping('x', 'C-0001', HOSTILE, HOSTILE, '12/01'),
        t.reminders.digestLine('C-0001', HOSTILE, HOSTILE, '12/01'),
        t.records.nextStep(HOSTILE, null),
      ]) {
        expect(text.text).not.toMatch(/<[!h]/);
        expect(text.text).toContain(SHOWN);
      }
      expect(t.unlinkedNotice('x', 'U0STAFF').text).toContain('<@U0STAFF>');
    }
  });

  it('shows usage placeholders such as <ケース> as typed, not as links', () => {
    expect(slackText(staffText.ja.caseHelp)).toContain('&lt;ケース&gt;');
    expect(staffText.ja.reminders.missingDate(staffText.ja.reminders.remindUsage).text).toContain('&lt;ケース&gt;');
  });
});

describe('the boundary', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });
  const sources = files(join(import.meta.dirname, '../../../src')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('only src/slack/mrkdwn.ts makes mrkdwn text objects', () => {
    const offenders = sources.filter((f) => !f.path.endsWith('slack/mrkdwn.ts') && /type:\s*'mrkdwn'/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('nothing escapes by hand outside src/slack/mrkdwn.ts', () => {
    const offenders = sources.filter((f) => !f.path.endsWith('slack/mrkdwn.ts') && /escapeSlackText/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
