import { serviceByKey } from '../../../../cases/services.js';
import { contactsOfCase } from '../../../../db/queries/contacts.js';
import { listCasesInChannel } from '../../../../db/queries/cases.js';
import { escapeSlackText } from '../../../../relay/slack-escape.js';
import { resolveCase, type CommandInput } from './command-input.js';

/** /case show <case>: the case, and each LINE link with its number and consent state. */
export async function show(cmd: CommandInput): Promise<string> {
  const { ctx } = cmd;
  const t = ctx.text;
  const caseRow = await resolveCase(cmd, cmd.args[0], '/case show C-0001');
  const service = serviceByKey(caseRow.service);
  const serviceName = service ? (ctx.config.staffLanguage === 'en' ? service.nameEn : service.nameJa) : undefined;
  const contacts = await contactsOfCase(ctx.db, caseRow.id);
  const lines = [t.caseShow(caseRow.code, escapeSlackText(caseRow.label), serviceName, caseRow.status, caseRow.responsibleUserId), '', `*${t.contactsHeader}*`];
  if (contacts.length === 0) lines.push(t.noContacts);
  for (const c of contacts) {
    lines.push(t.contactLine(c.id, c.role, c.relation ? escapeSlackText(c.relation) : null, c.displayName ? escapeSlackText(c.displayName) : null, t.contactStatus[c.status] ?? c.status));
  }
  return lines.join('\n');
}

/** /case list: the cases of the channel where it is typed. */
export async function list(cmd: CommandInput): Promise<string> {
  const { ctx } = cmd;
  const rows = await listCasesInChannel(ctx.db, cmd.channelId, false);
  return ctx.text.caseList(rows.map((c) => `• *${c.code}* ${escapeSlackText(c.label)}${c.service ? `（${c.service}）` : ''} <@${c.responsibleUserId}>`));
}
