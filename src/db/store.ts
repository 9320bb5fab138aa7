import type { Store } from '../core/ports/store.js';
import type { Db } from './client.js';
import { auditStore } from './queries/audit.js';
import { caseChoiceStore } from './queries/case-choices.js';
import { caseStore } from './queries/cases.js';
import { contactStore } from './queries/contacts.js';
import { inboundStore } from './queries/inbound-events.js';
import { inviteStore } from './queries/invites.js';
import { messageStore } from './queries/messages.js';
import { quotaWarningStore } from './queries/quota-warnings.js';
import { recordStore } from './queries/records.js';
import { reminderStore } from './queries/reminders.js';
import { retentionStore } from './queries/retention.js';
import { secretStore } from './queries/secrets.js';
import { settingStore } from './queries/settings.js';
import { unsentStore } from './queries/unsent.js';
import { urgentStore } from './queries/urgent.js';

/** The core's repositories (core/ports/store.ts) on one PostgreSQL pool. */
export function createStore(db: Db): Store {
  return {
    cases: caseStore(db),
    contacts: contactStore(db),
    invites: inviteStore(db),
    choices: caseChoiceStore(db),
    messages: messageStore(db),
    unsent: unsentStore(db),
    records: recordStore(db),
    reminders: reminderStore(db),
    audit: auditStore(db),
    secrets: secretStore(db),
    inbound: inboundStore(db),
    retention: retentionStore(db),
    settings: settingStore(db),
    urgent: urgentStore(db),
    quotaWarnings: quotaWarningStore(db),
  };
}
