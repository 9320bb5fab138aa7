import type { Attachment, MessageKind } from '../db/schema/messages.js';

/** A LINE message reduced to what is stored and shown; the raw event stays in inbound_events. */
export interface NormalizedMessage {
  kind: MessageKind;
  body: string | null;
  attachments: Attachment[];
  meta: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** LINE's sticker image as Slack can show it (LINE's public sticker CDN). */
export const stickerImageUrl = (stickerId: string): string =>
  `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;

export function normalizeLineMessage(message: Record<string, unknown>): NormalizedMessage | undefined {
  const id = str(message.id) ?? '';
  switch (message.type) {
    case 'text':
      return { kind: 'text', body: str(message.text) ?? '', attachments: [], meta: {} };
    case 'sticker': {
      const stickerId = str(message.stickerId) ?? '';
      const keywords = Array.isArray(message.keywords) ? message.keywords.filter((k): k is string => typeof k === 'string') : [];
      return {
        kind: 'sticker',
        body: null,
        attachments: [],
        meta: { packageId: str(message.packageId), stickerId, keywords, imageUrl: stickerId ? stickerImageUrl(stickerId) : undefined },
      };
    }
    case 'image':
    case 'video':
    case 'audio':
      return { kind: message.type, body: null, attachments: [{ kind: message.type, lineMessageId: id }], meta: { duration: message.duration } };
    case 'file':
      return {
        kind: 'file',
        body: null,
        attachments: [{ kind: 'file', lineMessageId: id, fileName: str(message.fileName) ?? `line-file-${id}`, size: Number(message.fileSize) || 0 }],
        meta: {},
      };
    case 'location':
      return {
        kind: 'location',
        body: [str(message.title), str(message.address)].filter(Boolean).join(' '),
        attachments: [],
        meta: { title: str(message.title), address: str(message.address), latitude: message.latitude, longitude: message.longitude },
      };
    default:
      return undefined;
  }
}
