import { ConfigError } from '../config/env.js';

/** EX_CONFIG: the configuration is wrong (sysexits.h), what every command exits with then. */
export const EXIT_CONFIG = 78;

/**
 * A command's configuration, or the exit code after saying on stderr what is wrong with it: each
 * problem on its own line (`problemsOnly`), or ConfigError's whole message with its hint.
 */
export function toolConfig<T>(load: () => T, o: { problemsOnly?: boolean } = {}): T | typeof EXIT_CONFIG {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(o.problemsOnly === false ? error.message : error.problems.join('\n'));
    return EXIT_CONFIG;
  }
}
