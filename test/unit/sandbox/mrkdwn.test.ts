import { describe, expect, it } from 'vitest';
import { parseMrkdwn, plainOf } from '../../../src/sandbox/web/slack/blockkit/mrkdwn.js';

describe("the demo page's mrkdwn renderer", () => {
  it('formats bold, italic, strike and code, also next to Japanese text', () => {
    expect(parseMrkdwn('*太字*です _斜体_ ~取消~ `code`')).toEqual([
      { t: 'bold', c: [{ t: 'text', v: '太字' }] },
      { t: 'text', v: 'です ' },
      { t: 'italic', c: [{ t: 'text', v: '斜体' }] },
      { t: 'text', v: ' ' },
      { t: 'strike', c: [{ t: 'text', v: '取消' }] },
      { t: 'text', v: ' ' },
      { t: 'code', v: 'code' },
    ]);
  });

  it('leaves markers inside words and unclosed markers as text', () => {
    expect(plainOf(parseMrkdwn('a*b*c 2*3=6 *open'))).toBe('a*b*c 2*3=6 *open');
    expect(parseMrkdwn('snake_case_name')).toEqual([{ t: 'text', v: 'snake_case_name' }]);
  });

  it('nests styles', () => {
    expect(parseMrkdwn('*太字の _斜体_*')).toEqual([
      {
        t: 'bold',
        c: [
          { t: 'text', v: '太字の ' },
          { t: 'italic', c: [{ t: 'text', v: '斜体' }] },
        ],
      },
    ]);
  });

  it('shows user and channel mentions, specials and links with labels', () => {
    expect(parseMrkdwn('<@U0SATO> <@U1|sato> <#C0SHIEN|支援チーム> <!here> <https://example.jp|リンク>')).toEqual([
      { t: 'user', id: 'U0SATO' },
      { t: 'text', v: ' ' },
      { t: 'user', id: 'U1', label: 'sato' },
      { t: 'text', v: ' ' },
      { t: 'channel', id: 'C0SHIEN', label: '支援チーム' },
      { t: 'text', v: ' ' },
      { t: 'special', v: 'here' },
      { t: 'text', v: ' ' },
      { t: 'link', url: 'https://example.jp', c: [{ t: 'text', v: 'リンク' }] },
    ]);
  });

  it('links bare URLs as Slack does, without trailing punctuation', () => {
    expect(parseMrkdwn('開く: https://line.me/R/oaMessage/%40x/?AB12-CD34。')).toEqual([
      { t: 'text', v: '開く: ' },
      { t: 'link', url: 'https://line.me/R/oaMessage/%40x/?AB12-CD34', c: [{ t: 'text', v: 'https://line.me/R/oaMessage/%40x/?AB12-CD34' }] },
      { t: 'text', v: '。' },
    ]);
  });

  it('decodes entities, and escaped markup stays text (nobody is pinged by &lt;!channel&gt;)', () => {
    expect(parseMrkdwn('&lt;!channel&gt; &amp; 5 &gt; 3')).toEqual([{ t: 'text', v: '<!channel> & 5 > 3' }]);
  });

  it('turns emoji shortcodes into emoji and keeps unknown ones as typed', () => {
    expect(parseMrkdwn(':white_check_mark: :no_such_emoji:')).toEqual([
      { t: 'emoji', name: 'white_check_mark', char: '✅' },
      { t: 'text', v: ' ' },
      { t: 'emoji', name: 'no_such_emoji' },
    ]);
  });

  it('makes quotes of > lines and keeps line breaks', () => {
    expect(parseMrkdwn('前\n>引用1\n&gt;引用2\n後')).toEqual([
      { t: 'text', v: '前' },
      { t: 'quote', c: [{ t: 'text', v: '引用1' }, { t: 'br' }, { t: 'text', v: '引用2' }] },
      { t: 'text', v: '後' },
    ]);
  });

  it('keeps preformatted blocks unformatted', () => {
    expect(parseMrkdwn('```\n*not bold* <@U1>\n```')).toEqual([{ t: 'pre', v: '*not bold* <@U1>' }]);
  });

  it('shows a date token by its fallback text', () => {
    expect(plainOf(parseMrkdwn('<!date^1796000000^{date_short}|2026/11/30>'))).toBe('2026/11/30');
  });
});
