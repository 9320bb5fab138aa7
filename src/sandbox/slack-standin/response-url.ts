import { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS, type SlackWorkspace } from './workspace.js';

/**
 * A POST to a response_url: a new ephemeral (the default) or channel message, or the message the
 * person acted on replaced or deleted. Answers `{ ok }` as Slack does; 5 uses within 30 minutes.
 */
export function postToResponseUrl(ws: SlackWorkspace, id: string, body: unknown): { status: number; json: Record<string, unknown> } {
  const target = ws.responseTargets.get(id);
  if (!target) return { status: 404, json: { ok: false, error: 'invalid_url' } };
  if (target.uses >= RESPONSE_URL_MAX_USES || ws.realNow() - target.createdAt > RESPONSE_URL_TTL_MS)
    return { status: 404, json: { ok: false, error: 'expired_url' } };
  if (typeof body !== 'object' || body === null) return { status: 400, json: { ok: false, error: 'invalid_payload' } };
  target.uses += 1;
  const b = body as { text?: unknown; blocks?: unknown; response_type?: unknown; replace_original?: unknown; delete_original?: unknown; thread_ts?: unknown };
  const text = typeof b.text === 'string' ? b.text : '';
  const blocks = Array.isArray(b.blocks) ? (b.blocks as unknown[]) : undefined;
  const truthy = (v: unknown) => v === true || v === 'true';

  if (target.source && (truthy(b.delete_original) || truthy(b.replace_original))) {
    const { ts, ephemeralId } = target.source;
    if (ephemeralId) {
      const e = ws.state.ephemerals.find((x) => x.id === ephemeralId);
      if (e && truthy(b.delete_original)) e.hidden = true;
      else if (e) {
        e.text = text;
        if (blocks) e.blocks = blocks;
        else delete e.blocks;
      }
    } else {
      const m = ws.liveMessage(target.channel, ts);
      if (!m) return { status: 404, json: { ok: false, error: 'message_not_found' } };
      if (truthy(b.delete_original)) m.deleted = true;
      else {
        // The original is replaced whole: what the answer leaves out (blocks) is gone.
        m.text = text;
        if (blocks) m.blocks = blocks;
        else delete m.blocks;
        m.edited = ws.nextTs();
      }
    }
    ws.changed();
    return { status: 200, json: { ok: true } };
  }

  const threadTs = typeof b.thread_ts === 'string' ? b.thread_ts : target.threadTs;
  if (b.response_type === 'in_channel') {
    ws.post({ channel: target.channel, threadTs, user: ws.state.botUserId, botId: ws.state.botId, text, blocks });
  } else {
    ws.postEphemeral({ channel: target.channel, user: target.user, threadTs, text, blocks, from: 'bot' });
  }
  return { status: 200, json: { ok: true } };
}
