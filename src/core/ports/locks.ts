/**
 * Locks held across workers and replicas while work that must not overlap runs: one case thread is
 * written by one worker at a time; one LINE person's events are handled one at a time, in order.
 */
export interface Locks {
  caseThread<T>(caseId: number, work: () => Promise<T>): Promise<T>;
  /** The case thread's lock if nobody holds it now; else `{ ran: false }` at once (its holder, or a job, posts instead). */
  caseThreadIfFree<T>(caseId: number, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  linePerson<T>(lineUserId: string, work: () => Promise<T>): Promise<T>;
}
