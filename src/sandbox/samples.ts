import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STICKERS } from './shared/catalog.js';

/** Bundled sample pictures, files and stickers (made for the demo; no network needed). */
export const SAMPLES_DIR = fileURLToPath(new URL('./samples/', import.meta.url));

export function readSample(name: string): Buffer | undefined {
  const file = path.join(SAMPLES_DIR, path.basename(name));
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // not a bundled sample
  }
}

export function sampleContentType(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return (
    ({ '.png': 'image/png', '.svg': 'image/svg+xml', '.pdf': 'application/pdf', '.jpg': 'image/jpeg' } as Record<string, string>)[ext] ??
    'application/octet-stream'
  );
}

/**
 * Slack shows a message's images through its own image proxy. The stand-in's proxy never fetches the
 * network: LINE's sticker images are answered with the bundled stickers, anything else is not found.
 */
export function proxiedImage(url: string): { bytes: Buffer; contentType: string } | undefined {
  const sticker = /\/sticker\/(\d+)\//.exec(url)?.[1];
  const known = sticker ? STICKERS.find((s) => s.stickerId === sticker) : undefined;
  const bytes = known ? readSample(known.file) : undefined;
  return known && bytes ? { bytes, contentType: sampleContentType(known.file) } : undefined;
}
