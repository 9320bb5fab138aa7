import fs from 'node:fs/promises';
import { DEFAULT_URGENT_LIST } from '../core/urgent/default-list.js';
import { compileUrgentList, UrgentListError, type UrgentListDefinition } from '../core/urgent/list.js';
import { parseUrgentFile, UrgentWordsFileError, type UrgentSettings } from '../core/urgent/list-file.js';
import type { UrgentSettingsSource } from '../core/ports/urgent-words.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

/**
 * The urgent-expression list in force (the core's UrgentSettingsSource port, core/ports/urgent-words.ts), read from the office's file (URGENT_WORDS_FILE) and read again
 * whenever the file changes, without a restart: each `current()` looks at the file's modification time
 * and size (one `stat`, far cheaper than the message it is asked for).
 *
 * - At start (`openUrgentSettings`) the file must exist and be valid: a broken file stops the start
 *   with every problem named, like a wrong setting.
 * - Later, a file that becomes invalid, or disappears, leaves the last good list in force and logs a
 *   warning once per change of the file (with the problems; they are about the file, not about people).
 *   Fixing the file brings the new list in on the next message.
 */
export interface OpenUrgentSettingsOptions {
  /** URGENT_WORDS_FILE; undefined: the defaults, never reloaded. */
  file: string | undefined;
  logger: Logger;
  /** The list the file is merged over (default: the shipped list). */
  defaults?: UrgentListDefinition;
}

/** Reads the file once; throws UrgentWordsFileError when it is missing or invalid at start. */
export async function openUrgentSettings(options: OpenUrgentSettingsOptions): Promise<UrgentSettingsSource> {
  const defaults = options.defaults ?? DEFAULT_URGENT_LIST;
  const { file, logger } = options;
  if (file === undefined) {
    const fixed: UrgentSettings = { list: compileUrgentList(defaults), guidance: undefined };
    return { current: async () => fixed };
  }

  const first = await readVersion(file);
  if ('missing' in first)
    throw new UrgentWordsFileError(file, [`cannot read the file (${first.missing}); create it (an empty list is {}) or unset URGENT_WORDS_FILE`]);
  let good = parseUrgentFile(file, first.source, defaults);
  let signature = first.signature;
  logger.info({ file, expressions: good.list.expressions.length }, 'urgent-words file read');

  let reloading: Promise<UrgentSettings> | undefined;
  const reloadIfChanged = async (): Promise<UrgentSettings> => {
    const stat = await statSignature(file);
    if (stat === signature) return good;
    signature = stat;
    if (stat.startsWith('missing:')) {
      logger.warn({ file, problem: stat.slice('missing:'.length) }, 'urgent-words file cannot be read; the last good list stays in force');
      return good;
    }
    const version = await readVersion(file);
    if ('missing' in version) {
      logger.warn({ file, problem: version.missing }, 'urgent-words file cannot be read; the last good list stays in force');
      return good;
    }
    // The file may have changed again between the stat and the read: what was read is judged, and its
    // own signature kept, so that a later change is still noticed.
    signature = version.signature;
    try {
      good = parseUrgentFile(file, version.source, defaults);
      logger.info({ file, expressions: good.list.expressions.length }, 'urgent-words file changed; the new list is in force');
    } catch (error) {
      if (!(error instanceof UrgentListError)) throw error;
      logger.warn({ file, problems: error.problems }, 'urgent-words file is invalid; the last good list stays in force');
    }
    return good;
  };

  return {
    current: () => {
      // One look at the file at a time: messages arriving together share it.
      reloading ??= reloadIfChanged().finally(() => {
        reloading = undefined;
      });
      return reloading;
    },
  };
}

/** The file's identity and version, or `missing:<reason>`. */
async function statSignature(file: string): Promise<string> {
  try {
    const s = await fs.stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (error) {
    return `missing:${errorMessage(error)}`;
  }
}

async function readVersion(file: string): Promise<{ source: string; signature: string } | { missing: string }> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const s = await handle.stat();
      const source = await handle.readFile({ encoding: 'utf8' });
      return { source, signature: `${s.ino}:${s.size}:${s.mtimeMs}` };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { missing: errorMessage(error) };
  }
}
