import { InviteRefusedShared, issueInvite } from '../../../../core/linking/invite.js';
import { organisationNamesForStaff } from '../../../../core/linking/sharing.js';
import { CONTACT_ROLES } from '../../../../core/model/contacts.js';
import type { ChannelSharing } from '../../../../core/ports/slack-side.js';
import { cleanDisplayName } from '../../../../lib/display-name.js';
import { slackErrorCode } from '../../../outbound/slack-call.js';
import { joinMrkdwn, type Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

const formatJst = (d: Date, timeZone: string) => new Intl.DateTimeFormat('ja-JP', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d);

/**
 * /case invite <case> <本人|家族|関係機関> [relation]: a one-time code (stored hashed) for the invoker
 * to hand over, with LINE's add-friend link and, by DM, a QR code that opens LINE with the code filled in.
 * In a channel shared with other organisations (Slack Connect) the invoker is told so, and that the
 * person will be told too; with SHARED_CHANNEL_LINKING=refuse no code is issued there.
 */
export async function invite(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const t = ctx.text;
  const [caseInput, roleInput, ...relationWords] = cmd.args;
  const caseRow = await resolveCase(cmd, caseInput, '/case invite C-0001 家族 母');
  if (caseRow.status !== 'open') throw new CommandProblem(t.caseClosed(caseRow.code));
  if (!roleInput) throw new CommandProblem(t.missingRole);
  const role = CONTACT_ROLES.find((r) => r === roleInput.normalize('NFKC'));
  if (!role) throw new CommandProblem(t.unknownRole(roleInput));
  const relation = cleanDisplayName(relationWords.join(' '), 40);

  let issued;
  try {
    issued = await issueInvite(ctx.core, {
      caseRow,
      role,
      relation,
      by: cmd.userId,
      sharing: await sharingOf(cmd, caseRow.slackChannelId, caseRow.slackTeamId),
    });
  } catch (error) {
    if (error instanceof InviteRefusedShared) throw new CommandProblem(t.linking.inviteRefusedShared(organisationNamesForStaff(error.sharing)));
    throw error;
  }
  const lines = [t.inviteIssued(issued.code, caseRow.code, role, relation, formatJst(issued.expiresAt, ctx.timeZone))];
  if (issued.sharing?.shared) lines.push(t.linking.sharedChannelNote(organisationNamesForStaff(issued.sharing)));
  if (issued.link) lines.push(t.inviteLinkLine(issued.link));
  return joinMrkdwn(lines);
}

/**
 * The case channel's sharing. With SHARED_CHANNEL_LINKING=refuse it must be known, so a failed check
 * stops the command; otherwise the consent question checks again anyway (undefined: unknown now).
 */
async function sharingOf(cmd: CommandInput, channelId: string, teamId: string | null): Promise<ChannelSharing | undefined> {
  const { ctx } = cmd;
  try {
    return await ctx.core.directory.sharing(channelId, teamId);
  } catch (error) {
    const reason = slackErrorCode(error);
    if (ctx.core.settings.invites.sharedChannelLinking === 'refuse') throw new CommandProblem(ctx.text.linking.sharingCheckFailed(reason));
    ctx.logger.warn({ code: reason }, 'could not check whether the case channel is shared; the consent question will');
    return undefined;
  }
}
