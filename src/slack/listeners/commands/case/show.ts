import { serviceByKey } from '../../../../core/cases/services.js';
import { categoryByKey } from '../../../../core/records/categories.js';
import { caseDeletionDay } from '../../../../core/retention/policy.js';
import { formatDateTime, formatDay } from '../../../../lib/dates.js';
import { cleanDisplayName } from '../../../../lib/display-name.js';
import { joinMrkdwn, md, type Mrkdwn, type SlackTextInput } from '../../../mrkdwn.js';
import { dueText } from '../../../render/thread/reminder-ping.js';
import { resolveCase, type CommandInput } from './command-input.js';

/** /case show <case>: the case, each LINE link with its number and consent state, the latest records, what is scheduled. */
export async function show(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const t = ctx.text;
  const caseRow = await resolveCase(cmd, cmd.args[0], '/case show C-0001');
  await ctx.core.store.audit.record({
    actorType: 'slack_user',
    actorId: cmd.userId,
    action: 'case.viewed',
    caseId: caseRow.id,
    details: { via: '/case show' },
  });
  const service = serviceByKey(caseRow.service);
  const serviceName = service ? (ctx.language === 'en' ? service.nameEn : service.nameJa) : undefined;
  const contacts = await ctx.core.store.contacts.ofCase(caseRow.id);
  const heading = (words: string) => md`*${words}*`;
  const lines: SlackTextInput[] = [
    t.caseShow(caseRow.code, caseRow.label, serviceName, caseRow.status, caseRow.responsibleUserId),
    '',
    heading(t.contactsHeader),
  ];
  if (caseRow.status === 'closed' && caseRow.closedAt) {
    const retention = ctx.core.settings.retention;
    lines.splice(1, 0, t.retention.deletionScheduled(formatDay(caseDeletionDay(caseRow.closedAt, retention, ctx.timeZone)), retention.closedCaseYears));
  }
  if (contacts.length === 0) lines.push(t.noContacts);
  for (const c of contacts) {
    lines.push(t.contactLine(c.id, c.role, cleanDisplayName(c.relation), cleanDisplayName(c.displayName), t.contactStatus[c.status] ?? c.status));
  }
  const records = await ctx.core.store.records.latest(caseRow.id, 5);
  lines.push('', heading(t.records.recordsHeader));
  if (records.length === 0) lines.push(t.records.noRecords);
  for (const u of records) {
    const category = categoryByKey(u.category);
    const name = category ? (ctx.language === 'en' ? category.en : category.ja) : u.category;
    const body = u.body.length > 60 ? `${u.body.slice(0, 60)}…` : u.body;
    lines.push(t.records.recordLine(formatDateTime(u.occurredAt, ctx.timeZone), name, body.replace(/\s+/g, ' ')));
  }
  const upcoming = await ctx.core.store.reminders.openOfCase(caseRow.id, 10);
  lines.push('', heading(t.reminders.header));
  if (upcoming.length === 0) lines.push(t.reminders.none);
  for (const rem of upcoming) {
    const note = [rem.shiftReason, rem.citation].filter(Boolean).join(' / ') || null;
    lines.push(t.reminders.line(rem.id, dueText(rem, ctx.timeZone), rem.title, rem.assigneeUserId, note));
  }
  return joinMrkdwn(lines);
}

/** /case list: the cases of the channel where it is typed. */
export async function list(cmd: CommandInput): Promise<SlackTextInput> {
  const { ctx } = cmd;
  const rows = await ctx.core.store.cases.inChannel(cmd.channelId, false);
  return ctx.text.caseList(rows.map((c) => ctx.text.caseListLine(c.code, c.label, c.service, c.responsibleUserId)));
}
