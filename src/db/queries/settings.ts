import { asc, eq, sql } from 'drizzle-orm';
import type { SettingStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { auditLog } from '../schema/audit-log.js';
import { settingOverrides, settingsRevision } from '../schema/settings.js';

/**
 * The settings admins changed in the App Home (core/ports/store.ts). Every change moves the one-row
 * revision in the same transaction as the setting and its audit entry, so a replica that sees the
 * revision move reads the change, and a change is never stored without its audit entry.
 */
export function settingStore(db: Db): SettingStore {
  return {
    async revision() {
      const [row] = await db.select({ revision: settingsRevision.revision }).from(settingsRevision).where(eq(settingsRevision.id, 1));
      return row?.revision ?? 0;
    },

    async snapshot() {
      // One snapshot for both reads: the settings are those of the revision returned.
      return db.transaction(
        async (tx) => {
          const [row] = await tx.select({ revision: settingsRevision.revision }).from(settingsRevision).where(eq(settingsRevision.id, 1));
          const settings = await tx.select().from(settingOverrides).orderBy(asc(settingOverrides.name));
          return { revision: row?.revision ?? 0, settings };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },

    async change(c) {
      return db.transaction(async (tx) => {
        await tx.insert(settingsRevision).values({ id: 1, revision: 0 }).onConflictDoNothing({ target: settingsRevision.id });
        // Changes queue up here, one at a time; one that read an older revision stores nothing.
        const [row] = await tx.select({ revision: settingsRevision.revision }).from(settingsRevision).where(eq(settingsRevision.id, 1)).for('update');
        if ((row?.revision ?? 0) !== c.expectedRevision) return undefined;
        if (c.value === null) {
          await tx.delete(settingOverrides).where(eq(settingOverrides.name, c.name));
        } else {
          await tx
            .insert(settingOverrides)
            .values({ name: c.name, value: c.value, changedBy: c.by, changedAt: c.at })
            .onConflictDoUpdate({ target: settingOverrides.name, set: { value: c.value, changedBy: c.by, changedAt: c.at } });
        }
        const [next] = await tx
          .update(settingsRevision)
          .set({ revision: sql`${settingsRevision.revision} + 1` })
          .where(eq(settingsRevision.id, 1))
          .returning({ revision: settingsRevision.revision });
        await tx.insert(auditLog).values({
          actorType: c.audit.actorType,
          actorId: c.audit.actorId ?? null,
          action: c.audit.action,
          caseId: c.audit.caseId ?? null,
          details: c.audit.details ?? {},
        });
        if (!next) throw new Error('settings_revision has no row right after it was ensured');
        return next.revision;
      });
    },
  };
}
