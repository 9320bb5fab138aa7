import { audit } from '../../../../db/queries/audit.js';
import { closeCase } from '../../../../db/queries/cases.js';
import { contactsOfCase, transitionContact } from '../../../../db/queries/contacts.js';
import { postNotice } from '../../../../relay/notices.js';
import { cancelAllOpenReminders } from '../../../../reminders/cancel.js';
import { senderLabel } from '../../../blocks/sender-label.js';
import type { Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

/** /case close <case>: the case ends; relaying in both directions stops. */
export async function close(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const caseRow = await resolveCase(cmd, cmd.args[0], '/case close C-0001');
  if (caseRow.status === 'closed') throw new CommandProblem(ctx.text.caseClosed(caseRow.code));
  await closeCase(ctx.db, caseRow.id);
  await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'case.closed', caseId: caseRow.id });
  // Nothing of a closed case is due any more: its reminders stop too.
  await cancelAllOpenReminders(ctx, caseRow.id, cmd.userId);
  await postNotice(ctx, caseRow, `close:${caseRow.id}`, ctx.text.caseClosedNotice(cmd.userId));
  return ctx.text.caseClosedNow(caseRow.code);
}

/** /case unlink <case> <contact number>: staff end a LINE link. */
export async function unlink(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const caseRow = await resolveCase(cmd, cmd.args[0], '/case unlink C-0001 2');
  const n = cmd.args[1];
  if (!n) throw new CommandProblem(ctx.text.unlinkUsage);
  const contact = (await contactsOfCase(ctx.db, caseRow.id)).find((c) => String(c.id) === n.normalize('NFKC'));
  if (!contact || contact.status === 'unlinked') throw new CommandProblem(ctx.text.contactNotFound(n));
  const row = await transitionContact(ctx.db, contact.id, ['pending_consent', 'active', 'declined', 'withdrawn', 'blocked'], 'unlinked', {
    consentWithdrawnAt: ctx.now(),
  });
  if (!row) throw new CommandProblem(ctx.text.contactNotFound(n));
  const who = senderLabel(row);
  await audit(ctx.db, { actorType: 'slack_user', actorId: cmd.userId, action: 'contact.unlinked', caseId: caseRow.id, details: { contactId: row.id } });
  await postNotice(ctx, caseRow, `unlink:${row.id}:${Date.now()}`, ctx.text.unlinkedNotice(who, cmd.userId));
  return ctx.text.unlinked(who);
}
