import type { App } from '@slack/bolt';
import { errorFields } from '../../../lib/errors.js';
import type { SlackContext } from '../../context.js';
import { words } from './command-args.js';
import { slackText, type SlackTextInput } from '../../mrkdwn.js';
import { CommandProblem, type CommandInput } from './case/command-input.js';

/**
 * Registers a slash command answered to the invoker only (response_url): acknowledged at once,
 * mistakes answered with what to type (CommandProblem), failures with a short apology, never a trace.
 */
export function registerCommand(
  app: App,
  ctx: SlackContext,
  name: string,
  handler: (cmd: CommandInput & { triggerId: string; text: string }) => Promise<SlackTextInput | undefined>,
): void {
  app.command(name, async ({ command, ack, respond, client }) => {
    await ack();
    const reply = (text: SlackTextInput) => respond({ response_type: 'ephemeral', text: slackText(text) });
    try {
      const answer = await handler({
        ctx,
        client,
        userId: command.user_id,
        channelId: command.channel_id,
        teamId: command.team_id ?? null,
        args: words(command.text ?? ''),
        triggerId: command.trigger_id,
        text: command.text ?? '',
      });
      if (answer) await reply(answer);
    } catch (error) {
      if (error instanceof CommandProblem) return void (await reply(error.reply));
      ctx.logger.error({ command: name, ...errorFields(error) }, 'command failed');
      await reply(ctx.text.internalError);
    }
  });
}
