import type { Core } from '../deps.js';
import type { ReminderScope } from '../ports/store.js';

/**
 * The one way reminders are cancelled: one reminder (`/case reminder N cancel`), a case's reminders of
 * a rule (a new monitoring date replaces the old), all of a case's (it was closed), or those a record's
 * next step made (the step was edited). Their pending pings go with them; each is audit-logged.
 */
export async function cancelReminders(core: Pick<Core, 'store'>, scope: ReminderScope, actor: string): Promise<number> {
  const rows = await core.store.reminders.cancelOpen(scope);
  for (const { id, caseId } of rows) {
    await core.store.audit.record({
      actorType: actor === 'system' ? 'system' : 'slack_user',
      actorId: actor,
      action: 'reminder.cancelled',
      caseId,
      details: { reminderId: id },
    });
  }
  return rows.length;
}
