import { createHash } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { AppContext } from '../context.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { ContactRow } from '../db/schema/contacts.js';
import { familyText } from '../line/family-text.js';
import { channelSharing, type ChannelSharing } from '../slack/channel-sharing.js';

/**
 * Who can read the case channel now, and whether LINE linking is allowed there: with
 * SHARED_CHANNEL_LINKING=refuse, not in a channel shared with other organisations. Checked whenever a
 * consent question is built or answered, since a channel can be shared at any time after the invite.
 */
export async function linkingPolicy(
  ctx: Pick<AppContext, 'slack' | 'logger' | 'config'>,
  caseRow: Pick<CaseRow, 'slackChannelId' | 'slackTeamId'>,
): Promise<{ sharing: ChannelSharing; refused: boolean }> {
  const sharing = await channelSharing(ctx, caseRow.slackChannelId, caseRow.slackTeamId);
  return { sharing, refused: sharing.shared && ctx.config.invites.sharedChannelLinking === 'refuse' };
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

/**
 * What is shared with whom (naming the organisations outside the office that can read the case
 * channel, if any), then 同意する / 同意しない: a confirm template with postbacks.
 */
export function consentPrompt(contact: Pick<ContactRow, 'id' | 'role'>, sharing: ChannelSharing): messagingApi.Message[] {
  const outside = sharing.shared
    ? {
        names: sharing.organisations.flatMap((o) => (o.name ? [o.name] : [])),
        unnamed: sharing.organisations.filter((o) => !o.name).length,
      }
    : undefined;
  const tag = sharingTag(sharing);
  return [
    { type: 'text', text: familyText.consentExplanation(familyText.roleWords[contact.role] ?? '', outside) },
    {
      type: 'template',
      altText: `${familyText.consentQuestion}（${familyText.agree} / ${familyText.disagree}）`,
      template: {
        type: 'confirm',
        text: familyText.consentQuestion,
        actions: [
          { type: 'postback', label: familyText.agree, data: `consent=yes&contact=${contact.id}&s=${tag}`, displayText: familyText.agree },
          { type: 'postback', label: familyText.disagree, data: `consent=no&contact=${contact.id}`, displayText: familyText.disagree },
        ],
      },
    },
  ];
}
