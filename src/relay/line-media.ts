import http from 'node:http';
import https from 'node:https';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HTTPFetchError } from '@line/bot-sdk';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';

export class LineContentNotReadyError extends AppError {
  constructor() {
    super('line_transcoding', 'LINE is still preparing the video or audio');
  }
}

/** LINE's content, not read yet: a stream of `length` bytes. */
export type LineContent =
  | { ok: true; stream: Readable; length: number; contentType: string | undefined }
  | { ok: false; reason: 'gone' | 'transcoding_failed' }
  | { ok: false; reason: 'too_large'; length: number };

/**
 * Opens a message's content on LINE's data API, without reading it. Video and audio wait for LINE's
 * transcoding (a retryable error while it runs). Content LINE no longer has (404) is reported, not
 * retried. Content larger than `maxBytes` (by LINE's Content-Length) is not read at all. Without a
 * Content-Length (Slack's upload needs the length first), at most `maxBytes` are read into memory.
 */
export async function openLineContent(ctx: AppContext, lineMessageId: string, kind: string, maxBytes: number): Promise<LineContent> {
  try {
    if (kind === 'video' || kind === 'audio') {
      const { status } = await ctx.line.blob.getMessageContentTranscodingByMessageId(lineMessageId);
      if (status === 'processing') throw new LineContentNotReadyError();
      if (status === 'failed') return { ok: false, reason: 'transcoding_failed' };
    }
    const res = await ctx.line.blob.getMessageContentWithHttpInfo(lineMessageId);
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

export class UploadFailedError extends AppError {
  constructor(detail: string) {
    super('upload_failed', detail);
  }
}

/**
 * Streams `length` bytes into an upload URL of Slack's files v2 flow (a raw POST body). More bytes
 * than announced, a non-2xx answer or no answer within `timeoutMs` fail the upload (retried later).
 */
export async function streamToUploadUrl(uploadUrl: string, source: Readable, length: number, timeoutMs: number): Promise<void> {
  const url = new URL(uploadUrl);
  const client = url.protocol === 'https:' ? https : http;
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      if (sent > length) done(new UploadFailedError(`LINE sent more than the ${length} bytes it announced`));
      else done(null, chunk);
    },
  });
  const req = client.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answered = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  await Promise.all([pipeline(source, counter, req), answered]).then(([, status]) => {
    if (status < 200 || status >= 300) throw new UploadFailedError(`the upload URL answered ${status}`);
  });
  if (sent !== length) throw new UploadFailedError(`sent ${sent} of ${length} bytes`);
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

/** A size for people: 12.3 MB, 850 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
