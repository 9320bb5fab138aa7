import { parseDateWord, parseTimeWord } from '../../../../lib/dates.js';
import type { SlackContext } from '../../../context.js';
import { CommandProblem } from '../case/command-input.js';

/** A date word (future preferred), or a CommandProblem saying how to write it. */
export function requireDate(ctx: SlackContext, input: string | undefined, usage: string): string {
  const r = ctx.text.reminders;
  if (!input) throw new CommandProblem(r.missingDate(usage));
  const day = parseDateWord(input, ctx.core.clock.now(), ctx.timeZone, 'future');
  if (!day) throw new CommandProblem(r.badDate(input));
  return day;
}

/** `HH:mm` from a time word, or undefined when the word is not a time. */
export function timeOf(input: string | undefined): string | undefined {
  const t = input ? parseTimeWord(input) : undefined;
  return t ? `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}` : undefined;
}
