import type { Core } from '../core/deps.js';
import type { Logger } from '../lib/logger.js';
import type { RenderOptions } from './render/thread/index.js';
import type { StaffText } from './text/staff-text.js';

/** What Slack listeners work with: the core, the staff's words, and how to render. */
export interface SlackContext {
  core: Core;
  text: StaffText;
  language: 'ja' | 'en';
  timeZone: string;
  render: RenderOptions;
  logger: Logger;
}
