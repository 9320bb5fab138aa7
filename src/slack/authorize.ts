import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { ReminderRow } from '../db/schema/reminders.js';
import type { Mrkdwn } from './mrkdwn.js';

/** How long a refusal is remembered, so a non-member's repeated commands do not list the channel each time. */
const REFUSAL_TTL_MS = 60_000;
/** conversations.members page size (Slack recommends at most 200). */
const MEMBERS_PAGE = 200;

/** What a listener shows when access is refused: an ephemeral message, or the error of a modal field. */
export type Access = { allowed: true } | { allowed: false; refusal: Mrkdwn };

export interface AccessRequest {
  userId: string;
  caseRow: Pick<CaseRow, 'id' | 'code' | 'slackChannelId' | 'supervisorUserId'>;
  /** Which surface asked (audit-logged with a refusal): '/case show', 'reply button', 'send modal'… */
  via: string;
  /** A reminder's buttons and forms: its assignee and the case's supervisor may act on it from anywhere. */
  reminder?: Pick<ReminderRow, 'assigneeUserId'>;
}

/**
 * The one authorisation rule for staff: a case is read, and anything is sent outside Slack for it,
 * only by members of the case's channel (plus, for a reminder, its assignee and the supervisor who
 * gets its escalations). Every listener that reads a case or sends outside Slack asks here.
 *
 * Membership is asked of Slack each time (no positive cache: someone removed from the channel is
 * refused at their very next action); refusals are remembered for a minute per channel and user.
 * Each refusal is audit-logged with the surface and the case, no names.
 */
export async function authorizeCase(ctx: AppContext, request: AccessRequest): Promise<Access> {
  const { userId, caseRow, reminder } = request;
  if (reminder) {
    const supervisor = caseRow.supervisorUserId ?? ctx.config.reminders.escalationUserId;
    if (userId === reminder.assigneeUserId || (supervisor !== undefined && userId === supervisor)) return { allowed: true };
  }
  if (await isChannelMember(ctx, caseRow.slackChannelId, userId)) return { allowed: true };
  await audit(ctx.db, { actorType: 'slack_user', actorId: userId, action: 'access.refused', caseId: caseRow.id, details: { via: request.via } });
  return { allowed: false, refusal: ctx.text.notChannelMember(caseRow.code) };
}

/** Per Slack client (one per running app): `${channel} ${user}` → when the refusal was seen. */
const refusals = new WeakMap<AppContext['slack'], Map<string, number>>();

async function isChannelMember(ctx: AppContext, channel: string, user: string): Promise<boolean> {
  let seen = refusals.get(ctx.slack);
  if (!seen) refusals.set(ctx.slack, (seen = new Map()));
  const key = `${channel} ${user}`;
  const now = ctx.now().getTime();
  const refusedAt = seen.get(key);
  if (refusedAt !== undefined && now - refusedAt < REFUSAL_TTL_MS) return false;
  seen.delete(key);

  let cursor: string | undefined;
  do {
    const page = await ctx.slack.conversations.members({ channel, limit: MEMBERS_PAGE, ...(cursor ? { cursor } : {}) });
    if (page.members?.includes(user)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);

  for (const [k, at] of seen) if (now - at >= REFUSAL_TTL_MS) seen.delete(k);
  seen.set(key, now);
  return false;
}
