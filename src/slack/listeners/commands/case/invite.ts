import QRCode from 'qrcode';
import { audit } from '../../../../db/queries/audit.js';
import { createInvite } from '../../../../db/queries/invites.js';
import { CONTACT_ROLES, type ContactRole } from '../../../../db/schema/contacts.js';
import { generateInviteCode, hashInviteCode, normalizeInviteCode } from '../../../../linking/invite-code.js';
import { lineBotBasicId } from '../../../../line/bot-info.js';
import { cleanDisplayName } from '../../../../lib/display-name.js';
import { errorMessage } from '../../../../lib/errors.js';
import { joinMrkdwn, slackText, type Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

const formatJst = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('ja-JP', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d);

/**
 * /case invite <case> <本人|家族|関係機関> [relation]: a one-time code (stored hashed) for the invoker
 * to hand over, with LINE's add-friend link and, by DM, a QR code that opens LINE with the code filled in.
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

  const code = generateInviteCode();
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.invites.ttlHours * 3600_000);
  const row = await createInvite(ctx.db, {
    caseId: caseRow.id,
    codeHash: hashInviteCode(normalizeInviteCode(code) as string, ctx.config.line.channelSecret),
    role: role as ContactRole,
    relation,
    createdBy: cmd.userId,
    expiresAt,
  });
  await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'invite.issued', caseId: caseRow.id, details: { inviteId: row.id, role, expiresAt: expiresAt.toISOString() } });

  const lines = [t.inviteIssued(code, caseRow.code, role, relation, formatJst(expiresAt, ctx.config.timeZone))];
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
