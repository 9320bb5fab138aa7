import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../lib/logger.js';

/**
 * Bolt and web-api log through pino. Only the first argument (a string) is kept, and whatever it
 * carries after a colon as JSON (web-api's debug lines print whole request and response bodies,
 * that is message text and names) is cut: payloads stay out of logs.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  const first = (args: unknown[]) => (typeof args[0] === 'string' ? redactPayload(args[0]) : 'slack log');
  return {
    debug: (...args: unknown[]) => log.debug(first(args)),
    info: (...args: unknown[]) => log.info(first(args)),
    warn: (...args: unknown[]) => log.warn(first(args)),
    error: (...args: unknown[]) => log.error(first(args)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** "http request body: {...}" → "http request body: [payload omitted]". */
export function redactPayload(line: string): string {
  const at = line.search(/[:=]\s*[[{"]/);
  return at === -1 ? line : `${line.slice(0, at + 1)} [payload omitted]`;
}
