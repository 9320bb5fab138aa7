import type { Logger } from '../lib/logger.js';
import type { Clock } from './ports/clock.js';
import type { Jobs } from './ports/jobs.js';
import type { LineMessenger } from './ports/line-side.js';
import type { Locks } from './ports/locks.js';
import type { DirectMessenger, Directory, ThreadPoster } from './ports/slack-side.js';
import type { Store } from './ports/store.js';
import type { Telemetry } from './ports/telemetry.js';
import type { UrgentSettingsSource } from './ports/urgent-words.js';
import type { CoreSettings } from './settings.js';

/**
 * Everything the core works with, passed explicitly (never imported as globals): its repositories,
 * locks and queue, the two platforms behind their ports, the clock, the office's settings, a logger
 * (ids only: never message text or names) and the counters operations read (kinds and outcomes only).
 */
export interface Core {
  store: Store;
  locks: Locks;
  jobs: Jobs;
  thread: ThreadPoster;
  dm: DirectMessenger;
  directory: Directory;
  line: LineMessenger;
  clock: Clock;
  settings: CoreSettings;
  logger: Logger;
  telemetry: Telemetry;
  /** The urgent-expression list and the emergency guidance's wording in force (URGENT_WORDS_FILE, reloaded when it changes). */
  urgentWords: UrgentSettingsSource;
}

/** What a queued job tells the work it runs. */
export interface JobRun {
  attempt: number;
  /** True on the job's last attempt: give up visibly rather than leave the work owed forever. */
  lastAttempt: boolean;
  logger: Logger;
}
