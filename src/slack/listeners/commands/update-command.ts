import type { App } from '@slack/bolt';
import { CATEGORIES, findCategory } from '../../../core/records/categories.js';
import { saveNewRecord } from '../../../core/records/save-record.js';
import { localParts } from '../../../lib/dates.js';
import type { SlackContext } from '../../context.js';
import { recordModal } from '../../render/modals/record-modal.js';
import { decodeEntities } from './command-args.js';
import type { SlackTextInput } from '../../mrkdwn.js';
import { registerCommand } from './run-command.js';
import { SLASH_COMMANDS } from '../../app-manifest.js';
import { CommandProblem, resolveCase, type CommandInput } from './case/command-input.js';

const USAGE = '/update C-0001 体調 朝から頭痛があり午後早退';

/**
 * /update <case> <category> <text>: a record at once. With arguments missing, the record form opens
 * instead (the case chosen from the channel's open cases). Mistakes are answered to the invoker only.
 */
export function registerUpdateCommand(app: App, ctx: SlackContext): void {
  registerCommand(app, ctx, SLASH_COMMANDS.update.command, (cmd) => runUpdate(cmd, cmd.text, cmd.triggerId));
}

async function runUpdate(cmd: CommandInput, text: string, triggerId: string): Promise<SlackTextInput | undefined> {
  const { ctx } = cmd;
  const r = ctx.text.records;
  const m = /^\s*(\S+)?(?:\s+(\S+))?(?:\s+([\s\S]*\S))?\s*$/.exec(text) ?? [];
  const [caseWord, categoryWord] = [m[1], m[2]];
  const body = m[3] === undefined ? undefined : decodeEntities(m[3]);
  if (caseWord === 'help' || caseWord === 'ヘルプ') return r.usage;
  const now = localParts(ctx.core.clock.now(), ctx.timeZone);

  if (!caseWord) {
    const open = await ctx.core.store.cases.inChannel(cmd.channelId, false);
    if (open.length === 0) throw new CommandProblem(r.noCasesHere);
    await openForm(cmd, triggerId, { channelId: cmd.channelId }, { caseOptions: open.map((c) => ({ id: c.id, code: c.code, label: c.label })), ...now });
    return undefined;
  }
  const caseRow = await resolveCase(cmd, caseWord, USAGE);
  if (caseRow.status !== 'open') throw new CommandProblem(ctx.text.caseClosed(caseRow.code));
  const category = categoryWord ? findCategory(categoryWord) : undefined;
  if (categoryWord && !category) throw new CommandProblem(r.unknownCategory(categoryWord, categoryList(ctx)));
  if (!body || !category) {
    await openForm(cmd, triggerId, { channelId: caseRow.slackChannelId, caseId: caseRow.id }, { category: category?.key ?? null, ...now });
    return undefined;
  }
  await saveNewRecord(ctx.core, caseRow, {
    authorUserId: cmd.userId,
    category: category.key,
    occurredAt: ctx.core.clock.now(),
    body,
    idempotencyKey: `cmd:${triggerId}`,
  });
  return r.saved(caseRow.code, ctx.language === 'en' ? category.en : category.ja);
}

async function openForm(
  cmd: CommandInput,
  triggerId: string,
  state: { channelId: string; caseId?: number },
  defaults: Parameters<typeof recordModal>[1],
): Promise<void> {
  const { ctx } = cmd;
  await cmd.client.views.open({ trigger_id: triggerId, view: recordModal({ mode: 'new', ...state }, defaults, ctx.text, ctx.language) });
}

function categoryList(ctx: SlackContext): string {
  return CATEGORIES.map((c) => `${ctx.language === 'en' ? c.en : c.ja}（${c.aliases[0]}）`).join('、');
}
