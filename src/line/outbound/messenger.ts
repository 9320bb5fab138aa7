import { HTTPFetchError } from '@line/bot-sdk';
import type { LineMessenger, MonthlyQuota } from '../../core/ports/line-side.js';
import { RetryableError } from '../../lib/errors.js';
import { cleanDisplayName } from '../../lib/display-name.js';
import type { LineClients } from '../client.js';
import { familyWording, renderFamilyMessages } from '../family/render.js';
import { mediaFileName, openLineContent } from './media.js';
import { pushTexts } from './push.js';
import { monthlyQuota } from './quota.js';
import { retryKeyFor } from './retry-key.js';

/** How long the office's LINE ID (for add-friend links) is kept before LINE is asked again. */
const BOT_INFO_TTL_MS = 3600_000;

/**
 * How old an event may be for its reply token to be tried. LINE's reply tokens live seconds: LINE
 * promises no fixed time, and refusals are seen from about 30 s after the event
 * (LINE Messaging API reference, "Send reply message"). Tried only within 20 s of the event (10 s of margin for
 * the request's own way); an older event is answered by push at once.
 */
export const REPLY_TOKEN_USABLE_MS = 20_000;

/** LINE's loading animation lasts 5 to 60 seconds (in steps of 5); it ends earlier when the bot answers. */
const LOADING_SECONDS = { min: 5, max: 60 } as const;
/** The answer waits this long at most for LINE to start the animation (its reply token is ageing meanwhile). */
const LOADING_WAIT_MS = 2000;

/** What the core asks of LINE (core/ports/line-side.ts), through the Messaging API clients. */
export function createLineMessenger(line: LineClients, now: () => Date): LineMessenger {
  let botInfo: { basicId: string; at: number } | undefined;
  let quota: { value: MonthlyQuota; at: number } | undefined;
  /** Whether the reply token of an event at `eventAt` may still work (an event without a time: tried). */
  const fresh = (eventAt: Date | undefined) => !eventAt || now().getTime() - eventAt.getTime() <= REPLY_TOKEN_USABLE_MS;
  return {
    /**
     * With the event's reply token (free) when it still works, else by push with a retry key made
     * from `key`, so a retried job never sends the answer twice. A reply token refused on a retried
     * attempt was most likely used by the earlier attempt: nothing more is sent. A token older than
     * REPLY_TOKEN_USABLE_MS by the event's time is not tried at all: push at once (on a retried
     * attempt, as a refused one: the earlier attempt may have replied while it was fresh).
     */
    async answer(to, familyMessages, key, attempt) {
      const messages = renderFamilyMessages(familyMessages);
      if (messages.length === 0) return;
      if (to.replyToken && !fresh(to.eventAt) && attempt > 1) return;
      if (to.replyToken && fresh(to.eventAt)) {
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

    async monthlyQuota(maxAgeMs) {
      const at = now().getTime();
      if (quota && at - quota.at < maxAgeMs && at >= quota.at) return quota.value;
      const value = await monthlyQuota(line);
      quota = { value, at };
      return value;
    },

    /** POST /v2/bot/chat/markAsRead: a 4xx is LINE refusing the token for good; a 5xx or no answer is worth another try. */
    async markAsRead(markAsReadToken) {
      try {
        await line.messaging.markMessagesAsReadByToken({ markAsReadToken });
        return 'marked';
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status >= 400 && error.status < 500 && error.status !== 429) return 'refused';
        if (error instanceof HTTPFetchError) throw new RetryableError('line_mark_read_failed', `LINE answered ${error.status} to markAsRead`);
        throw error;
      }
    },

    /** POST /v2/bot/chat/loading/start; whatever LINE answers (or if it is slow to), the work goes on. */
    async showLoading(userId, seconds) {
      const loadingSeconds = Math.min(LOADING_SECONDS.max, Math.max(LOADING_SECONDS.min, Math.ceil(seconds / 5) * 5));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        line.messaging.showLoadingAnimation({ chatId: userId, loadingSeconds }).catch(() => undefined),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, LOADING_WAIT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
    },

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
