import type { AppContext } from '../../../../context.js';
import { parseCaseCode } from '../../../../cases/case-code.js';
import { findCaseByCode } from '../../../../db/queries/cases.js';
import type { CaseRow } from '../../../../db/schema/cases.js';
import { audit } from '../../../../db/queries/audit.js';
import { isChannelMember } from '../../../channel-members.js';
import type { SlackTextInput } from '../../../mrkdwn.js';

export interface CommandInput {
  ctx: AppContext;
  userId: string;
  channelId: string;
  teamId: string | null;
  args: string[];
}

/** A staff mistake: answered to the invoker only, in their language, saying what to type. */
export class CommandProblem extends Error {
  constructor(readonly reply: SlackTextInput) {
    super('command problem');
  }
}

/**
 * The case named by `input`, if it exists and the invoker is a member of its channel; otherwise a
 * CommandProblem with the message to show. Refusals are audit-logged.
 */
export async function resolveCase(cmd: CommandInput, input: string | undefined, usage: string): Promise<CaseRow> {
  const t = cmd.ctx.text;
  if (!input) throw new CommandProblem(t.missingCase(usage));
  const code = parseCaseCode(input);
  if (!code) throw new CommandProblem(t.badCaseCode(input));
  const caseRow = await findCaseByCode(cmd.ctx.db, code);
  if (!caseRow) throw new CommandProblem(t.caseNotFound(code));
  if (!(await isChannelMember(cmd.ctx.slack, caseRow.slackChannelId, cmd.userId))) {
    await audit(cmd.ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'access.refused', caseId: caseRow.id, details: { command: usage.split(' ').slice(0, 2).join(' ') } });
    throw new CommandProblem(t.notChannelMember(code));
  }
  return caseRow;
}
