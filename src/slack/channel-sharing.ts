import type { webApi } from '@slack/bolt';
import type { Logger } from '../lib/logger.js';

/** Who besides the office can read a channel: the organisations it is shared with through Slack Connect. */
export interface ChannelSharing {
  /** Shared with at least one other organisation (Slack Connect). */
  shared: boolean;
  /** Those organisations by team id, with the name Slack gives (null when Slack would not say). */
  organisations: Array<{ teamId: string; name: string | null }>;
}

const NAME_TTL_MS = 10 * 60_000;
/** Team names per client (one per running app): they rarely change, and a channel's sharing is looked up often. */
const names = new WeakMap<webApi.WebClient, Map<string, { at: number; name: string | null }>>();

/**
 * Whether a case channel is shared with other organisations, and which (conversations.info, then
 * team.info for each; scopes channels:read / groups:read and team:read). Asked each time it matters
 * (an invite, a consent question, an answer to it): a channel can be shared at any moment.
 *
 * A channel shared with another organisation has `is_ext_shared` (and `is_shared`); one shared only
 * between workspaces of the same Enterprise Grid organisation has `is_shared` and `is_org_shared`, and
 * stays inside the organisation. The other organisations are the teams in `connected_team_ids` and
 * `shared_team_ids` other than our own (`context_team_id`, the case's team) and the organisation's
 * own workspaces (`internal_team_ids`).
 */
export async function channelSharing(
  ctx: { slack: webApi.WebClient; logger: Logger },
  channelId: string,
  homeTeamId?: string | null,
): Promise<ChannelSharing> {
  const res = await ctx.slack.conversations.info({ channel: channelId });
  const channel = (res.channel ?? {}) as {
    is_shared?: boolean;
    is_ext_shared?: boolean;
    is_org_shared?: boolean;
    context_team_id?: string;
    shared_team_ids?: string[];
    connected_team_ids?: string[];
    internal_team_ids?: string[];
  };
  const shared = channel.is_ext_shared === true || (channel.is_shared === true && channel.is_org_shared !== true);
  if (!shared) return { shared: false, organisations: [] };
  const ours = new Set([channel.context_team_id, homeTeamId ?? undefined, ...(channel.internal_team_ids ?? [])].filter(Boolean));
  const teamIds = [...new Set([...(channel.connected_team_ids ?? []), ...(channel.shared_team_ids ?? [])])].filter((id) => !ours.has(id)).sort();
  const organisations = [];
  for (const teamId of teamIds) organisations.push({ teamId, name: await teamName(ctx, teamId) });
  return { shared: true, organisations };
}

/** A team's name from team.info, or null when Slack refuses to say (team_not_found, missing_scope ...). */
async function teamName(ctx: { slack: webApi.WebClient; logger: Logger }, teamId: string): Promise<string | null> {
  let cache = names.get(ctx.slack);
  if (!cache) names.set(ctx.slack, (cache = new Map()));
  const hit = cache.get(teamId);
  if (hit && Date.now() - hit.at < NAME_TTL_MS) return hit.name;
  let name: string | null;
  try {
    const res = await ctx.slack.team.info({ team: teamId });
    name = res.team?.name?.trim() || null;
  } catch (error) {
    // Slack answered but will not name the team (team_not_found, missing_scope ...): it is then
    // shown without a name. Anything else (network, 5xx, rate limit) is thrown, so the caller retries.
    const apiError = (error as { code?: string; data?: { error?: string } }).code === 'slack_webapi_platform_error' ? (error as { data?: { error?: string } }).data?.error : undefined;
    if (!apiError || apiError === 'ratelimited') throw error;
    ctx.logger.warn({ code: apiError }, 'team.info did not name a team sharing a case channel');
    name = null;
  }
  cache.set(teamId, { at: Date.now(), name });
  return name;
}

/** Names for staff: the team's name, or its id when Slack gave none. */
export function organisationNamesForStaff(sharing: ChannelSharing): string[] {
  return sharing.organisations.map((o) => o.name ?? o.teamId);
}
