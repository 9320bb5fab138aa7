import { fail, ok, str, type SlackMethod } from './method.js';

export const usersMethods: Record<string, SlackMethod> = {
  'auth.test': ({ ws }) =>
    ok({
      url: `https://${ws.state.team.domain}.slack.com/`,
      team: ws.state.team.name,
      user: 'tsunagi',
      team_id: ws.state.team.id,
      user_id: ws.state.botUserId,
      bot_id: ws.state.botId,
      is_enterprise_install: false,
    }),

  'users.info': ({ ws }, args) => {
    const user = ws.user(str(args, 'user'));
    if (!user) return fail('user_not_found');
    return ok({
      user: {
        id: user.id,
        team_id: ws.state.team.id,
        name: user.name,
        real_name: user.realName,
        is_bot: user.isBot,
        deleted: false,
        tz: 'Asia/Tokyo',
        tz_label: 'Japan Standard Time',
        tz_offset: 32_400,
        locale: 'ja-JP',
        profile: { real_name: user.realName, display_name: user.realName, title: user.title },
      },
    });
  },
};
