/**
 * One family of errors. Every error the product raises on purpose is an AppError with a stable `code`
 * and a `kind` that says what to do about it:
 * - `retryable`: try again later (a 5xx, a timeout, a rate limit); a queued job is retried.
 * - `permanent`: trying again cannot help (a row gone, a refused payload); a queued job stops at once.
 * - `mistake`: what a person asked for is not possible as asked; they are told how, nothing is logged as a failure.
 * Callers classify by class, `kind` and `code`, never by message text. Messages never carry message
 * text, names or platform ids of people: they go to logs.
 */
export type ErrorKind = 'retryable' | 'permanent' | 'mistake';

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind = 'retryable',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A failure that retrying cannot fix. */
export class PermanentError extends AppError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 'permanent', options);
  }
}

/** A failure worth trying again later. */
export class RetryableError extends AppError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 'retryable', options);
  }
}

/** The embedded PostgreSQL could not start (data dir in use, binaries missing, ...). */
export class EmbeddedDatabaseError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('embedded_database_failed', message, 'permanent', options);
  }
}

/** An HTTP request that the edge rejects with a status (bad signature, malformed body, too large). */
export class HttpError extends AppError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message, 'mistake');
  }
}

/** True when retrying cannot help: a permanent error or a mistake. */
export function isPermanent(error: unknown): boolean {
  return error instanceof AppError && error.kind !== 'retryable';
}

/**
 * A query's parameters are what people wrote (drizzle's query errors print them): everything after
 * `params:` is cut from messages and stacks before they reach a log.
 */
const withoutQueryParams = (text: string): string => text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [omitted]');

export function errorMessage(error: unknown): string {
  return withoutQueryParams(error instanceof Error ? error.message : String(error));
}

/** The code of an error: its own for an AppError, `error` otherwise. */
export function errorCode(error: unknown): string {
  if (error instanceof AppError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

/**
 * What a log line says of an error: its code, its message and its stack (and the cause's code).
 * Messages are ours or a library's, never a person's text (see the class comment).
 */
export function errorFields(error: unknown): { code: string; err: string; stack?: string; cause?: string } {
  const cause = error instanceof Error && error.cause !== undefined ? errorCode(error.cause) : undefined;
  return {
    code: errorCode(error),
    err: errorMessage(error),
    ...(error instanceof Error && error.stack ? { stack: withoutQueryParams(error.stack) } : {}),
    ...(cause ? { cause } : {}),
  };
}
