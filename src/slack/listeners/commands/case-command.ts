import type { App } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { words } from '../../../cases/command-args.js';
import { errorMessage } from '../../../lib/errors.js';
import { close, unlink } from './case/close.js';
import { CommandProblem, type CommandInput } from './case/command-input.js';
import { exportCase } from './case/export.js';
import { invite } from './case/invite.js';
import { reminderCommand, remind, supervisor } from './case/remind.js';
import { newCase } from './case/new-case.js';
import { list, show } from './case/show.js';

const subcommands: Record<string, (cmd: CommandInput & { triggerId: string }) => Promise<string>> = {
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
 * through the command's response_url. Mistakes get a message saying what to type; failures get a
 * short apology, never a stack trace.
 */
export function registerCaseCommand(app: App, ctx: AppContext): void {
  app.command('/case', async ({ command, ack, respond }) => {
    await ack();
    const [sub = 'help', ...args] = words(command.text ?? '');
    const reply = (text: string) => respond({ response_type: 'ephemeral', text });
    const handler = subcommands[sub.toLowerCase()];
    if (!handler) {
      await reply(sub === 'help' || sub === 'ヘルプ' ? ctx.text.caseHelp : `${ctx.text.unknownSubcommand(sub)}\n\n${ctx.text.caseHelp}`);
      return;
    }
    try {
      await reply(await handler({ ctx, userId: command.user_id, channelId: command.channel_id, teamId: command.team_id ?? null, args, triggerId: command.trigger_id }));
    } catch (error) {
      if (error instanceof CommandProblem) {
        await reply(error.reply);
        return;
      }
      ctx.logger.error({ sub, err: errorMessage(error) }, '/case failed');
      await reply(ctx.text.internalError);
    }
  });
}
