import type { LiveSettings } from '../../../core/admin/live-settings.js';
import type { Operations } from '../../../core/ports/operations.js';

/** What the App Home's listeners work with besides the Slack context: the settings in force and what it shows of the system. */
export interface AdminDeps {
  live: LiveSettings;
  operations: Operations;
}
