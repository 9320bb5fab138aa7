import type { App } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { registerCommand } from './run-command.js';
import { monitoring } from './schedule/monitoring.js';
import { placement } from './schedule/placement.js';
import { visit } from './schedule/visit.js';

/** /visit, /monitoring and /placement: the schedule the law and the person's plan require. */
export function registerScheduleCommands(app: App, ctx: AppContext): void {
  registerCommand(app, ctx, '/visit', visit);
  registerCommand(app, ctx, '/monitoring', monitoring);
  registerCommand(app, ctx, '/placement', placement);
}
