export const ACTOR_TYPES = ['slack_user', 'line_user', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Every link, consent, outbound message, export and refusal. Details hold ids and states, never text or names. */
export interface AuditEntry {
  actorType: ActorType;
  actorId?: string | null;
  action: string;
  caseId?: number | null;
  details?: Record<string, unknown>;
}
