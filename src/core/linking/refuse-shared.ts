import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import { addNote } from '../notes/outbox.js';
import type { ChannelSharing } from '../ports/slack-side.js';
import { eventKey, personOf, type LineEventContext } from './line-event.js';
import { organisationNamesForStaff } from './sharing.js';

/**
 * SHARED_CHANNEL_LINKING=refuse and the case channel is shared with other organisations: nobody is
 * linked. The LINE person is told politely that linking is not possible; the thread is told once per
 * `noticeKey` (the invite, or the waiting contact), and the refusal is audit-logged.
 */
export async function refuseSharedLinking(
  core: Core,
  ev: LineEventContext,
  caseRow: Pick<Case, 'id'>,
  sharing: ChannelSharing,
  noticeKey: string,
): Promise<void> {
  await core.store.audit.record({
    actorType: 'line_user',
    actorId: ev.userId,
    action: 'link.refused_shared_channel',
    caseId: caseRow.id,
    details: { organisations: sharing.organisations.length },
  });
  await addNote(core, caseRow.id, { kind: 'notice', notice: { type: 'link_refused_shared', organisations: organisationNamesForStaff(sharing) } }, noticeKey);
  await core.line.answer(personOf(ev), [{ type: 'linking_unavailable' }], eventKey(ev), ev.attempt);
}
