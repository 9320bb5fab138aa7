import { mayActOnCase, type AccessRequest } from '../core/cases/authorize.js';
import type { Mrkdwn } from './mrkdwn.js';
import type { SlackContext } from './context.js';

/** What a listener shows when access is refused: an ephemeral message, or the error of a modal field. */
export type Access = { allowed: true } | { allowed: false; refusal: Mrkdwn };

/**
 * The core's one authorisation rule (core/cases/authorize.ts), with the words a refused staff member
 * reads. Every listener that reads a case or sends outside Slack asks here.
 */
export async function authorizeCase(ctx: SlackContext, request: AccessRequest): Promise<Access> {
  if (await mayActOnCase(ctx.core, request)) return { allowed: true };
  return { allowed: false, refusal: ctx.text.notChannelMember(request.caseRow.code) };
}
