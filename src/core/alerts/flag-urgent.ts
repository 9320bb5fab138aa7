import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { IncomingLineMessage, Message } from '../model/messages.js';
import type { UrgentAlert, UrgentGroupHit } from '../model/urgent.js';
import { addNote } from '../notes/outbox.js';
import { findUrgent } from '../urgent/find-urgent.js';

/**
 * A relayed LINE message is looked at with the urgent-expression list in force (its text, a sticker's
 * keywords, an image's text when LINE gives one; not a location's place name). A hit stores an alert (once per message: a retried event finds it), adds the 🚨 block to
 * the thread right after the message (it calls the case's responsible staff and supervisor by mention),
 * and asks for their DMs and, for later, the escalation. Nothing of the text leaves the thread: the
 * alert keeps the groups found; logs say the ids of the expressions.
 *
 * Off (URGENT_ALERTS=off): nothing is flagged.
 */
export async function flagIfUrgent(core: Core, caseRow: Case, message: IncomingLineMessage, stored: Message): Promise<UrgentAlert | undefined> {
  if (!core.settings.urgent.alerts) return undefined;
  // A location's text is a place name and address (警察署前, 救急病院): not what the person wrote.
  const texts = [message.kind === 'location' ? '' : (message.text ?? ''), ...(message.details?.sticker?.keywords ?? [])];
  const { list } = await core.urgentWords.current();
  const match = findUrgent(texts, list);
  if (!match.matched) return undefined;

  const language = core.settings.staffLanguage;
  const groups: UrgentGroupHit[] = [];
  for (const hit of match.hits) {
    if (groups.some((g) => g.id === hit.group)) continue;
    const group = list.groups.find((g) => g.id === hit.group);
    groups.push({ id: hit.group, label: group ? group.label[language] : hit.group, recordCategory: group?.recordCategory ?? 'emergency' });
  }
  const escalateAt = new Date(core.clock.now().getTime() + core.settings.urgent.escalateAfterMinutes * 60_000);
  const alert = await core.store.urgent.create({ caseId: caseRow.id, messageId: stored.id, groups, escalateAt });
  const note = await addNote(core, caseRow.id, { kind: 'urgent_alert', alertId: alert.id }, `urgent:${alert.id}`);
  if (alert.noteMessageId !== note.id) await core.store.urgent.setNote(alert.id, note.id);
  if (!alert.notifiedAt) await core.jobs.notifyUrgent(alert.id);
  if (!alert.takenAt && !alert.escalatedAt) await core.jobs.escalateUrgent(alert);
  // The alert's id only: which expressions matched would say what the message was about (kept in urgent_alerts).
  core.logger.info({ alertId: alert.id, hits: match.hits.length }, 'urgent message flagged');
  return alert;
}
