/** Case codes shown everywhere instead of names: C-0001, C-0002, ... (more digits past 9999). */
export function formatCaseCode(n: number): string {
  return `C-${String(n).padStart(4, '0')}`;
}

/** Accepts C-0001, c-1, C0001, Ｃ－０００１ (full width); returns the canonical code or undefined. */
export function parseCaseCode(input: string): string | undefined {
  const m = /^C-?0*(\d{1,9})$/i.exec(input.normalize('NFKC').trim());
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return n > 0 ? formatCaseCode(n) : undefined;
}
