import http from 'node:http';
import https from 'node:https';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RetryableError } from '../../lib/errors.js';

/**
 * Streams `length` bytes into an upload URL of Slack's files v2 flow (a raw POST body). More bytes
 * than announced, a non-2xx answer or no answer within `timeoutMs` fail the upload (retried later).
 */
export async function streamToUploadUrl(uploadUrl: string, body: NodeJS.ReadableStream | Buffer, length: number, timeoutMs: number): Promise<void> {
  const url = new URL(uploadUrl);
  const client = url.protocol === 'https:' ? https : http;
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      if (sent > length) done(new RetryableError('upload_failed', `the source sent more than the ${length} bytes it announced`));
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
    if (status < 200 || status >= 300) throw new RetryableError('upload_failed', `the upload URL answered ${status}`);
  });
  if (sent !== length) throw new RetryableError('upload_failed', `sent ${sent} of ${length} bytes`);
}
