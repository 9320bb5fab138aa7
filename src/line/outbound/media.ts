import { Readable } from 'node:stream';
import { HTTPFetchError } from '@line/bot-sdk';
import type { LineContent } from '../../core/ports/line-side.js';
import { RetryableError } from '../../lib/errors.js';
import type { LineClients } from '../client.js';

/**
 * Opens a message's content on LINE's data API, without reading it. Video and audio wait for LINE's
 * transcoding (a retryable error while it runs). Content LINE no longer has (404) is reported, not
 * retried. Content larger than `maxBytes` (by LINE's Content-Length) is not read at all. Without a
 * Content-Length (Slack's upload needs the length first), at most `maxBytes` are read into memory.
 */
export async function openLineContent(line: LineClients, lineMessageId: string, kind: string, maxBytes: number): Promise<LineContent> {
  try {
    if (kind === 'video' || kind === 'audio') {
      const { status } = await line.blob.getMessageContentTranscodingByMessageId(lineMessageId);
      if (status === 'processing') throw new RetryableError('line_transcoding', 'LINE is still preparing the video or audio');
      if (status === 'failed') return { ok: false, reason: 'transcoding_failed' };
    }
    const res = await line.blob.getMessageContentWithHttpInfo(lineMessageId);
    const contentType = res.httpResponse.headers.get('content-type') ?? undefined;
    const announced = Number(res.httpResponse.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(announced) && announced >= 0) {
      if (announced > maxBytes) {
        res.body.destroy();
        return { ok: false, reason: 'too_large', length: announced };
      }
      return { ok: true, stream: res.body, length: announced, contentType };
    }
    const chunks: Buffer[] = [];
    let read = 0;
    for await (const chunk of res.body) {
      read += (chunk as Uint8Array).length;
      if (read > maxBytes) {
        res.body.destroy();
        return { ok: false, reason: 'too_large', length: read };
      }
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return { ok: true, stream: Readable.from([Buffer.concat(chunks)]), length: read, contentType };
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
