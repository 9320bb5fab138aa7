import { describe, expect, it } from 'vitest';
import { scrubbedLineMessagePayload } from '../../../src/relay/unsent.js';
import { lineLocationMessage, lineMediaMessage, lineTextMessage } from '../../fixtures/line-events.js';

describe('a withdrawn message\'s stored webhook event', () => {
  it('keeps ids and types only', () => {
    for (const event of [
      lineTextMessage({ userId: 'U1', text: '取り消す文' }),
      lineMediaMessage({ userId: 'U1', kind: 'file', fileName: '診断書.pdf', fileSize: 10 }),
      lineLocationMessage({ userId: 'U1', title: '自宅', address: '東京都', latitude: 35, longitude: 139 }),
    ]) {
      const scrubbed = scrubbedLineMessagePayload({ destination: 'Ubot', event });
      const text = JSON.stringify(scrubbed);
      expect(text).not.toMatch(/取り消す文|診断書|自宅|東京都|replyToken|quoteToken|latitude/);
      expect(scrubbed).toEqual({
        destination: 'Ubot',
        event: {
          type: 'message',
          mode: 'active',
          timestamp: event.timestamp,
          webhookEventId: event.webhookEventId,
          source: { type: 'user', userId: 'U1' },
          message: { id: (event.message as { id: string }).id, type: (event.message as { type: string }).type },
          withdrawn: true,
        },
      });
    }
  });
});
