import { createHash } from 'node:crypto';

/**
 * A UUID derived from `name`, for LINE's X-Line-Retry-Key: the same push retried (another attempt,
 * another worker, after a restart) carries the same key, and LINE answers 409 instead of sending twice.
 * Formatted as a version-4-shaped UUID from a SHA-256 of the name.
 */
export function retryKeyFor(name: string): string {
  const h = createHash('sha256').update(`tsunagi:${name}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x40;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
