import { closeCase } from '../../../../core/cases/close-case.js';
import { unlinkContact } from '../../../../core/linking/unlink.js';
import { senderLabel } from '../../../render/sender.js';
import type { Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

/** /case close <case>: the case ends; relaying in both directions stops, and nothing of it is due any more. */
export async function close(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const caseRow = await resolveCase(cmd, cmd.args[0], '/case close C-0001');
  if (caseRow.status === 'closed' || !(await closeCase(ctx.core, caseRow, cmd.userId))) throw new CommandProblem(ctx.text.caseClosed(caseRow.code));
  return ctx.text.caseClosedNow(caseRow.code);
}

/** /case unlink <case> <contact number>: staff end a LINE link. */
export async function unlink(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const caseRow = await resolveCase(cmd, cmd.args[0], '/case unlink C-0001 2');
  const n = cmd.args[1];
  if (!n) throw new CommandProblem(ctx.text.unlinkUsage);
  const contactId = Number(n.normalize('NFKC'));
  const row = Number.isInteger(contactId) ? await unlinkContact(ctx.core, caseRow, contactId, cmd.userId) : undefined;
  if (!row) throw new CommandProblem(ctx.text.contactNotFound(n));
  return ctx.text.unlinked(senderLabel(row));
}
