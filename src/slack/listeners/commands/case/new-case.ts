import { OpenCaseProblem, openCase } from '../../../../core/cases/open-case.js';
import { findService } from '../../../../core/cases/services.js';
import { organisationNamesForStaff } from '../../../../core/linking/sharing.js';
import { cleanDisplayName } from '../../../../lib/display-name.js';
import { errorCode } from '../../../../lib/errors.js';
import { joinMrkdwn, type Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, type CommandInput } from './command-input.js';

/**
 * /case new <label> [service]: the case's root message in this channel; its thread is the case thread.
 * In a channel shared with other organisations (Slack Connect) the invoker is told who else reads it,
 * and what that means for LINE linking.
 */
export async function newCase(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const t = ctx.text;
  // /case new <label> [service]: with two or more words the last one is the service.
  const [label, ...rest] = cmd.args;
  if (!label) throw new CommandProblem(t.missingLabel);
  const serviceWord = rest.length > 0 ? rest[rest.length - 1] : undefined;
  const service = serviceWord !== undefined ? findService(serviceWord) : undefined;
  if (serviceWord !== undefined && !service) throw new CommandProblem(t.unknownService(serviceWord));
  const fullLabel = cleanDisplayName([label, ...rest.slice(0, -1)].join(' '), 60);
  if (!fullLabel) throw new CommandProblem(t.missingLabel);
  try {
    const caseRow = await openCase(ctx.core, { label: fullLabel, service: service?.key ?? null, channelId: cmd.channelId, teamId: cmd.teamId, by: cmd.userId });
    return joinMrkdwn([t.caseCreated(caseRow.code), ...(await sharingNote(cmd))]);
  } catch (error) {
    if (!(error instanceof OpenCaseProblem)) throw error;
    throw new CommandProblem(error.reason === 'bot_not_in_channel' ? t.botNotInChannel : t.slackFailed(error.detail));
  }
}

/** A note on the channel's sharing for the invoker (none when it is not shared, or cannot be checked now). */
async function sharingNote(cmd: CommandInput): Promise<Mrkdwn[]> {
  const { ctx } = cmd;
  try {
    const sharing = await ctx.core.directory.sharing(cmd.channelId, cmd.teamId);
    if (!sharing.shared) return [];
    const names = organisationNamesForStaff(sharing);
    return [
      ctx.core.settings.invites.sharedChannelLinking === 'refuse' ? ctx.text.linking.sharedChannelNoLinking(names) : ctx.text.linking.sharedChannelNote(names),
    ];
  } catch (error) {
    // Only a courtesy here: /case invite and the consent question check the sharing again themselves.
    ctx.logger.warn({ code: errorCode(error) }, 'could not check whether the new case channel is shared');
    return [];
  }
}
