import { exportCase as exportTimeline, type ExportWords } from '../../../../core/records/timeline.js';
import { addDays, parseDateWord, startOfDay } from '../../../../lib/dates.js';
import type { SlackContext } from '../../../context.js';
import type { Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from './command-input.js';

/** The export's words in the staff's language. */
export function exportWords(ctx: SlackContext): ExportWords {
  const r = ctx.text.records;
  return {
    language: ctx.language,
    columns: r.exportColumns,
    kinds: r.exportKinds,
    directions: r.exportDirections,
    withdrawn: r.exportWithdrawn,
    fsoaip: r.fsoaip,
    placeLabel: r.placeLabel,
    attendeesLabel: r.attendeesLabel,
    nextStepLabel: r.nextStepLabel,
    title: r.exportTitle,
  };
}

/**
 * /case export <case> [from] [to]: the case timeline (messages both ways, records) as CSV for Excel
 * and as Markdown, sent to the requester only, by DM. Audit-logged with the range and the count.
 */
export async function exportCase(cmd: CommandInput): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.records;
  const zone = ctx.timeZone;
  const [caseInput, fromInput, toInput] = cmd.args;
  if (!caseInput) throw new CommandProblem(r.exportUsage);
  const caseRow = await resolveCase(cmd, caseInput, '/case export C-0001');
  const day = (input: string | undefined) => {
    if (input === undefined) return undefined;
    const parsed = parseDateWord(input, ctx.core.clock.now(), zone, 'past');
    if (!parsed) throw new CommandProblem(r.badExportDate(input));
    return parsed;
  };
  const fromDay = day(fromInput);
  const toDay = day(toInput);
  const range = {
    ...(fromDay ? { from: startOfDay(fromDay, zone) } : {}),
    ...(toDay ? { to: startOfDay(addDays(toDay, 1), zone) } : {}),
  };
  const words = exportWords(ctx);
  const rangeText = fromDay || toDay ? `${fromDay ? fromDay.replaceAll('-', '/') : ''} 〜 ${toDay ? toDay.replaceAll('-', '/') : ''}` : r.allTime;
  const entries = await exportTimeline(ctx.core, caseRow, { by: cmd.userId, range, days: { from: fromDay ?? null, to: toDay ?? null }, rangeText, words });
  return r.exportSent(caseRow.code, entries);
}
