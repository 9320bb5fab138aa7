import { fail, ok, str, type SlackMethod } from './method.js';

export const reactionsMethods: Record<string, SlackMethod> = {
  'reactions.add': ({ ws }, args) => {
    const name = str(args, 'name');
    if (!str(args, 'channel') || !str(args, 'timestamp')) return fail('no_item_specified');
    const m = ws.liveMessage(str(args, 'channel'), str(args, 'timestamp'));
    if (!m) return fail('message_not_found');
    if (!name || !/^[a-z0-9_+'-]+$/.test(name)) return fail('invalid_name');
    const reaction = m.reactions.find((r) => r.name === name);
    if (reaction?.users.includes(ws.state.botUserId)) return fail('already_reacted');
    if (reaction) reaction.users.push(ws.state.botUserId);
    else m.reactions.push({ name, users: [ws.state.botUserId] });
    ws.changed();
    return ok();
  },

  'reactions.remove': ({ ws }, args) => {
    const name = str(args, 'name');
    const m = ws.liveMessage(str(args, 'channel'), str(args, 'timestamp'));
    if (!m) return fail('message_not_found');
    const reaction = m.reactions.find((r) => r.name === name);
    if (!reaction || !reaction.users.includes(ws.state.botUserId)) return fail('no_reaction');
    reaction.users = reaction.users.filter((u) => u !== ws.state.botUserId);
    if (reaction.users.length === 0) m.reactions = m.reactions.filter((r) => r !== reaction);
    ws.changed();
    return ok();
  },
};
