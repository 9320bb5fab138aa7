import type { Core } from '../deps.js';
import { addNote } from '../notes/outbox.js';

/**
 * A LINE event gave up after its last attempt. Each case its sender is actively linked to hears of it
 * in its thread (no content), with 再送する to handle the event again; with no case known, an operator
 * log line carries the event's id and kind only.
 */
export async function reportFailedLineEvent(core: Core, event: { id: number; kind: string; actor: string | null; failedAt: Date | null }): Promise<void> {
  const links = event.actor ? await core.store.contacts.ofLineUser(event.actor, { statuses: ['active'] }) : [];
  const caseIds = [...new Set(links.map((l) => l.case.id))];
  if (caseIds.length === 0) {
    core.logger.error({ inboundEventId: event.id, kind: event.kind }, 'a LINE event could not be processed and no case is known');
    await core.store.audit.record({ actorType: 'system', action: 'inbound.failed', details: { inboundEventId: event.id, kind: event.kind } });
    return;
  }
  core.logger.error({ inboundEventId: event.id, kind: event.kind, cases: caseIds.length }, 'a LINE event could not be processed; said in its case threads');
  for (const caseId of caseIds) {
    await core.store.audit.record({ actorType: 'system', action: 'inbound.failed', caseId, details: { inboundEventId: event.id, kind: event.kind } });
    // One notice per giving-up (an event retried with 再送する may give up again later).
    await addNote(core, caseId, { kind: 'line_event_failed', inboundEventId: event.id }, `inbound-failed:${event.id}:${event.failedAt?.getTime() ?? 0}`);
  }
}
