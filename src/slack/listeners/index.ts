import type { App } from '@slack/bolt';
import type { SlackContext } from '../context.js';
import type { SlackEventRegistry } from '../event-registry.js';
import { registerSeenReaction } from './events/seen-reaction.js';
import { registerReplyButton } from './actions/reply-button.js';
import { registerRetryButton } from './actions/retry-button.js';
import { registerCaseCommand } from './commands/case-command.js';
import { registerSendShortcut } from './shortcuts/send-to-line.js';
import { registerSendSubmit } from './views/send-submit.js';
import { registerRecordEditButton } from './actions/record-edit-button.js';
import { registerUpdateCommand } from './commands/update-command.js';
import { registerRecordShortcut } from './shortcuts/record-message.js';
import { registerRecordSubmit } from './views/record-submit.js';
import { registerReminderButtons } from './actions/reminder-buttons.js';
import { registerScheduleCommands } from './commands/schedule-commands.js';
import { registerReassignSubmit } from './views/reassign-submit.js';
import { registerUrgentButtons } from './actions/urgent-buttons.js';

/** Wires every Slack surface; each listener lives in its own file. */
export function registerSlackListeners(app: App, ctx: SlackContext, events: SlackEventRegistry): void {
  registerCaseCommand(app, ctx);
  registerReplyButton(app, ctx);
  registerRetryButton(app, ctx);
  registerSendShortcut(app, ctx);
  registerSendSubmit(app, ctx);
  registerUpdateCommand(app, ctx);
  registerRecordShortcut(app, ctx);
  registerRecordSubmit(app, ctx);
  registerRecordEditButton(app, ctx);
  registerScheduleCommands(app, ctx);
  registerReminderButtons(app, ctx);
  registerReassignSubmit(app, ctx);
  registerUrgentButtons(app, ctx);
  registerSeenReaction(app, ctx, events);
}
