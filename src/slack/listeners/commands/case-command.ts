import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { md, type SlackTextInput } from '../../mrkdwn.js';
import { close, unlink } from './case/close.js';
import type { CommandInput } from './case/command-input.js';
import { registerCommand } from './run-command.js';
import { SLASH_COMMANDS } from '../../app-manifest.js';
import { exportCase } from './case/export.js';
import { invite } from './case/invite.js';
import { reminderCommand, remind, supervisor } from './case/remind.js';
import { newCase } from './case/new-case.js';
import { list, show } from './case/show.js';

export const subcommands: Record<string, (cmd: CommandInput & { triggerId: string }) => Promise<SlackTextInput>> = {
  new: newCase,
  invite,
  show,
  list,
  close,
  unlink,
  export: exportCase,
  remind,
  reminder: reminderCommand,
  supervisor,
};

/**
 * /case <subcommand> ...: acknowledged at once (Slack allows 3 s), then answered to the invoker only
 * through the command's response_url (see run-command.ts).
 */
export function registerCaseCommand(app: App, ctx: SlackContext): void {
  registerCommand(app, ctx, SLASH_COMMANDS.case.command, async (cmd) => {
    const [sub = 'help', ...args] = cmd.args;
    const handler = subcommands[sub.toLowerCase()];
    if (!handler) return sub === 'help' || sub === 'ヘルプ' ? ctx.text.caseHelp : md`${ctx.text.unknownSubcommand(sub)}\n\n${ctx.text.caseHelp}`;
    return handler({ ...cmd, args });
  });
}
