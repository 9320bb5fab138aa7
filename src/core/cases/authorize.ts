import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { Reminder } from '../model/reminders.js';

export interface AccessRequest {
  userId: string;
  caseRow: Pick<Case, 'id' | 'code' | 'slackChannelId' | 'supervisorUserId'>;
  /** Which surface asked (audit-logged with a refusal): '/case show', 'reply button', 'send modal'… */
  via: string;
  /** A reminder's buttons and forms: its assignee and the case's supervisor may act on it from anywhere. */
  reminder?: Pick<Reminder, 'assigneeUserId'>;
}

/**
 * The one authorisation rule for staff: a case is read, and anything is sent outside Slack for it,
 * only by members of the case's channel (plus, for a reminder, its assignee and the supervisor who
 * gets its escalations). Every listener that reads a case or sends outside Slack asks here. The
 * directory asks Slack each time (no answer kept that could outlive a removal). Each refusal is
 * audit-logged with the surface and the case, no names.
 */
export async function mayActOnCase(core: Pick<Core, 'directory' | 'store' | 'settings'>, request: AccessRequest): Promise<boolean> {
  const { userId, caseRow, reminder } = request;
  if (reminder) {
    const supervisor = caseRow.supervisorUserId ?? core.settings.reminders.escalationUserId;
    if (userId === reminder.assigneeUserId || (supervisor !== undefined && userId === supervisor)) return true;
  }
  if (await core.directory.isMember(caseRow.slackChannelId, userId)) return true;
  await core.store.audit.record({ actorType: 'slack_user', actorId: userId, action: 'access.refused', caseId: caseRow.id, details: { via: request.via } });
  return false;
}
