/**
 * Locks held across workers and replicas while work that must not overlap runs: one case thread is
 * written by one worker at a time; one LINE person's events are handled one at a time, in order.
 */
export interface Locks {
  caseThread<T>(caseId: number, work: () => Promise<T>): Promise<T>;
  linePerson<T>(lineUserId: string, work: () => Promise<T>): Promise<T>;
}
