import { createHash } from 'node:crypto';
import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { ChannelSharing } from '../ports/slack-side.js';

/**
 * Who can read the case channel now, and whether LINE linking is allowed there: with
 * SHARED_CHANNEL_LINKING=refuse, not in a channel shared with other organisations. Checked whenever a
 * consent question is built or answered, since a channel can be shared at any time after the invite.
 */
export async function linkingPolicy(
  core: Pick<Core, 'directory' | 'settings'>,
  caseRow: Pick<Case, 'slackChannelId' | 'slackTeamId'>,
): Promise<{ sharing: ChannelSharing; refused: boolean }> {
  const sharing = await core.directory.sharing(caseRow.slackChannelId, caseRow.slackTeamId);
  return { sharing, refused: sharing.shared && core.settings.invites.sharedChannelLinking === 'refuse' };
}

/**
 * A short tag of the organisations a question named, carried in its 同意する button: an agreement
 * counts only for what the question said ('0': the channel was not shared, as every question said
 * before channels were checked).
 */
export function sharingTag(sharing: ChannelSharing): string {
  if (!sharing.shared) return '0';
  const ids = sharing.organisations.map((o) => o.teamId).join(',');
  return createHash('sha256').update(`shared:${ids}`).digest('base64url').slice(0, 12);
}

/** What the consent question tells the person of the organisations outside the office. */
export function outsideOrganisations(sharing: ChannelSharing): { names: string[]; unnamed: number } | null {
  if (!sharing.shared) return null;
  return { names: sharing.organisations.flatMap((o) => (o.name ? [o.name] : [])), unnamed: sharing.organisations.filter((o) => !o.name).length };
}

/** Names for staff: the team's name, or its id when Slack gave none. */
export function organisationNamesForStaff(sharing: ChannelSharing): string[] {
  return sharing.organisations.map((o) => o.name ?? o.teamId);
}
