import { findService } from '../../../../cases/services.js';
import { audit } from '../../../../db/queries/audit.js';
import { createCase, deleteCase, setCaseThread } from '../../../../db/queries/cases.js';
import { PermanentError } from '../../../../queues/workers.js';
import { pacedSlackCall } from '../../../../relay/post-to-thread.js';
import { cleanDisplayName } from '../../../../lib/display-name.js';
import { errorMessage } from '../../../../lib/errors.js';
import { channelSharing, organisationNamesForStaff } from '../../../channel-sharing.js';
import { contextBlock, joinMrkdwn, md, messageText, sectionBlock, type Mrkdwn } from '../../../mrkdwn.js';
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

  const caseRow = await createCase(ctx.db, {
    label: fullLabel,
    service: service?.key ?? null,
    slackChannelId: cmd.channelId,
    slackTeamId: cmd.teamId,
    responsibleUserId: cmd.userId,
  });
  const serviceName = service ? (ctx.config.staffLanguage === 'en' ? service.nameEn : service.nameJa) : undefined;
  try {
    const res = await pacedSlackCall(ctx, cmd.channelId, () =>
      ctx.slack.chat.postMessage({
        channel: cmd.channelId,
        text: messageText(md`${caseRow.code} ${fullLabel}`),
        blocks: [sectionBlock(md`📁 ${t.caseRootBody(caseRow.code, fullLabel, serviceName, cmd.userId)}`), contextBlock(t.caseRootNote)],
        metadata: { event_type: 'tsunagi_case', event_payload: { case_id: caseRow.id, code: caseRow.code } },
      }),
    );
    if (!res.ts) throw new Error('Slack returned no ts');
    await setCaseThread(ctx.db, caseRow.id, res.ts);
  } catch (error) {
    await deleteCase(ctx.db, caseRow.id);
    if (error instanceof PermanentError && /not_in_channel|channel_not_found/.test(error.code)) throw new CommandProblem(t.botNotInChannel);
    throw new CommandProblem(t.slackFailed(error instanceof PermanentError ? error.code : 'temporary'));
  }
  await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'case.created', caseId: caseRow.id, details: { code: caseRow.code, service: service?.key ?? null } });
  return joinMrkdwn([t.caseCreated(caseRow.code), ...(await sharingNote(cmd))]);
}

/** A note on the channel's sharing for the invoker (none when it is not shared, or cannot be checked now). */
async function sharingNote(cmd: CommandInput): Promise<Mrkdwn[]> {
  const { ctx } = cmd;
  try {
    const sharing = await channelSharing(ctx, cmd.channelId, cmd.teamId);
    if (!sharing.shared) return [];
    const names = organisationNamesForStaff(sharing);
    return [ctx.config.invites.sharedChannelLinking === 'refuse' ? ctx.text.linking.sharedChannelNoLinking(names) : ctx.text.linking.sharedChannelNote(names)];
  } catch (error) {
    // Only a courtesy here: /case invite and the consent question check the sharing again themselves.
    ctx.logger.warn({ err: errorMessage(error) }, 'could not check whether the new case channel is shared');
    return [];
  }
}
