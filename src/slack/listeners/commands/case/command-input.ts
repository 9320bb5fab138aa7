import type { webApi } from '@slack/bolt';
import { parseCaseCode } from '../../../../core/cases/case-code.js';
import type { Case } from '../../../../core/model/cases.js';
import { authorizeCase } from '../../../authorize.js';
import type { SlackContext } from '../../../context.js';
import type { SlackTextInput } from '../../../mrkdwn.js';

export interface CommandInput {
  ctx: SlackContext;
  /** Bolt's client for this request (views.open needs the command's trigger_id within 3 s). */
  client: webApi.WebClient;
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
 * The case named by `input`, if it exists and the invoker may work on it (authorizeCase: a member
 * of its channel); otherwise a CommandProblem with the message to show. Refusals are audit-logged
 * with the command (`usage` starts with it).
 */
export async function resolveCase(cmd: CommandInput, input: string | undefined, usage: string): Promise<Case> {
  const t = cmd.ctx.text;
  if (!input) throw new CommandProblem(t.missingCase(usage));
  const code = parseCaseCode(input);
  if (!code) throw new CommandProblem(t.badCaseCode(input));
  const caseRow = await cmd.ctx.core.store.cases.byCode(code);
  if (!caseRow) throw new CommandProblem(t.caseNotFound(code));
  const access = await authorizeCase(cmd.ctx, { userId: cmd.userId, caseRow, via: commandName(usage) });
  if (!access.allowed) throw new CommandProblem(access.refusal);
  return caseRow;
}

/** `/case show C-0001` → `/case show`; a usage text in backticks (`/visit <ケース> …`) → `/visit`. */
function commandName(usage: string): string {
  const words = usage.replace(/`/g, '').split(/\s+/);
  return words[0] === '/case' ? words.slice(0, 2).join(' ') : (words[0] ?? '');
}
