import { pino, type DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from '../config/env.js';

/**
 * Where `npm start` writes its logs: JSON lines on stdout (what log collectors read), or readable
 * lines when LOG_FORMAT=pretty or, with LOG_FORMAT unset, when stdout is a terminal. Either way each
 * line is written synchronously, when it is logged (see main.ts for why).
 */
export function logDestination(format: Config['logFormat'], stdoutIsTerminal: boolean = process.stdout.isTTY === true): DestinationStream {
  const pretty = format === undefined ? stdoutIsTerminal : format === 'pretty';
  if (!pretty) return pino.destination({ dest: 1, sync: true });
  return pinoPretty({
    destination: 1,
    sync: true,
    colorize: stdoutIsTerminal,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
    singleLine: true,
  });
}
