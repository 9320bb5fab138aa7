import type { webApi } from '@slack/bolt';
import type { ChannelSharing, Directory } from '../../core/ports/slack-side.js';
import type { Logger } from '../../lib/logger.js';

/** How long a refusal is remembered, so a non-member's repeated commands do not list the channel each time. */
const REFUSAL_TTL_MS = 60_000;
/** conversations.members page size (Slack recommends at most 200). */
const MEMBERS_PAGE = 200;
/** Team names rarely change, and a channel's sharing is looked up often. */
const NAME_TTL_MS = 10 * 60_000;

/**
 * Who is who in Slack (core/ports/slack-side.ts). Membership is asked of Slack each time (no positive
 * answer kept: someone removed from a channel is refused at their very next action), pages read only
 * until the person is found; refusals are remembered for a minute per channel and person.
 */
export function createDirectory(client: webApi.WebClient, logger: Logger, now: () => Date): Directory {
  const refusals = new Map<string, number>();
  const teamNames = new Map<string, { at: number; name: string | null }>();

  /** A team's name from team.info, or null when Slack refuses to say (team_not_found, missing_scope ...). */
  const teamName = async (teamId: string): Promise<string | null> => {
    const hit = teamNames.get(teamId);
    if (hit && now().getTime() - hit.at < NAME_TTL_MS) return hit.name;
    let name: string | null;
    try {
      const res = await client.team.info({ team: teamId });
      name = res.team?.name?.trim() || null;
    } catch (error) {
      // Slack answered but will not name the team: it is then shown without a name. Anything else
      // (network, 5xx, rate limit) is thrown, so the caller retries.
      const e = error as { code?: string; data?: { error?: string } };
      const apiError = e.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
      if (!apiError || apiError === 'ratelimited') throw error;
      logger.warn({ code: apiError }, 'team.info did not name a team sharing a case channel');
      name = null;
    }
    teamNames.set(teamId, { at: now().getTime(), name });
    return name;
  };

  /** The workspace the app is installed in (auth.test), asked once. */
  let homeTeamId: Promise<string | undefined> | undefined;
  const homeTeam = () => {
    homeTeamId ??= client.auth.test().then(
      (res) => res.team_id,
      (error: unknown) => {
        homeTeamId = undefined; // asked again next time
        throw error;
      },
    );
    return homeTeamId;
  };

  return {
    async isMember(channel, userId) {
      const key = `${channel} ${userId}`;
      const at = now().getTime();
      const refusedAt = refusals.get(key);
      if (refusedAt !== undefined && at - refusedAt < REFUSAL_TTL_MS) return false;
      refusals.delete(key);
      let cursor: string | undefined;
      do {
        const page = await client.conversations.members({ channel, limit: MEMBERS_PAGE, ...(cursor ? { cursor } : {}) });
        if (page.members?.includes(userId)) return true;
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      for (const [k, seen] of refusals) if (at - seen >= REFUSAL_TTL_MS) refusals.delete(k);
      refusals.set(key, at);
      return false;
    },

    /**
     * A channel shared with another organisation has `is_ext_shared` (and `is_shared`); one shared
     * only between workspaces of the same Enterprise Grid organisation has `is_shared` and
     * `is_org_shared`, and stays inside the organisation. The other organisations are the teams in
     * `connected_team_ids` and `shared_team_ids` other than our own (`context_team_id`, the case's
     * team) and the organisation's own workspaces (`internal_team_ids`).
     */
    async sharing(channelId, homeTeamId): Promise<ChannelSharing> {
      const res = await client.conversations.info({ channel: channelId });
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
      for (const teamId of teamIds) organisations.push({ teamId, name: await teamName(teamId) });
      return { shared: true, organisations };
    },

    /**
     * users.info: is_admin, is_owner or is_primary_owner, of our own team (auth.test's team_id: an admin
     * of a partner organisation in a Slack Connect channel is not one of ours), not deleted, not a guest
     * (is_restricted, is_ultra_restricted), not a bot. A person Slack does not know is not an admin;
     * any other failure is thrown (the caller refuses nothing on a guess, and the act can be repeated).
     */
    async isWorkspaceAdmin(userId) {
      let res;
      try {
        res = await client.users.info({ user: userId });
      } catch (error) {
        const e = error as { code?: string; data?: { error?: string } };
        if (e.code === 'slack_webapi_platform_error' && (e.data?.error === 'user_not_found' || e.data?.error === 'user_not_visible')) return false;
        throw error;
      }
      const user = (res.user ?? {}) as {
        team_id?: string;
        deleted?: boolean;
        is_bot?: boolean;
        is_admin?: boolean;
        is_owner?: boolean;
        is_primary_owner?: boolean;
        is_restricted?: boolean;
        is_ultra_restricted?: boolean;
      };
      if (user.deleted || user.is_bot || user.is_restricted || user.is_ultra_restricted) return false;
      if (!(user.is_admin || user.is_owner || user.is_primary_owner)) return false;
      return user.team_id !== undefined && user.team_id === (await homeTeam());
    },

    async staffName(userId) {
      try {
        const res = await client.users.info({ user: userId });
        return res.user?.profile?.display_name || res.user?.real_name || userId;
      } catch (error) {
        logger.debug({ code: (error as { code?: string }).code }, 'users.info did not name a staff member; the id is shown');
        return userId;
      }
    },
  };
}
