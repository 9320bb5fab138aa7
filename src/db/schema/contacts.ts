import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { createdAt, timestamptz, updatedAt } from './columns.js';

import { CONTACT_ROLES, CONTACT_STATUSES } from '../../core/model/contacts.js';

/**
 * A LINE account linked to a case. Messages are relayed only while `status` is `active`, and only
 * messages sent at or after `consentGivenAt` (LINE event times: the agreeing postback's, the message's).
 */
export const contacts = pgTable(
  'contacts',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    lineUserId: text('line_user_id').notNull(),
    role: text('role', { enum: CONTACT_ROLES }).notNull(),
    /** 母, 父, 訪問看護, 相談支援専門員 ... free text chosen by staff. */
    relation: text('relation'),
    displayName: text('display_name'),
    pictureUrl: text('picture_url'),
    status: text('status', { enum: CONTACT_STATUSES }).notNull().default('pending_consent'),
    consentGivenAt: timestamptz('consent_given_at'),
    consentWithdrawnAt: timestamptz('consent_withdrawn_at'),
    /**
     * The invite whose redemption last (re)linked this contact. A retried redemption of the same
     * invite leaves the contact as it is by now (it may have agreed, or been unlinked meanwhile).
     * No foreign key: invites.ts imports this file.
     */
    inviteId: integer('invite_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('contacts_case_line_user_key').on(t.caseId, t.lineUserId), index('contacts_line_user_idx').on(t.lineUserId)],
);

export type ContactRow = typeof contacts.$inferSelect;
