import { describe, expect, it } from 'vitest';
import { noteSchema } from '../../../../src/core/model/messages.js';
import { renderThreadView } from '../../../../src/slack/render/thread/index.js';
import { ACTIONS } from '../../../../src/slack/render/post.js';
import { staffText } from '../../../../src/slack/text/staff-text.js';

describe('the note of a LINE event that failed every attempt', () => {
  const note = noteSchema.parse({ kind: 'line_event_failed', inboundEventId: 41 });

  it('is said in the thread without its content, with 再送する naming the note', () => {
    const post = renderThreadView({ ...note, messageId: 7 } as Parameters<typeof renderThreadView>[0], {
      text: staffText.ja,
      timeZone: 'Asia/Tokyo',
      language: 'ja',
    });
    expect(post.text).toContain('処理できませんでした');
    expect(post.text).toContain('内容はここには表示しません');
    const buttons = post.blocks.flatMap((b) => ('elements' in b ? (b.elements as Array<{ action_id?: string; value?: string }>) : []));
    expect(buttons).toEqual([expect.objectContaining({ action_id: ACTIONS.retry, value: '7' })]);
  });

  it('is said in English to English-speaking staff', () => {
    const post = renderThreadView({ ...note, messageId: 7 } as Parameters<typeof renderThreadView>[0], {
      text: staffText.en,
      timeZone: 'Asia/Tokyo',
      language: 'en',
    });
    expect(post.text).toContain('could not be processed');
  });
});
