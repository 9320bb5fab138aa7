/** Small coded errors: callers classify by class and `code`, never by message text. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The embedded PostgreSQL could not start (data dir in use, binaries missing, ...). */
export class EmbeddedDatabaseError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('embedded_database_failed', message, options);
  }
}

/** An HTTP request that the edge rejects with a status (bad signature, malformed body, too large). */
export class HttpError extends AppError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
