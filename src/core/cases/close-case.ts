import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import { addNote } from '../notes/outbox.js';
import { cancelReminders } from '../reminders/cancel.js';

/**
 * Closes a case: relaying stops both ways, nothing of it is due any more (its reminders are
 * cancelled), and the thread is told. False when it was closed already.
 */
export async function closeCase(core: Core, caseRow: Case, by: string): Promise<boolean> {
  if (!(await core.store.cases.close(caseRow.id, core.clock.now()))) return false;
  await core.store.audit.record({ actorType: 'slack_user', actorId: by, action: 'case.closed', caseId: caseRow.id });
  await cancelReminders(core, { caseId: caseRow.id }, by);
  await addNote(core, caseRow.id, { kind: 'notice', notice: { type: 'case_closed', by } }, `close:${caseRow.id}`);
  return true;
}

/** Who gets escalations for a case (its サービス管理責任者). */
export async function setSupervisor(core: Core, caseRow: Case, supervisor: string, by: string): Promise<void> {
  await core.store.cases.update(caseRow.id, { supervisorUserId: supervisor });
  await core.store.audit.record({ actorType: 'slack_user', actorId: by, action: 'case.supervisor_set', caseId: caseRow.id, details: { supervisor } });
}
