import type { SlackWorkspace } from '../workspace.js';

export type SlackArgs = Record<string, unknown>;
export type SlackAnswer = Record<string, unknown>;

export interface MethodContext {
  ws: SlackWorkspace;
  /** This stand-in's own address, for the URLs it hands out (uploads). */
  origin: string;
}

export type SlackMethod = (c: MethodContext, args: SlackArgs) => SlackAnswer;

export const ok = (extra: SlackAnswer = {}): SlackAnswer => ({ ok: true, ...extra });
export const fail = (error: string, extra: SlackAnswer = {}): SlackAnswer => ({ ok: false, error, ...extra });

/** A string argument (numbers too, as JSON bodies may carry them); '' counts as missing. */
export function str(args: SlackArgs, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function bool(args: SlackArgs, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Slack's cursor pagination over a list (the cursor is an opaque offset). */
export function paginate<T>(items: T[], args: SlackArgs, defaultLimit: number, maxLimit = 1000): { items: T[]; nextCursor: string } {
  const cursor = str(args, 'cursor');
  const offset = cursor
    ? Number(
        Buffer.from(cursor, 'base64')
          .toString('utf8')
          .replace(/^offset:/, ''),
      ) || 0
    : 0;
  const limit = Math.min(maxLimit, Number(str(args, 'limit') ?? 0) || defaultLimit);
  const end = offset + limit;
  return { items: items.slice(offset, end), nextCursor: end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '' };
}

/** Block validation with Slack's limits: at most 50 blocks (100 in views), section text ≤ 3000, header ≤ 150. */
export function blocksError(blocks: unknown, max = 50): string | undefined {
  if (!Array.isArray(blocks) || blocks.length > max) return 'invalid_blocks';
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null || typeof (block as { type?: unknown }).type !== 'string') return 'invalid_blocks';
    const { type, text } = block as { type: string; text?: { text?: unknown } };
    const length = typeof text?.text === 'string' ? text.text.length : 0;
    if ((type === 'section' && length > 3000) || (type === 'header' && length > 150)) return 'invalid_blocks';
  }
  return undefined;
}
