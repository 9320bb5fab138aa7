import type { webApi } from '@slack/bolt';
import type postgres from 'postgres';
import type { Config } from './config/env.js';
import type { Db } from './db/client.js';
import type { StaffText } from './i18n/staff-text.js';
import type { Logger } from './lib/logger.js';
import type { LineClients } from './line/client.js';
import type { Queues } from './queues/queues.js';

/** What handlers and processors work with: passed explicitly, never imported as globals. */
export interface AppContext {
  config: Config;
  db: Db;
  /**
   * A pool of its own for the advisory locks held while work runs (one case thread, one LINE user at a
   * time), so that holding locks never takes the connections the work itself needs.
   */
  locks: postgres.Sql;
  queues: Queues;
  slack: webApi.WebClient;
  line: LineClients;
  text: StaffText;
  logger: Logger;
  now(): Date;
}
