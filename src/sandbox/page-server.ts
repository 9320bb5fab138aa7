import type { ServerResponse } from 'node:http';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { PageBundle } from './bundle.js';
import { PhoneError, type PhoneMessage } from './line-standin/phones.js';
import { listen, parseJson, sendBytes, sendJson, type StandinRequest } from './platform-http.js';
import type { Sandbox } from './sandbox.js';
import { proxiedImage, readSample, sampleContentType } from './samples.js';
import { SlackPersonError, type ActionContainer, type ActionInput, type ViewStateValues } from './slack-standin/interactions.js';

export interface PageServer {
  origin: string;
  /** Something changed: the page gets a new snapshot (debounced). */
  changed(): void;
  close(): Promise<void>;
}

const HTML = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tsunagi デモ</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="app"><p class="boot">読み込み中… / Loading…</p></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;

type Body = Record<string, unknown>;
const s = (b: Body, key: string): string => {
  const v = b[key];
  if (typeof v !== 'string') throw new BadRequest(`${key} missing`);
  return v;
};
const opt = (b: Body, key: string): string | undefined => (typeof b[key] === 'string' && b[key] !== '' ? (b[key] as string) : undefined);

class BadRequest extends Error {}

/**
 * The page's server: the page and its bundle, a live stream of snapshots (server-sent events), the
 * people's actions (each handed to a stand-in, which turns it into the platform's signed request),
 * the clock and reset controls, files and samples. Bound to 127.0.0.1 unless HOST says otherwise.
 */
export async function startPageServer(sandbox: Sandbox, o: { host: string; port: number; bundle: () => PageBundle; logger: Logger }): Promise<PageServer> {
  const streams = new Set<ServerResponse>();
  let pending: NodeJS.Timeout | undefined;
  const broadcast = () => {
    pending = undefined;
    if (streams.size === 0) return;
    const data = `data: ${JSON.stringify(sandbox.snapshot())}\n\n`;
    for (const res of streams) res.write(data);
  };
  const keepAlive = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  const actions: Record<string, (b: Body) => Promise<unknown>> = {
    'slack/message': (b) => sandbox.slack.people.postMessage(s(b, 'user'), s(b, 'channel'), s(b, 'text'), opt(b, 'threadTs')),
    'slack/command': (b) => sandbox.slack.people.runCommand(s(b, 'user'), s(b, 'channel'), s(b, 'line'), opt(b, 'threadTs')),
    'slack/action': (b) =>
      sandbox.slack.people.act(s(b, 'user'), b.container as ActionContainer, b.action as ActionInput, b.values as ViewStateValues | undefined),
    'slack/shortcut': (b) => sandbox.slack.people.shortcut(s(b, 'user'), s(b, 'callbackId'), s(b, 'channel'), s(b, 'ts')),
    'slack/view-submit': (b) => sandbox.slack.people.submitView(s(b, 'user'), s(b, 'viewId'), (b.values ?? {}) as ViewStateValues),
    'slack/view-close': (b) => sandbox.slack.people.closeView(s(b, 'user'), s(b, 'viewId'), (b.values ?? {}) as ViewStateValues),
    'slack/ephemeral-dismiss': async (b) => {
      const e = sandbox.slack.workspace.state.ephemerals.find((x) => x.id === s(b, 'id'));
      if (e) e.hidden = true;
      sandbox.slack.workspace.changed();
    },
    'line/phone': async (b) =>
      sandbox.line.phones.addPhone({ displayName: s(b, 'displayName'), persona: s(b, 'persona'), color: opt(b, 'color') ?? '#888888' }),
    'line/remove': async (b) => sandbox.line.phones.removePhone(s(b, 'userId')),
    'line/follow': (b) => sandbox.line.phones.follow(s(b, 'userId')),
    'line/block': (b) => sandbox.line.phones.block(s(b, 'userId')),
    'line/message': (b) => sandbox.line.phones.sendMessage(s(b, 'userId'), b.message as PhoneMessage),
    'line/tap': (b) => sandbox.line.phones.tapAction(s(b, 'userId'), (b.action ?? {}) as Record<string, unknown>),
    'line/unsend': (b) => sandbox.line.phones.unsend(s(b, 'userId'), s(b, 'messageId')),
    clock: (b) => sandbox.advanceClock(b.by === 'next-reminder' ? 'next-reminder' : Number(b.by)),
    reset: async () => {
      void sandbox.reset().catch((error: unknown) => o.logger.error({ err: errorMessage(error) }, 'reset failed'));
    },
  };

  const handler = async (req: StandinRequest, res: ServerResponse): Promise<void> => {
    const path = req.url.pathname;
    if (req.method === 'GET') {
      if (path === '/') return sendBytes(res, 200, HTML, 'text/html; charset=utf-8', { 'cache-control': 'no-store' });
      if (path === '/assets/app.js') return sendBytes(res, 200, o.bundle().js, 'text/javascript; charset=utf-8', { 'cache-control': 'no-store' });
      if (path === '/assets/app.css') return sendBytes(res, 200, o.bundle().css, 'text/css; charset=utf-8', { 'cache-control': 'no-store' });
      if (path === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(`data: ${JSON.stringify(sandbox.snapshot())}\n\n`);
        streams.add(res);
        res.on('close', () => streams.delete(res));
        return;
      }
      const file = /^\/slack-files\/([A-Za-z0-9]+)/.exec(path)?.[1];
      if (file) {
        const record = sandbox.slack.workspace.file(file);
        const bytes = record && !record.deleted ? sandbox.slack.workspace.bytes.get(record.id) : undefined;
        if (!record || !bytes) return sendBytes(res, 404, 'not found', 'text/plain');
        const download: Record<string, string> = req.url.searchParams.has('download')
          ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(record.name)}` }
          : {};
        return sendBytes(res, 200, bytes, record.mimetype.startsWith('text/') ? `${record.mimetype}; charset=utf-8` : record.mimetype, download);
      }
      const sample = /^\/samples\/([^/]+)$/.exec(path)?.[1];
      if (sample) {
        const name = decodeURIComponent(sample);
        const bytes = readSample(name);
        return bytes
          ? sendBytes(res, 200, bytes, sampleContentType(name), { 'cache-control': 'max-age=3600' })
          : sendBytes(res, 404, 'not found', 'text/plain');
      }
      const content = /^\/line-content\/(\d+)$/.exec(path)?.[1];
      if (content) {
        const record = sandbox.line.account.state.contents[content];
        const bytes = record ? readSample(record.sample) : undefined;
        return record && bytes ? sendBytes(res, 200, bytes, record.contentType) : sendBytes(res, 404, 'not found', 'text/plain');
      }
      if (path === '/image-proxy') {
        const image = proxiedImage(req.url.searchParams.get('url') ?? '');
        return image
          ? sendBytes(res, 200, image.bytes, image.contentType, { 'cache-control': 'max-age=3600' })
          : sendBytes(res, 404, 'not found', 'text/plain');
      }
      return sendBytes(res, 404, 'not found', 'text/plain');
    }
    const action = req.method === 'POST' ? /^\/api\/(.+)$/.exec(path)?.[1] : undefined;
    const run = action && Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!run) return sendJson(res, 404, { ok: false, error: 'not_found' });
    try {
      const body = (parseJson(req.body) ?? {}) as Body;
      const result = await run(body);
      sendJson(res, 200, { ok: true, ...(typeof result === 'string' ? { result } : {}) });
    } catch (error) {
      if (error instanceof BadRequest || error instanceof SlackPersonError || error instanceof PhoneError)
        return sendJson(res, 400, { ok: false, error: error.message });
      o.logger.error({ action, err: errorMessage(error) }, 'page action failed');
      sendJson(res, 500, { ok: false, error: errorMessage(error) });
    }
  };

  const listener = await listen(handler, {
    host: o.host,
    port: o.port,
    onError: (error) => o.logger.error({ err: errorMessage(error) }, 'page request failed'),
  });
  return {
    origin: listener.origin,
    changed() {
      pending ??= setTimeout(broadcast, 60);
    },
    async close() {
      clearInterval(keepAlive);
      if (pending) clearTimeout(pending);
      for (const res of streams) res.end();
      streams.clear();
      await listener.close();
    },
  };
}
