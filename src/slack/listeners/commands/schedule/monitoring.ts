import { setNextMonitoring } from '../../../../core/reminders/monitoring.js';
import { formatDay } from '../../../../lib/dates.js';
import type { Mrkdwn } from '../../../mrkdwn.js';
import { CommandProblem, resolveCase, type CommandInput } from '../case/command-input.js';
import { requireDate } from './parse-when.js';

/**
 * /monitoring <case> <next date> [interval months]: the next plan review. The interval is kept per
 * person (the municipality sets it); without one, the service's default (A型/B型 6, 移行/定着 3).
 */
export async function monitoring(cmd: CommandInput & { triggerId: string }): Promise<Mrkdwn> {
  const { ctx } = cmd;
  const r = ctx.text.reminders;
  const [caseInput, dateInput, intervalInput] = cmd.args;
  const caseRow = await resolveCase(cmd, caseInput, r.monitoringUsage);
  if (caseRow.status !== 'open') throw new CommandProblem(ctx.text.caseClosed(caseRow.code));
  const day = requireDate(ctx, dateInput, r.monitoringUsage);
  let interval: number | undefined;
  if (intervalInput !== undefined) {
    interval = Number(intervalInput.normalize('NFKC').replace(/か?月$|ヶ月$|ケ月$/, ''));
    if (!Number.isInteger(interval) || interval < 1 || interval > 24) throw new CommandProblem(r.badInterval(intervalInput));
  }
  const months = await setNextMonitoring(ctx.core, caseRow, day, interval, { by: cmd.userId, key: `cmd:${cmd.triggerId}` });
  return r.monitoringCreated(caseRow.code, formatDay(day), months);
}
