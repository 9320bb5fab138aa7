import { HTTPFetchError } from '@line/bot-sdk';
import type { LineMessenger } from '../../core/ports/line-side.js';
import { cleanDisplayName } from '../../lib/display-name.js';
import type { LineClients } from '../client.js';
import { familyWording, renderFamilyMessages } from '../family/render.js';
import { mediaFileName, openLineContent } from './media.js';
import { pushTexts } from './push.js';
import { retryKeyFor } from './retry-key.js';

/** How long the office's LINE ID (for add-friend links) is kept before LINE is asked again. */
const BOT_INFO_TTL_MS = 3600_000;

/** What the core asks of LINE (core/ports/line-side.ts), through the Messaging API clients. */
export function createLineMessenger(line: LineClients, now: () => Date): LineMessenger {
  let botInfo: { basicId: string; at: number } | undefined;
  return {
    /**
     * With the event's reply token (free) when it still works, else by push with a retry key made
     * from `key`, so a retried job never sends the answer twice. A reply token refused on a retried
     * attempt was most likely used by the earlier attempt: nothing more is sent.
     */
    async answer(to, familyMessages, key, attempt) {
      const messages = renderFamilyMessages(familyMessages);
      if (messages.length === 0) return;
      if (to.replyToken) {
        try {
          await line.messaging.replyMessage({ replyToken: to.replyToken, messages });
          return;
        } catch (error) {
          const tokenRefused = error instanceof HTTPFetchError && error.status === 400;
          if (!tokenRefused) throw error;
          if (attempt > 1) return;
        }
      }
      try {
        await line.messaging.pushMessage({ to: to.userId, messages }, retryKeyFor(`answer:${key}`));
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status === 409) return; // already accepted
        throw error;
      }
    },

    wording: familyWording,

    pushTexts: (to, text, key, from, accepted) => pushTexts(line, to, text, key, from, accepted),

    /** The display name (cleaned of invisible and reordering characters) and picture, or nulls when LINE will not say (not a friend). */
    async profile(userId) {
      try {
        const p = await line.messaging.getProfile(userId);
        return { displayName: cleanDisplayName(p.displayName), pictureUrl: p.pictureUrl ?? null };
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status === 404) return { displayName: null, pictureUrl: null };
        throw error;
      }
    },

    async addFriendUrl(code) {
      if (!botInfo || now().getTime() - botInfo.at >= BOT_INFO_TTL_MS) {
        const info = await line.messaging.getBotInfo();
        botInfo = { basicId: info.basicId, at: now().getTime() };
      }
      return `https://line.me/R/oaMessage/${encodeURIComponent(botInfo.basicId)}/?${encodeURIComponent(code)}`;
    },

    openContent: (lineMessageId, kind, maxBytes) => openLineContent(line, lineMessageId, kind, maxBytes),
    mediaFileName,
  };
}
