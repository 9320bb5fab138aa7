import { audit } from '../../../../db/queries/audit.js';
import { addDays, formatDay, parseDateWord, startOfDay } from '../../../../lib/dates.js';
import { caseTimeline, timelineCsv, timelineMarkdown } from '../../../../records/export-timeline.js';
import { slackText, type Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

/**
 * /case export <case> [from] [to]: the case timeline (messages both ways, records) as CSV for Excel
 * and as Markdown, sent to the requester only, by DM. Audit-logged with the range and the count.
 */
export async function exportCase(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.records;
  const zone = ctx.config.timeZone;
  const [caseInput, fromInput, toInput] = cmd.args;
  if (!caseInput) throw new CommandProblem(r.exportUsage);
  const caseRow = await resolveCase(cmd, caseInput, '/case export C-0001');
  const day = (input: string | undefined) => {
    if (input === undefined) return undefined;
    const parsed = parseDateWord(input, ctx.now(), zone, 'past');
    if (!parsed) throw new CommandProblem(r.badExportDate(input));
    return parsed;
  };
  const fromDay = day(fromInput);
  const toDay = day(toInput);
  const range = {
    ...(fromDay ? { from: startOfDay(fromDay, zone) } : {}),
    ...(toDay ? { to: startOfDay(addDays(toDay, 1), zone) } : {}),
  };
  const rangeText = fromDay || toDay ? `${fromDay ? formatDay(fromDay) : ''} 〜 ${toDay ? formatDay(toDay) : ''}` : r.allTime;

  const names = new Map<string, Promise<string>>();
  const nameOf = (userId: string) => {
    if (!names.has(userId)) {
      names.set(
        userId,
        ctx.slack.users
          .info({ user: userId })
          .then((res) => res.user?.profile?.display_name || res.user?.real_name || userId)
          .catch(() => userId),
      );
    }
    return names.get(userId) as Promise<string>;
  };
  const entries = await caseTimeline(ctx, caseRow, range, nameOf);
  const stamp = `${caseRow.code}_${fromDay ?? 'start'}_${toDay ?? ctx.now().toISOString().slice(0, 10)}`;
  const dm = await ctx.slack.conversations.open({ users: cmd.userId });
  if (!dm.channel?.id) throw new Error('Slack did not open a DM');
  await ctx.slack.filesUploadV2({
    channel_id: dm.channel.id,
    initial_comment: slackText(r.exportComment(caseRow.code, rangeText)),
    file_uploads: [
      { file: timelineCsv(entries, ctx), filename: `${stamp}.csv`, title: `${caseRow.code}.csv` },
      { file: Buffer.from(timelineMarkdown(entries, caseRow, rangeText, ctx), 'utf8'), filename: `${stamp}.md`, title: `${caseRow.code}.md` },
    ],
  });
  await audit(ctx.db, {
    actorType: 'slack_user',
    actorId: cmd.userId,
    action: 'case.exported',
    caseId: caseRow.id,
    details: { from: fromDay ?? null, to: toDay ?? null, entries: entries.length },
  });
  return r.exportSent(caseRow.code, entries.length);
}
