import { HTTPFetchError } from '@line/bot-sdk';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';

export class LineContentNotReadyError extends AppError {
  constructor() {
    super('line_transcoding', 'LINE is still preparing the video or audio');
  }
}

export type LineContent = { ok: true; body: Buffer; contentType: string | undefined } | { ok: false; reason: 'gone' | 'transcoding_failed' };

/**
 * Copies a message's content from LINE's data API. Video and audio wait for LINE's transcoding
 * (a retryable error while it runs). Content LINE no longer has (404) is reported, not retried.
 */
export async function fetchLineContent(ctx: AppContext, lineMessageId: string, kind: string): Promise<LineContent> {
  try {
    if (kind === 'video' || kind === 'audio') {
      const { status } = await ctx.line.blob.getMessageContentTranscodingByMessageId(lineMessageId);
      if (status === 'processing') throw new LineContentNotReadyError();
      if (status === 'failed') return { ok: false, reason: 'transcoding_failed' };
    }
    const res = await ctx.line.blob.getMessageContentWithHttpInfo(lineMessageId);
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(Buffer.from(chunk as Uint8Array));
    return { ok: true, body: Buffer.concat(chunks), contentType: res.httpResponse.headers.get('content-type') ?? undefined };
  } catch (error) {
    if (error instanceof HTTPFetchError && (error.status === 404 || error.status === 410)) return { ok: false, reason: 'gone' };
    throw error;
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mp4': 'm4a',
};

/** A file name for content LINE sends without one (images, video, audio). */
export function mediaFileName(kind: string, lineMessageId: string, contentType: string | undefined): string {
  const ext = (contentType && EXTENSIONS[contentType.split(';')[0]?.trim() ?? '']) ?? { image: 'jpg', video: 'mp4', audio: 'm4a' }[kind] ?? 'bin';
  return `line-${kind}-${lineMessageId}.${ext}`;
}
