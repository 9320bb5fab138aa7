import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Message text, names and tokens never belong in a log line:
 * log ids (case code, inbound event id, job id) instead. The redact list is a safety
 * net for payloads that slip through, not permission to log them.
 */
export const REDACTED_PATHS = [
  'text',
  '*.text',
  'body',
  '*.body',
  'payload',
  '*.payload',
  'displayName',
  '*.displayName',
  'name',
  '*.name',
  'label',
  '*.label',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'tsunagi' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
