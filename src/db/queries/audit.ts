import type { AuditStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { auditLog } from '../schema/audit-log.js';

/** The audit log (core/ports/store.ts): details hold ids and states, never message text or names. */
export function auditStore(db: Db): AuditStore {
  return {
    async record(entry) {
      await db.insert(auditLog).values({
        actorType: entry.actorType,
        actorId: entry.actorId ?? null,
        action: entry.action,
        caseId: entry.caseId ?? null,
        details: entry.details ?? {},
      });
    },
  };
}
