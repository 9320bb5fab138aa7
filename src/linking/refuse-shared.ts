import { audit } from '../db/queries/audit.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { LineHandlerContext } from '../line/event-types.js';
import { familyText } from '../line/family-text.js';
import { answerLineUser, text } from '../line/reply.js';
import { postNotice } from '../relay/notices.js';
import { organisationNamesForStaff, type ChannelSharing } from '../slack/channel-sharing.js';

/**
 * SHARED_CHANNEL_LINKING=refuse and the case channel is shared with other organisations: nobody is
 * linked. The LINE person is told politely that linking is not possible; the thread is told once per
 * `noticeKey` (the invite, or the waiting contact), and the refusal is audit-logged.
 */
export async function refuseSharedLinking(h: LineHandlerContext, caseRow: CaseRow, sharing: ChannelSharing, noticeKey: string): Promise<void> {
  const { app, job, event, userId } = h;
  await audit(app.db, {
    actorType: 'line_user',
    actorId: userId,
    action: 'link.refused_shared_channel',
    caseId: caseRow.id,
    details: { organisations: sharing.organisations.length },
  });
  const names = organisationNamesForStaff(sharing);
  await postNotice(app, caseRow, noticeKey, app.text.linking.linkRefusedNotice(names));
  await answerLineUser(app, job, { userId, replyToken: event.replyToken }, [text(familyText.linkingUnavailable)], `${job.inboundEventId}`);
}
