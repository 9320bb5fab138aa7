import type { UrgentSettings } from '../urgent/list-file.js';

/**
 * The urgent-expression list and the emergency guidance's wording in force now. The composition
 * reads the office's URGENT_WORDS_FILE (src/wiring/urgent-words.ts) and reads it again when it
 * changes, without a restart; the core asks at each message and never keeps a copy.
 */
export interface UrgentSettingsSource {
  /** The settings in force now (reloaded first when the file changed). */
  current(): Promise<UrgentSettings>;
}
