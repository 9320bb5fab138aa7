import { describe, expect, it } from 'vitest';
import { escapeSlackText } from '../../../src/slack/mrkdwn.js';

describe('escapeSlackText', () => {
  it('turns Slack mentions and links into inert text', () => {
    expect(escapeSlackText('<!channel> 見て <@U123> <https://evil.example|銀行>')).toBe(
      '&lt;!channel&gt; 見て &lt;@U123&gt; &lt;https://evil.example|銀行&gt;',
    );
    expect(escapeSlackText('<!here> <!everyone> <#C123> <!subteam^S1>')).not.toMatch(/[<>]/);
  });
  it('escapes & first so existing entities stay visible as typed', () => {
    expect(escapeSlackText('&lt; A&B')).toBe('&amp;lt; A&amp;B');
  });
  it('leaves ordinary Japanese text alone', () => {
    expect(escapeSlackText('今日は体調が良いです。明日も行きます！')).toBe('今日は体調が良いです。明日も行きます！');
  });
});
