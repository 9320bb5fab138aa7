import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { SLASH_COMMANDS } from '../../app-manifest.js';
import { registerCommand } from './run-command.js';
import { monitoring } from './schedule/monitoring.js';
import { placement } from './schedule/placement.js';
import { visit } from './schedule/visit.js';

/** /visit, /monitoring and /placement: the schedule the law and the person's plan require. */
export function registerScheduleCommands(app: App, ctx: SlackContext): void {
  registerCommand(app, ctx, SLASH_COMMANDS.visit.command, visit);
  registerCommand(app, ctx, SLASH_COMMANDS.monitoring.command, monitoring);
  registerCommand(app, ctx, SLASH_COMMANDS.placement.command, placement);
}
