import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { timestamptz } from './columns.js';

import { ACTOR_TYPES } from '../../core/model/audit.js';

/** Every link, consent, outbound message, export and refusal. Details hold ids, never message text. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    actorType: text('actor_type', { enum: ACTOR_TYPES }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    caseId: integer('case_id').references(() => cases.id, { onDelete: 'set null' }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_case_idx').on(t.caseId, t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
