import type { ServerResponse } from 'node:http';
import { parseJson, sendBytes, sendJson, type StandinRequest } from '../platform-http.js';
import { chatMethods } from './methods/chat.js';
import { conversationsMethods } from './methods/conversations.js';
import { filesMethods } from './methods/files.js';
import type { SlackArgs, SlackMethod } from './methods/method.js';
import { reactionsMethods } from './methods/reactions.js';
import { usersMethods } from './methods/users.js';
import { viewsMethods } from './methods/views.js';
import { postToResponseUrl } from './response-url.js';
import type { SlackWorkspace } from './workspace.js';

/** Every Web API method the stand-in implements; anything else answers `unknown_method`, as Slack does. */
export const SLACK_METHODS: Record<string, SlackMethod> = {
  ...usersMethods,
  ...chatMethods,
  ...conversationsMethods,
  ...reactionsMethods,
  ...viewsMethods,
  ...filesMethods,
};

/** Arguments that Slack accepts as JSON strings inside form bodies. */
const JSON_FIELDS = ['blocks', 'metadata', 'view', 'attachments', 'files'] as const;

/**
 * Slack's Web API (`/api/<method>`), the response_url endpoint (`/response/<id>`), the upload URLs of
 * the files v2 flow (`/upload/<id>`) and files' private URLs (`/files/<id>/<name>`), all on one origin.
 */
export function slackWebApi(ws: SlackWorkspace, o: { token: string; origin: () => string }) {
  return async (req: StandinRequest, res: ServerResponse): Promise<void> => {
    const path = req.url.pathname;
    const method = /^\/api\/([A-Za-z.]+)$/.exec(path)?.[1];
    if (method) return apiCall(ws, o, method, req, res);

    const response = /^\/response\/([A-Za-z0-9]+)$/.exec(path)?.[1];
    if (response && req.method === 'POST') {
      const answer = postToResponseUrl(ws, response, parseJson(req.body));
      return sendJson(res, answer.status, answer.json);
    }

    const upload = /^\/upload\/([A-Za-z0-9]+)$/.exec(path)?.[1];
    if (upload && req.method === 'POST') {
      const file = ws.file(upload);
      if (!file || file.uploaded) return sendBytes(res, 404, 'Not Found', 'text/plain');
      const bytes = await uploadedBytes(req);
      ws.bytes.put(file.id, bytes);
      file.uploaded = true;
      file.size = bytes.length;
      return sendBytes(res, 200, `OK - ${bytes.length}`, 'text/plain');
    }

    const download = /^\/files\/([A-Za-z0-9]+)\//.exec(path)?.[1];
    if (download && req.method === 'GET') {
      if (bearer(req) !== o.token)
        return sendBytes(res, 302, '', 'text/plain', { location: `https://${ws.state.team.domain}.slack.com/?redir=${encodeURIComponent(path)}` });
      const file = ws.file(download);
      const bytes = file && !file.deleted ? ws.bytes.get(file.id) : undefined;
      if (!file || !bytes) return sendBytes(res, 404, 'Not Found', 'text/plain');
      return sendBytes(res, 200, bytes, file.mimetype);
    }
    sendBytes(res, 404, 'Not Found', 'text/plain');
  };
}

async function apiCall(
  ws: SlackWorkspace,
  o: { token: string; origin: () => string },
  method: string,
  req: StandinRequest,
  res: ServerResponse,
): Promise<void> {
  const args = await parseArgs(req);
  const token = bearer(req) ?? (typeof args.token === 'string' ? args.token : undefined);
  const answer = (() => {
    if (!token) return { ok: false, error: 'not_authed' };
    if (token !== o.token) return { ok: false, error: 'invalid_auth' };
    const handler = Object.hasOwn(SLACK_METHODS, method) ? SLACK_METHODS[method] : undefined;
    if (!handler) return { ok: false, error: 'unknown_method', req_method: method };
    return handler({ ws, origin: o.origin() }, args);
  })();
  ws.recordCall({ method, ok: answer.ok === true, ...(answer.ok === true ? {} : { error: String(answer.error) }), at: ws.realNow() });
  sendJson(res, 200, answer);
}

function bearer(req: StandinRequest): string | undefined {
  return /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
}

/** Web API arguments from the query string and a form, JSON or multipart body; JSON-valued form fields parsed. */
async function parseArgs(req: StandinRequest): Promise<SlackArgs> {
  const args: SlackArgs = Object.fromEntries(req.url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    const body = parseJson(req.body);
    if (typeof body === 'object' && body !== null) Object.assign(args, body);
  } else if (type.includes('multipart/form-data')) {
    const form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
    for (const [key, value] of form) args[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  } else if (req.body.length > 0) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(req.body.toString('utf8'))));
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value === 'string') {
      const parsed = parseJson(value);
      if (parsed !== undefined) args[key] = parsed;
    }
  }
  return args;
}

/** Bytes sent to an upload URL: the first file of a multipart body (what WebClient sends), else the raw body. */
async function uploadedBytes(req: StandinRequest): Promise<Buffer> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('multipart/form-data')) return req.body;
  const form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
  for (const [, value] of form) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return req.body;
}
