import { randomBytes } from 'node:crypto';
import type { Core } from '../deps.js';
import type { SecretStore } from '../ports/store.js';
import { hashInviteCode } from './invite-code.js';

const SECRET_NAME = 'invite_code_key';
/** The generated key, read once per running app (per store). */
const generated = new WeakMap<SecretStore, Promise<string>>();

type KeyDeps = Pick<Core, 'settings'> & { store: Pick<Core['store'], 'secrets'> };

/**
 * The key of invite-code hashes: INVITE_CODE_SECRET, or else a random key generated once and kept in
 * the database (every replica uses the same). It is not the LINE channel secret, so rotating that
 * secret leaves outstanding codes valid.
 */
export async function inviteCodeKey(core: KeyDeps): Promise<string> {
  if (core.settings.invites.codeSecret) return core.settings.invites.codeSecret;
  const secrets = core.store.secrets;
  let key = generated.get(secrets);
  if (!key) {
    key = secrets.ensure(SECRET_NAME, () => randomBytes(32).toString('base64url'));
    generated.set(secrets, key);
    // A failed read is tried again next time; the caller sees the error itself.
    key.catch(() => generated.delete(secrets));
  }
  return key;
}

/** The hash a new code is stored under. */
export async function inviteCodeHash(core: KeyDeps, canonical: string): Promise<string> {
  return hashInviteCode(canonical, await inviteCodeKey(core));
}

/**
 * Every hash a stored code may have, newest key first. Codes issued before codes had a key of their
 * own were hashed with the LINE channel secret; they are still accepted. Such codes expire
 * INVITE_TTL_HOURS (at most 30 days) after they were issued: the second hash can be removed once a
 * release with the invite-code key has been running for that long.
 */
export async function inviteCodeHashes(core: KeyDeps, canonical: string): Promise<string[]> {
  const current = await inviteCodeHash(core, canonical);
  const legacy = hashInviteCode(canonical, core.settings.lineChannelSecret);
  return current === legacy ? [current] : [current, legacy];
}
