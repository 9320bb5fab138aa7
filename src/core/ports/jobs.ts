/**
 * Work the core asks to be done later, by a queue worker (retried with backoff). Queue entries only
 * carry ids: the database says what is owed, so a lost entry is found again by the sweeps.
 *
 * `reason` names the request, so that asking twice for the same thing adds one job; with
 * `{ again: true }` (sweeps, 再送する) a request whose earlier job already finished is added anew.
 */
export interface JobOptions {
  again?: boolean;
}

/** Each request resolves true when it added a job now (false: one for the same reason is still to run). */
export interface Jobs {
  /** Post what a case's thread owes, in order. */
  flushThread(caseId: number, reason: string, options?: JobOptions): Promise<boolean>;
  /** Push a staff message to LINE (`reason`: the first request, 再送する, a sweep …). */
  pushToLine(messageId: number, reason: string, options?: JobOptions): Promise<boolean>;
  /** Mark a person's LINE message (and their earlier ones) read on LINE (one job per message). */
  markRead(messageId: number): Promise<boolean>;
  /** Show an edited record on its card. */
  refreshRecordCard(recordId: number, version: number, options?: JobOptions): Promise<boolean>;
  /** Handle a stored inbound event (again, after 再送する). */
  processInbound(inboundEventId: number, options?: JobOptions): Promise<boolean>;
  /** Send a reminder ping at its time (by the app's clock). */
  firePing(ping: { id: number; fireAt: Date }): Promise<void>;
  /**
   * Makes the queued pings match the pending ones: missing jobs added (a wiped queue store), jobs of
   * pings no longer pending removed, jobs whose time has come by the app's clock run now.
   */
  syncPings(pending: ReadonlyArray<{ id: number; fireAt: Date }>): Promise<{ created: number; removed: number; promoted: number }>;
  /** DM an urgent message's alert to the case's staff (one job per alert). */
  notifyUrgent(alertId: number, options?: JobOptions): Promise<boolean>;
  /** Escalate an urgent message nobody took, at its time (by the app's clock; one job per alert). */
  escalateUrgent(alert: { id: number; escalateAt: Date }): Promise<void>;
  /**
   * Makes the queued escalations match the owed ones (like syncPings): missing jobs added, due ones run
   * now, jobs of alerts taken or escalated meanwhile removed.
   */
  syncUrgentEscalations(owed: ReadonlyArray<{ id: number; escalateAt: Date }>): Promise<{ created: number; removed: number; promoted: number }>;
  /** Run today's morning digest (one job per day). */
  runDigest(day: string): Promise<void>;
}
