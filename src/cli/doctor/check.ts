/** One line of `npm run doctor`: ✓ (ok), ✗ (fail), ⚠ (warn) or – (skip, with why), and how to fix it. */
export type Status = 'ok' | 'fail' | 'warn' | 'skip';

export interface CheckLine {
  status: Status;
  title: string;
  detail: string;
  /** What to do (fail and warn lines). */
  fix?: string;
}

export const ok = (title: string, detail: string): CheckLine => ({ status: 'ok', title, detail });
export const fail = (title: string, detail: string, fix: string): CheckLine => ({ status: 'fail', title, detail, fix });
export const warn = (title: string, detail: string, fix?: string): CheckLine => ({ status: 'warn', title, detail, ...(fix ? { fix } : {}) });
export const skip = (title: string, why: string): CheckLine => ({ status: 'skip', title, detail: why });

/** A short reason for a failed connection: the system error code (ECONNREFUSED, ENOTFOUND …), a timeout, or the message. */
export function networkError(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  return e?.cause?.code ?? e?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

/** Bytes as people read them (KiB, MiB, GiB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}
