import type { IncomingLineMessage } from '../../core/model/messages.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** LINE's sticker image as Slack can show it (LINE's public sticker CDN). */
export const stickerImageUrl = (stickerId: string): string =>
  `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;

/**
 * A LINE message event reduced to what the core stores and shows (the raw event stays in the intake
 * until it is handled). Undefined for a message type the relay does not carry.
 */
export function normalizeLineMessage(event: { webhookEventId: string; message?: Record<string, unknown> }, sentAt: Date): IncomingLineMessage | undefined {
  const message = event.message ?? {};
  const id = str(message.id) ?? '';
  const markAsReadToken = str(message.markAsReadToken) ?? null;
  const base = { webhookEventId: event.webhookEventId, lineMessageId: id || null, sentAt, markAsReadToken, text: null, details: null, attachments: [] };
  switch (message.type) {
    case 'text':
      return { ...base, kind: 'text', text: str(message.text) ?? '' };
    case 'sticker': {
      const stickerId = str(message.stickerId) ?? '';
      const keywords = Array.isArray(message.keywords) ? message.keywords.filter((k): k is string => typeof k === 'string') : [];
      return {
        ...base,
        kind: 'sticker',
        details: {
          sticker: { packageId: str(message.packageId) ?? null, stickerId, keywords, ...(stickerId ? { imageUrl: stickerImageUrl(stickerId) } : {}) },
        },
      };
    }
    case 'image':
    case 'video':
    case 'audio':
      return {
        ...base,
        kind: message.type,
        attachments: [{ kind: message.type, lineMessageId: id }],
        details: typeof message.duration === 'number' ? { durationMs: message.duration } : null,
      };
    case 'file':
      return {
        ...base,
        kind: 'file',
        attachments: [{ kind: 'file', lineMessageId: id, fileName: str(message.fileName) ?? `line-file-${id}`, size: Number(message.fileSize) || 0 }],
      };
    case 'location': {
      const title = str(message.title) ?? null;
      const address = str(message.address) ?? null;
      return {
        ...base,
        kind: 'location',
        text: [title, address].filter(Boolean).join(' '),
        details:
          typeof message.latitude === 'number' && typeof message.longitude === 'number'
            ? { location: { title, address, latitude: message.latitude, longitude: message.longitude } }
            : null,
      };
    }
    default:
      return undefined;
  }
}
