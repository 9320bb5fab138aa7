import QRCode from 'qrcode';
import { audit } from '../../../../db/queries/audit.js';
import { createInvite } from '../../../../db/queries/invites.js';
import { CONTACT_ROLES, type ContactRole } from '../../../../db/schema/contacts.js';
import { generateInviteCode, normalizeInviteCode } from '../../../../linking/invite-code.js';
import { inviteCodeHash } from '../../../../linking/invite-key.js';
import { lineBotBasicId } from '../../../../line/bot-info.js';
import { cleanDisplayName } from '../../../../lib/display-name.js';
import { errorMessage } from '../../../../lib/errors.js';
import { classifySlackError } from '../../../api-errors.js';
import { channelSharing, organisationNamesForStaff, type ChannelSharing } from '../../../channel-sharing.js';
import { joinMrkdwn, slackText, type Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

const formatJst = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('ja-JP', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d);

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

  const sharing = await sharingOf(cmd, caseRow.slackChannelId, caseRow.slackTeamId);
  const names = sharing ? organisationNamesForStaff(sharing) : [];
  if (sharing?.shared && ctx.config.invites.sharedChannelLinking === 'refuse') {
    await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'invite.refused_shared_channel', caseId: caseRow.id, details: { organisations: names.length } });
    throw new CommandProblem(t.linking.inviteRefusedShared(names));
  }

  const code = generateInviteCode();
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.invites.ttlHours * 3600_000);
  const row = await createInvite(ctx.db, {
    caseId: caseRow.id,
    codeHash: await inviteCodeHash(ctx, normalizeInviteCode(code) as string),
    role: role as ContactRole,
    relation,
    createdBy: cmd.userId,
    expiresAt,
  });
  await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'invite.issued', caseId: caseRow.id, details: { inviteId: row.id, role, expiresAt: expiresAt.toISOString() } });

  const lines = [t.inviteIssued(code, caseRow.code, role, relation, formatJst(expiresAt, ctx.config.timeZone))];
  if (sharing?.shared) lines.push(t.linking.sharedChannelNote(names));
  try {
    const basicId = await lineBotBasicId(ctx);
    const link = `https://line.me/R/oaMessage/${encodeURIComponent(basicId)}/?${encodeURIComponent(code)}`;
    lines.push(t.inviteLinkLine(link));
    const png = await QRCode.toBuffer(link, { type: 'png', width: 480, margin: 2, errorCorrectionLevel: 'M' });
    const dm = await ctx.slack.conversations.open({ users: cmd.userId });
    if (dm.channel?.id) {
      await ctx.slack.filesUploadV2({
        channel_id: dm.channel.id,
        file: png,
        filename: `invite-${caseRow.code}.png`,
        title: `${caseRow.code} LINE`,
        initial_comment: slackText(t.inviteQrComment(caseRow.code)),
      });
    }
  } catch (error) {
    // The code alone is enough to link; the link and QR code are a convenience.
    ctx.logger.warn({ case: caseRow.code, err: errorMessage(error) }, 'invite link or QR code not delivered');
  }
  return joinMrkdwn(lines);
}

/**
 * The case channel's sharing. With SHARED_CHANNEL_LINKING=refuse it must be known, so a failed check
 * stops the command; otherwise the consent question checks again anyway (undefined: unknown now).
 */
async function sharingOf(cmd: CommandInput, channelId: string, teamId: string | null): Promise<ChannelSharing | undefined> {
  const { ctx } = cmd;
  try {
    return await channelSharing(ctx, channelId, teamId);
  } catch (error) {
    const failure = classifySlackError(error);
    const reason = failure.kind === 'rate_limited' ? 'ratelimited' : failure.code;
    if (ctx.config.invites.sharedChannelLinking === 'refuse') throw new CommandProblem(ctx.text.linking.sharingCheckFailed(reason));
    ctx.logger.warn({ code: reason }, 'could not check whether the case channel is shared; the consent question will');
    return undefined;
  }
}
