import { createHmac, randomInt } from 'node:crypto';

/**
 * One-time link codes, shown as two groups of four (e.g. `7K3M-Q9PD`). Crockford's base32 alphabet: digits and capitals
 * without I, L, O and U, so no two symbols look alike; 32 symbols carry 5 bits each, 8 symbols
 * 40 bits. Typing is forgiving: full-width characters, lower case, spaces and dashes of any kind
 * are accepted, and O, I, L read as 0, 1, 1.
 */
export const INVITE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_CODE_LENGTH = 8;

export function generateInviteCode(): string {
  let raw = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) raw += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return formatInviteCode(raw);
}

export function formatInviteCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** The 8 canonical symbols of what someone typed, or undefined if it cannot be a code. */
export function normalizeInviteCode(input: string): string | undefined {
  const halfWidth = input.normalize('NFKC'); // full-width Ａ１ → A1, full-width hyphen → '-'
  const compact = halfWidth
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―ー−_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== INVITE_CODE_LENGTH) return undefined;
  for (const ch of compact) if (!INVITE_ALPHABET.includes(ch)) return undefined;
  return compact;
}

/** True when a LINE text looks like an attempt at a code (so a wrong one counts as an attempt). */
export function looksLikeInviteCode(input: string): boolean {
  const s = input.normalize('NFKC').trim();
  return /^[0-9A-Za-z]{4}[\s\-‐‑‒–—―ー−_]?[0-9A-Za-z]{4}$/.test(s);
}

/**
 * Codes are stored only as a keyed hash (the key: see invite-key.ts), so a leaked invites table alone
 * does not allow an offline search of the 2^40 codes. INVITE_CODE_SECRET keeps the key out of the
 * database altogether.
 */
export function hashInviteCode(canonical: string, key: string): string {
  return createHmac('sha256', key).update(`invite:${canonical}`).digest('hex');
}
