import { randomBytes } from 'node:crypto';
import type { Config } from '../config/env.js';
import type { Db } from '../db/client.js';
import { ensureAppSecret } from '../db/queries/app-secrets.js';
import { hashInviteCode } from './invite-code.js';

const SECRET_NAME = 'invite_code_key';
/** The generated key, read once per running app (per database handle). */
const generated = new WeakMap<Db, Promise<string>>();

/**
 * The key of invite-code hashes: INVITE_CODE_SECRET, or else a random key generated once and kept in
 * the database (every replica uses the same). It is not the LINE channel secret, so rotating that
 * secret leaves outstanding codes valid.
 */
export async function inviteCodeKey(ctx: { config: Config; db: Db }): Promise<string> {
  if (ctx.config.invites.codeSecret) return ctx.config.invites.codeSecret;
  let key = generated.get(ctx.db);
  if (!key) {
    key = ensureAppSecret(ctx.db, SECRET_NAME, () => randomBytes(32).toString('base64url'));
    generated.set(ctx.db, key);
    key.catch(() => generated.delete(ctx.db)); // a failed read is tried again next time (the caller sees the error)
  }
  return key;
}

/** The hash a new code is stored under. */
export async function inviteCodeHash(ctx: { config: Config; db: Db }, canonical: string): Promise<string> {
  return hashInviteCode(canonical, await inviteCodeKey(ctx));
}

/**
 * Every hash a stored code may have, newest key first. Codes issued before codes had a key of their
 * own were hashed with the LINE channel secret; they are still accepted. Such codes expire
 * INVITE_TTL_HOURS (at most 30 days) after they were issued: the second hash can be removed once a
 * release with the invite-code key has been running for that long.
 */
export async function inviteCodeHashes(ctx: { config: Config; db: Db }, canonical: string): Promise<string[]> {
  const current = await inviteCodeHash(ctx, canonical);
  const legacy = hashInviteCode(canonical, ctx.config.line.channelSecret);
  return current === legacy ? [current] : [current, legacy];
}
