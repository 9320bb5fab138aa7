import { AppError } from '../../lib/errors.js';
import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { ContactRole } from '../model/contacts.js';
import type { ChannelSharing } from '../ports/slack-side.js';
import { generateInviteCode, normalizeInviteCode } from './invite-code.js';
import { inviteCodeHash } from './invite-key.js';

/** SHARED_CHANNEL_LINKING=refuse and the case channel is shared with other organisations. */
export class InviteRefusedShared extends AppError {
  constructor(readonly sharing: ChannelSharing) {
    super('invite_refused_shared_channel', 'no invite in a channel shared with other organisations', 'mistake');
  }
}

export interface IssuedInvite {
  code: string;
  expiresAt: Date;
  /** The channel's sharing when known (the consent question checks it again anyway). */
  sharing: ChannelSharing | undefined;
  /** The add-friend link that fills in the code, if LINE could give the office's id now. */
  link: string | undefined;
}

/**
 * A one-time code (stored hashed) for the person to send on LINE, with the add-friend link and, by DM
 * to whoever asked, a QR code of it. `sharing` is what the directory said of the case channel (undefined:
 * it could not be checked now; with SHARED_CHANNEL_LINKING=refuse the caller must not go on without it).
 */
export async function issueInvite(
  core: Core,
  input: { caseRow: Case; role: ContactRole; relation: string | null; by: string; sharing: ChannelSharing | undefined },
): Promise<IssuedInvite> {
  const { caseRow, role, relation, by, sharing } = input;
  if (sharing?.shared && core.settings.invites.sharedChannelLinking === 'refuse') {
    await core.store.audit.record({
      actorType: 'slack_user',
      actorId: by,
      action: 'invite.refused_shared_channel',
      caseId: caseRow.id,
      details: { organisations: sharing.organisations.length },
    });
    throw new InviteRefusedShared(sharing);
  }
  const code = generateInviteCode();
  const expiresAt = new Date(core.clock.now().getTime() + core.settings.invites.ttlHours * 3600_000);
  const row = await core.store.invites.create({
    caseId: caseRow.id,
    codeHash: await inviteCodeHash(core, normalizeInviteCode(code) as string),
    role,
    relation,
    createdBy: by,
    expiresAt,
  });
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: by,
    action: 'invite.issued',
    caseId: caseRow.id,
    details: { inviteId: row.id, role, expiresAt: expiresAt.toISOString() },
  });
  let link: string | undefined;
  try {
    link = await core.line.addFriendUrl(code);
    await core.dm.sendInviteQr(by, caseRow.code, link);
  } catch (error) {
    // The code alone is enough to link; the link and QR code are a convenience.
    core.logger.warn({ case: caseRow.code, code: error instanceof AppError ? error.code : 'error' }, 'invite link or QR code not delivered');
  }
  return { code, expiresAt, sharing, link };
}
