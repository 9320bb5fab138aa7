import type { Db } from '../client.js';
import { auditLog } from '../schema/audit-log.js';

export interface AuditEntry {
  actorType: 'slack_user' | 'line_user' | 'system';
  actorId?: string | null;
  action: string;
  caseId?: number | null;
  /** Ids and states only: never message text or names. */
  details?: Record<string, unknown>;
}

export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    action: entry.action,
    caseId: entry.caseId ?? null,
    details: entry.details ?? {},
  });
}
