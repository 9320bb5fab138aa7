/**
 * Self-test of the fake Slack and LINE APIs, driven by the real SDK clients the app uses.
 */
import { randomUUID } from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLine, type FakeLine } from '../../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack-api.js';

/** The rejection of `promise` (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('fake Slack', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  const clientFor = (options: webApi.WebClientOptions = {}) =>
    new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, logLevel: webApi.LogLevel.ERROR, retryConfig: { retries: 0 }, ...options });

  beforeAll(async () => {
    slack = await startFakeSlack();
    client = clientFor();
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await slack.close();
  });

  it('answers auth.test and records every call', async () => {
    expect(slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'tsunagi' });
    expect(slack.calls).toHaveLength(1);
    expect(slack.calls[0]).toMatchObject({ method: 'auth.test', args: {} });
  });

  it('rejects calls without a token', async () => {
    const anonymous = new webApi.WebClient(undefined, { slackApiUrl: slack.url, logLevel: webApi.LogLevel.ERROR });
    const error = (await rejection(anonymous.auth.test())) as webApi.WebAPIPlatformError;
    expect(error.data.error).toBe('not_authed');
  });

  it('stores messages and threads with parsed blocks and metadata', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*親*' } }];
    const metadata = { event_type: 'case_thread', event_payload: { caseId: 'c1' } };
    const parent = await client.chat.postMessage({ channel: 'C1', text: '親メッセージ', blocks, metadata, username: 'つなぎ', icon_url: 'https://x/i.png' });
    expect(parent).toMatchObject({ ok: true, channel: 'C1', message: { text: '親メッセージ', metadata } });
    const parentTs = parent.ts!;
    const r1 = await client.chat.postMessage({ channel: 'C1', thread_ts: parentTs, text: '返信1' });
    const r2 = await client.chat.postMessage({ channel: 'C1', thread_ts: r1.ts!, text: '返信2' }); // reply to a reply joins the thread
    await client.chat.postMessage({ channel: 'C2', text: '別チャンネル' });

    expect(Number(r1.ts)).toBeGreaterThan(Number(parentTs));
    expect(Number(r2.ts)).toBeGreaterThan(Number(r1.ts));
    expect(slack.message('C1', parentTs)).toMatchObject({
      blocks,
      metadata,
      username: 'つなぎ',
      icon_url: 'https://x/i.png',
      user: 'UBOT',
      bot_id: 'BBOT',
      reactions: [],
    });
    expect(slack.calls[0]!.args.blocks).toEqual(blocks); // form field JSON was parsed
    expect(slack.channelMessages('C1').map((m) => m.text)).toEqual(['親メッセージ', '返信1', '返信2']);
    expect(slack.threadReplies('C1', parentTs).map((m) => [m.text, m.thread_ts])).toEqual([
      ['返信1', parentTs],
      ['返信2', parentTs],
    ]);

    const replies = await client.conversations.replies({ channel: 'C1', ts: parentTs, include_all_metadata: true });
    expect(replies.has_more).toBe(false);
    expect(replies.messages?.map((m) => m.text)).toEqual(['親メッセージ', '返信1', '返信2']);
    expect(replies.messages?.[0]).toMatchObject({ metadata, reply_count: 2, thread_ts: parentTs });

    const paged = await client.conversations.replies({ channel: 'C1', ts: parentTs, limit: 2 });
    expect(paged.messages).toHaveLength(2);
    expect(paged.has_more).toBe(true);
    const rest = await client.conversations.replies({ channel: 'C1', ts: parentTs, limit: 2, cursor: paged.response_metadata!.next_cursor! });
    expect(rest.messages?.map((m) => m.text)).toEqual(['返信2']);

    await client.chat.postMessage({ channel: 'C1', text: '二つ目' });
    const history = await client.conversations.history({ channel: 'C1' });
    expect(history.messages?.map((m) => m.text)).toEqual(['二つ目', '親メッセージ']);

    const link = await client.chat.getPermalink({ channel: 'C1', message_ts: parentTs });
    expect(link.permalink).toBe(`https://test.slack.com/archives/C1/p${parentTs.replace('.', '')}`);
  });

  it('answers Slack-level errors', async () => {
    const noChannel = (await rejection(client.chat.postMessage({ channel: '', text: 'x' }))) as webApi.WebAPIPlatformError;
    expect(noChannel.code).toBe(webApi.ErrorCode.PlatformError);
    expect(noChannel.data.error).toBe('channel_not_found');
    const noText = (await rejection(client.apiCall('chat.postMessage', { channel: 'C1' }))) as webApi.WebAPIPlatformError;
    expect(noText.data.error).toBe('no_text');
    const tooLong = [{ type: 'section', text: { type: 'mrkdwn', text: 'あ'.repeat(3001) } }];
    const invalid = (await rejection(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: tooLong }))) as webApi.WebAPIPlatformError;
    expect(invalid.data.error).toBe('invalid_blocks');
    const unknown = (await rejection(client.apiCall('no.such.method'))) as webApi.WebAPIPlatformError;
    expect(unknown.data.error).toBe('unknown_method');
    expect(slack.messages).toHaveLength(0);
  });

  it('updates and deletes messages', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: '元', blocks: [{ type: 'divider' }] });
    const updated = await client.chat.update({ channel: 'C1', ts: ts!, text: '編集後', metadata: { event_type: 'e', event_payload: { v: 2 } } });
    expect(updated.message).toMatchObject({ text: '編集後', edited: { user: 'UBOT' } });
    expect(slack.message('C1', ts!)).toMatchObject({ text: '編集後', blocks: [{ type: 'divider' }], edited: true, metadata: { event_payload: { v: 2 } } });

    await client.chat.delete({ channel: 'C1', ts: ts! });
    expect(slack.message('C1', ts!)?.deleted).toBe(true);
    expect(slack.channelMessages('C1')).toHaveLength(0);
    const again = (await rejection(client.chat.update({ channel: 'C1', ts: ts!, text: 'x' }))) as webApi.WebAPIPlatformError;
    expect(again.data.error).toBe('message_not_found');
  });

  it('adds and removes reactions', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'x' });
    await client.reactions.add({ channel: 'C1', timestamp: ts!, name: 'white_check_mark' });
    const dup = (await rejection(client.reactions.add({ channel: 'C1', timestamp: ts!, name: 'white_check_mark' }))) as webApi.WebAPIPlatformError;
    expect(dup.data.error).toBe('already_reacted');
    expect(slack.message('C1', ts!)?.reactions).toEqual(['white_check_mark']);
    await client.reactions.remove({ channel: 'C1', timestamp: ts!, name: 'white_check_mark' });
    expect(slack.message('C1', ts!)?.reactions).toEqual([]);
  });

  it('keeps ephemerals and views', async () => {
    const eph = await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'あなただけ', thread_ts: '1.2' });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(slack.ephemerals).toEqual([{ channel: 'C1', user: 'U1', text: 'あなただけ', thread_ts: '1.2', message_ts: eph.message_ts }]);
    expect(slack.messages).toHaveLength(0);

    const view = { type: 'modal' as const, callback_id: 'link', title: { type: 'plain_text' as const, text: '連携' }, blocks: [] };
    const opened = await client.views.open({ trigger_id: 'T-1', view });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V\d+$/), callback_id: 'link' });
    expect(slack.views).toEqual([expect.objectContaining({ id: opened.view!.id, trigger_id: 'T-1', view })]);

    const next = { ...view, title: { type: 'plain_text' as const, text: '完了' } };
    await client.views.update({ view_id: opened.view!.id!, view: next, hash: opened.view!.hash! });
    expect(slack.views[0]!.view).toEqual(next);
    const stale = (await rejection(client.views.update({ view_id: opened.view!.id!, view, hash: opened.view!.hash! }))) as webApi.WebAPIPlatformError;
    expect(stale.data.error).toBe('hash_conflict');
    await client.views.push({ trigger_id: 'T-2', view });
    expect(slack.views).toHaveLength(2);
  });

  it('answers conversations.*, users.info and DMs', async () => {
    const dm = await client.conversations.open({ users: 'U9' });
    expect(dm.channel?.id).toBe('DU9');
    await client.chat.postMessage({ channel: dm.channel!.id!, text: 'DMです' });
    expect(slack.dmMessages('U9').map((m) => m.text)).toEqual(['DMです']);

    expect((await client.conversations.members({ channel: 'C1' })).members).toEqual(['U_STAFF', 'UBOT']);
    slack.setMembers('C1', ['U1', 'U2']);
    expect((await client.conversations.members({ channel: 'C1' })).members).toEqual(['U1', 'U2']);
    // The bot (UBOT) is not among the members now: conversations.info says so, as Slack does.
    expect((await client.conversations.info({ channel: 'C1' })).channel).toMatchObject({ id: 'C1', name: 'team-C1', is_member: false });
    expect((await client.conversations.info({ channel: 'C2' })).channel).toMatchObject({ id: 'C2', is_member: true });

    expect((await client.users.info({ user: 'U1' })).user).toMatchObject({ id: 'U1', profile: { display_name: 'U1' }, tz: 'Asia/Tokyo' });
    slack.setUser('U1', { real_name: '山田 太郎', display_name: '山田' });
    expect((await client.users.info({ user: 'U1' })).user).toMatchObject({ real_name: '山田 太郎', profile: { display_name: '山田', real_name: '山田 太郎' } });
    slack.setUser('U1', null);
    expect(((await rejection(client.users.info({ user: 'U1' }))) as webApi.WebAPIPlatformError).data.error).toBe('user_not_found');
  });

  it("answers users.info with the person's team and role flags, and publishes Home tabs per user as Slack does", async () => {
    expect((await client.users.info({ user: 'U1' })).user).toMatchObject({
      team_id: 'T1',
      deleted: false,
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
    });
    slack.setUser('U_OWNER', { is_owner: true, is_primary_owner: true });
    slack.setUser('U_PARTNER', { is_admin: true, team_id: 'T_P' });
    expect((await client.users.info({ user: 'U_OWNER' })).user).toMatchObject({ is_owner: true, is_primary_owner: true, is_admin: false, team_id: 'T1' });
    expect((await client.users.info({ user: 'U_PARTNER' })).user).toMatchObject({ is_admin: true, team_id: 'T_P' });

    const home = { type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ホーム' } }] };
    const first = await client.views.publish({ user_id: 'U1', view: home });
    expect(first.view).toMatchObject({ type: 'home', id: expect.stringMatching(/^V\d+$/) });
    await client.views.publish({ user_id: 'U1', view: { ...home, blocks: [] } });
    // One Home per user, replaced by each publish.
    expect(slack.views.filter((v) => v.user === 'U1')).toEqual([expect.objectContaining({ id: first.view!.id, view: { ...home, blocks: [] } })]);
    const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x' }, blocks: [] };
    expect(((await rejection(client.views.publish({ user_id: 'U1', view: modal as never }))) as webApi.WebAPIPlatformError).data.error).toBe(
      'invalid_arguments',
    );
    const tooMany = { type: 'home' as const, blocks: Array.from({ length: 101 }, () => ({ type: 'divider' as const })) };
    expect(((await rejection(client.views.publish({ user_id: 'U1', view: tooMany }))) as webApi.WebAPIPlatformError).data.error).toBe('invalid_arguments');
  });

  it('shows Slack Connect sharing in conversations.info and names the teams in team.info', async () => {
    expect((await client.conversations.info({ channel: 'C2' })).channel).toMatchObject({ is_shared: false, is_ext_shared: false, shared_team_ids: ['T1'] });
    slack.shareChannel('C2', [{ id: 'T_P', name: 'パートナー' }]);
    expect((await client.conversations.info({ channel: 'C2' })).channel).toMatchObject({
      is_shared: true,
      is_ext_shared: true,
      context_team_id: 'T1',
      shared_team_ids: ['T1', 'T_P'],
      connected_team_ids: ['T_P'],
    });
    expect((await client.team.info({ team: 'T_P' })).team).toMatchObject({ id: 'T_P', name: 'パートナー' });
    expect((await client.team.info()).team).toMatchObject({ id: 'T1', name: 'Test' });
    expect(((await rejection(client.team.info({ team: 'T_NONE' }))) as webApi.WebAPIPlatformError).data.error).toBe('team_not_found');
    slack.shareChannel('C2', []);
    expect((await client.conversations.info({ channel: 'C2' })).channel).toMatchObject({ is_ext_shared: false });
  });

  it('stores response_url posts', async () => {
    const url = slack.responseUrl('abc');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi', replace_original: true }),
    });
    expect(await res.json()).toEqual({ ok: true });
    expect(slack.responses).toEqual([{ path: '/response/abc', body: { text: 'hi', replace_original: true }, at: expect.any(Number) }]);
    expect(slack.responseUrl()).not.toBe(slack.responseUrl());
  });

  it('runs the files upload v2 flow of filesUploadV2', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: '親' });
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0x02]);
    const res = await client.filesUploadV2({
      channel_id: 'C1',
      thread_ts: ts!,
      file: bytes,
      filename: 'photo.jpg',
      title: '写真',
      initial_comment: '写真です',
    });
    expect(res.ok).toBe(true);
    expect(slack.files).toHaveLength(1);
    const file = slack.files[0]!;
    expect(file).toMatchObject({ filename: 'photo.jpg', title: '写真', channel: 'C1', thread_ts: ts, completed: true, uploaded: true, length: bytes.length });
    expect(file.bytes.equals(bytes)).toBe(true);
    expect(slack.threadReplies('C1', ts!)).toEqual([expect.objectContaining({ text: '写真です', files: [{ id: file.id, title: '写真', name: 'photo.jpg' }] })]);
    await client.files.delete({ file: file.id });
    expect(file.deleted).toBe(true);
    expect(((await rejection(client.files.info({ file: file.id }))) as webApi.WebAPIPlatformError).data.error).toBe('file_deleted');
  });

  it('refuses to complete a file whose bytes never arrived', async () => {
    const url = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    expect(url.upload_url).toBe(`${slack.url.replace(/\/api\/$/, '')}/upload/${url.file_id}`);
    const error = (await rejection(
      client.files.completeUploadExternal({ files: [{ id: url.file_id!, title: 'a' }], channel_id: 'C1' }),
    )) as webApi.WebAPIPlatformError;
    expect(error.data.error).toBe('file_not_found');
    expect(slack.messages).toHaveLength(0);
  });

  describe('faults', () => {
    it('answers a queued Slack error, then behaves again', async () => {
      slack.fail('chat.postMessage', { error: 'is_archived' });
      const error = (await rejection(client.chat.postMessage({ channel: 'C1', text: 'x' }))) as webApi.WebAPIPlatformError;
      expect(error.data.error).toBe('is_archived');
      expect(slack.messages).toHaveLength(0);
      await client.chat.postMessage({ channel: 'C1', text: 'y' });
      expect(slack.channelMessages('C1').map((m) => m.text)).toEqual(['y']);
      expect(slack.callsOf('chat.postMessage')).toHaveLength(2);
      expect(slack.pendingFaults('chat.postMessage')).toBe(0);
    });

    it('answers HTTP 500 without performing the method', async () => {
      slack.fail('chat.postMessage', { status: 500 });
      const error = (await rejection(client.chat.postMessage({ channel: 'C1', text: 'x' }))) as webApi.WebAPIHTTPError;
      expect(error.code).toBe(webApi.ErrorCode.HTTPError);
      expect(error.statusCode).toBe(500);
      expect(slack.messages).toHaveLength(0);
    });

    it('consumes faults in order, one per call (the client retries through them)', async () => {
      slack.fail('chat.postMessage', { status: 500 }, { status: 503 });
      const retrying = clientFor({ retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 10 } });
      await retrying.chat.postMessage({ channel: 'C1', text: '三度目' });
      expect(slack.callsOf('chat.postMessage')).toHaveLength(3);
      expect(slack.channelMessages('C1')).toHaveLength(1);
    });

    it('answers 429 with Retry-After', async () => {
      slack.fail('chat.postMessage', { status: 429, retryAfter: 7 });
      const strict = clientFor({ rejectRateLimitedCalls: true });
      const error = (await rejection(strict.chat.postMessage({ channel: 'C1', text: 'x' }))) as webApi.WebAPIRateLimitedError;
      expect(error.code).toBe(webApi.ErrorCode.RateLimitedError);
      expect(error.retryAfter).toBe(7);
      expect(slack.messages).toHaveLength(0);
    });

    it('delays an answer', async () => {
      slack.fail('auth.test', { delayMs: 300 });
      const started = Date.now();
      await client.auth.test();
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    });

    it('drops the connection', async () => {
      slack.fail('chat.postMessage', { drop: true });
      const error = (await rejection(client.chat.postMessage({ channel: 'C1', text: 'x' }))) as webApi.WebAPIRequestError;
      expect(error.code).toBe(webApi.ErrorCode.RequestError);
      expect(slack.messages).toHaveLength(0);
    });

    it('performs the method, then fails (applyThenFail)', async () => {
      slack.fail('chat.postMessage', { applyThenFail: true }, { applyThenFail: true, drop: true });
      expect(((await rejection(client.chat.postMessage({ channel: 'C1', text: '届いた' }))) as webApi.WebAPIHTTPError).statusCode).toBe(500);
      expect(((await rejection(client.chat.postMessage({ channel: 'C1', text: '届いた2' }))) as webApi.WebAPIRequestError).code).toBe(
        webApi.ErrorCode.RequestError,
      );
      expect(slack.channelMessages('C1').map((m) => m.text)).toEqual(['届いた', '届いた2']);
    });

    it('faults the response_url and upload endpoints too', async () => {
      slack.fail('response_url', { status: 500 });
      expect((await fetch(slack.responseUrl('x'), { method: 'POST', body: '{}' })).status).toBe(500);
      expect(slack.responses).toHaveLength(0);
      slack.fail('upload', { status: 500 });
      const error = await rejection(client.filesUploadV2({ channel_id: 'C1', file: Buffer.from('abc'), filename: 'a.txt' }));
      expect(error).toBeInstanceOf(Error);
      expect(slack.files[0]?.uploaded).toBe(false);
    });

    it('rate-limits per channel with a token bucket', async () => {
      slack.rateLimit('chat.postMessage', { perSecond: 1, burst: 2 });
      const strict = clientFor({ rejectRateLimitedCalls: true });
      await strict.chat.postMessage({ channel: 'C1', text: '1' });
      await strict.chat.postMessage({ channel: 'C1', text: '2' });
      const error = (await rejection(strict.chat.postMessage({ channel: 'C1', text: '3' }))) as webApi.WebAPIRateLimitedError;
      expect(error.retryAfter).toBe(1);
      await strict.chat.postMessage({ channel: 'C2', text: 'other channel' });
      expect(slack.rateLimited).toBe(1);
      expect(slack.channelMessages('C1').map((m) => m.text)).toEqual(['1', '2']);

      // The default client waits Retry-After and retries; the bucket has refilled by then.
      const patient = clientFor({ retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } });
      await patient.chat.postMessage({ channel: 'C1', text: '3 again' });
      expect(slack.channelMessages('C1').map((m) => m.text)).toEqual(['1', '2', '3 again']);
    });
  });

  it('waitFor resolves with the first truthy value and times out otherwise', async () => {
    setTimeout(() => void client.chat.postMessage({ channel: 'C1', text: 'later' }), 50);
    const m = await slack.waitFor(() => slack.channelMessages('C1')[0]);
    expect(m.text).toBe('later');
    await expect(slack.waitFor(() => false, 100)).rejects.toThrow(/100 ms/);
  });

  it('reset clears stores and faults', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'x' });
    slack.fail('chat.postMessage', { error: 'boom' });
    const calls = slack.calls;
    slack.reset();
    expect(calls).toHaveLength(0);
    expect(slack.messages).toHaveLength(0);
    await client.chat.postMessage({ channel: 'C1', text: 'y' });
    expect(slack.channelMessages('C1')).toHaveLength(1);
  });

  it('close() ends pending (delayed) requests', async () => {
    const other = await startFakeSlack();
    other.fail('auth.test', { delayMs: 60_000 });
    const pending = rejection(clientFor({ slackApiUrl: other.url }).auth.test());
    await other.waitFor(() => other.calls.length > 0);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(((await pending) as webApi.WebAPIRequestError).code).toBe(webApi.ErrorCode.RequestError);
  });
});

describe('fake LINE', () => {
  let line: FakeLine;
  let client: messagingApi.MessagingApiClient;
  let blob: messagingApi.MessagingApiBlobClient;
  const text = (t: string): messagingApi.TextMessage => ({ type: 'text', text: t });

  beforeAll(async () => {
    line = await startFakeLine();
    client = new messagingApi.MessagingApiClient({ channelAccessToken: 'line-token', baseURL: line.apiBaseUrl });
    blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: 'line-token', baseURL: line.dataApiBaseUrl });
  });
  afterEach(() => line.reset());
  afterAll(async () => {
    await line.close();
  });

  it('accepts a push once per retry key', async () => {
    const key = randomUUID();
    const first = await client.pushMessageWithHttpInfo({ to: 'U1', messages: [text('こんにちは'), text('二通目')] }, key);
    expect(first.body.sentMessages).toHaveLength(2);
    expect(first.body.sentMessages[0]).toEqual({ id: expect.stringMatching(/^\d+$/), quoteToken: expect.any(String) });
    const requestId = first.httpResponse.headers.get('x-line-request-id');
    expect(requestId).toBeTruthy();
    expect(line.pushes).toEqual([expect.objectContaining({ to: 'U1', messages: [text('こんにちは'), text('二通目')], retryKey: key, requestId })]);
    expect(line.calls[0]).toMatchObject({ method: 'POST', path: '/v2/bot/message/push', api: 'messaging', headers: { authorization: 'Bearer line-token' } });

    const again = (await rejection(client.pushMessage({ to: 'U1', messages: [text('こんにちは')] }, key))) as HTTPFetchError;
    expect(again).toBeInstanceOf(HTTPFetchError);
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({ message: 'The retry key is already accepted' });
    expect(again.headers.get('x-line-accepted-request-id')).toBe(requestId);
    expect(line.pushes).toHaveLength(1);

    const bad = (await rejection(client.pushMessage({ to: 'U1', messages: [text('x')] }, 'not-a-uuid'))) as HTTPFetchError;
    expect(bad.status).toBe(400);
  });

  it('validates message count and text length (UTF-16 units)', async () => {
    const six = (await rejection(client.pushMessage({ to: 'U1', messages: Array.from({ length: 6 }, () => text('x')) }))) as HTTPFetchError;
    expect(six.status).toBe(400);
    expect(JSON.parse(six.body)).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 5', property: 'messages' }],
    });
    const none = (await rejection(client.pushMessage({ to: 'U1', messages: [] }))) as HTTPFetchError;
    expect(none.status).toBe(400);

    await client.pushMessage({ to: 'U1', messages: [text('😀'.repeat(2500))] }); // 5000 UTF-16 units
    const long = (await rejection(client.pushMessage({ to: 'U1', messages: [text('😀'.repeat(2500) + 'a')] }))) as HTTPFetchError;
    expect(long.status).toBe(400);
    expect(JSON.parse(long.body).details).toEqual([{ message: 'Length must be between 0 and 5000', property: 'messages[0].text' }]);
    expect(line.pushes).toHaveLength(1);
  });

  it('rejects requests without a token', async () => {
    const anonymous = new messagingApi.MessagingApiClient({ channelAccessToken: '', baseURL: line.apiBaseUrl });
    const error = (await rejection(anonymous.pushMessage({ to: 'U1', messages: [text('x')] }))) as HTTPFetchError;
    expect(error.status).toBe(401);
    expect(JSON.parse(error.body)).toEqual({ message: 'Authentication failed' });
    expect(line.pushes).toHaveLength(0);
  });

  it('answers blocked users and an exhausted quota', async () => {
    line.block('U_blocked');
    const blocked = (await rejection(client.pushMessage({ to: 'U_blocked', messages: [text('x')] }))) as HTTPFetchError;
    expect([blocked.status, JSON.parse(blocked.body).message]).toEqual([400, 'Failed to send messages']);

    line.setQuotaExceeded(true);
    const quota = (await rejection(client.pushMessage({ to: 'U1', messages: [text('x')] }))) as HTTPFetchError;
    expect([quota.status, JSON.parse(quota.body).message]).toEqual([429, 'You have reached your monthly limit.']);
    expect(quota.headers.get('retry-after')).toBeNull();
    expect(line.pushes).toHaveLength(0);
  });

  it('accepts a reply token once', async () => {
    await client.replyMessage({ replyToken: 'tok-1', messages: [text('返信')] });
    expect(line.replies).toEqual([{ replyToken: 'tok-1', messages: [text('返信')], at: expect.any(Number) }]);
    for (const replyToken of ['tok-1', 'expired-1']) {
      const error = (await rejection(client.replyMessage({ replyToken, messages: [text('x')] }))) as HTTPFetchError;
      expect([error.status, JSON.parse(error.body)]).toEqual([400, { message: 'Invalid reply token' }]);
    }
    expect(line.replies).toHaveLength(1);
  });

  it('answers profiles and bot info', async () => {
    expect(await client.getProfile('U1')).toEqual({ userId: 'U1', displayName: 'LINE U1', language: 'ja' });
    line.setProfile('U1', { displayName: '佐藤 花子', pictureUrl: 'https://x/p.png' });
    expect(await client.getProfile('U1')).toMatchObject({ displayName: '佐藤 花子', pictureUrl: 'https://x/p.png' });
    line.setProfile('U1', null);
    expect(((await rejection(client.getProfile('U1'))) as HTTPFetchError).status).toBe(404);
    expect(await client.getBotInfo()).toEqual({ userId: 'Ubot', basicId: '@tsunagi', displayName: 'つなぎ', chatMode: 'bot', markAsReadMode: 'auto' });
  });

  it('serves content and transcoding status on the data API only', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
    line.setContent('m1', { body: bytes, contentType: 'image/png', transcoding: 'processing' });
    const res = await blob.getMessageContentWithHttpInfo('m1');
    expect(res.httpResponse.headers.get('content-type')).toBe('image/png');
    expect((await readAll(res.body)).equals(bytes)).toBe(true);
    expect(line.calls.at(-1)).toMatchObject({ api: 'data', path: '/v2/bot/message/m1/content' });

    expect(await blob.getMessageContentTranscodingByMessageId('m1')).toEqual({ status: 'processing' });
    line.setTranscoding('m1', 'succeeded');
    expect(await blob.getMessageContentTranscodingByMessageId('m1')).toEqual({ status: 'succeeded' });

    expect(((await rejection(blob.getMessageContent('unknown'))) as HTTPFetchError).status).toBe(404);
    // A blob client pointed at the messaging API base URL finds nothing.
    const misrouted = new messagingApi.MessagingApiBlobClient({ channelAccessToken: 'line-token', baseURL: line.apiBaseUrl });
    expect(((await rejection(misrouted.getMessageContent('m1'))) as HTTPFetchError).status).toBe(404);
    // Concatenating a `/data` prefix by hand works too.
    const manual = await fetch(`${line.dataApiBaseUrl}/data/v2/bot/message/m1/content`, { headers: { authorization: 'Bearer t' } });
    expect(Buffer.from(await manual.arrayBuffer()).equals(bytes)).toBe(true);
  });

  describe('faults', () => {
    it('answers 500 and 429 (with Retry-After) without storing, in order', async () => {
      line.fail('push', { status: 500 }, { status: 429, retryAfter: 3 }, { status: 400, body: { message: 'custom' } });
      const e1 = (await rejection(client.pushMessage({ to: 'U1', messages: [text('x')] }))) as HTTPFetchError;
      expect([e1.status, JSON.parse(e1.body)]).toEqual([500, { message: 'Internal server error' }]);
      const e2 = (await rejection(client.pushMessage({ to: 'U1', messages: [text('x')] }))) as HTTPFetchError;
      expect([e2.status, JSON.parse(e2.body), e2.headers.get('retry-after')]).toEqual([429, { message: 'Too many requests' }, '3']);
      const e3 = (await rejection(client.pushMessage({ to: 'U1', messages: [text('x')] }))) as HTTPFetchError;
      expect([e3.status, JSON.parse(e3.body)]).toEqual([400, { message: 'custom' }]);
      expect(line.pushes).toHaveLength(0);
      await client.pushMessage({ to: 'U1', messages: [text('ok')] });
      expect(line.pushes).toHaveLength(1);
      expect(line.calls).toHaveLength(4);
    });

    it('applies a push then fails, so the retry with the same key gets 409', async () => {
      const key = randomUUID();
      line.fail('push', { applyThenFail: true });
      expect(((await rejection(client.pushMessage({ to: 'U1', messages: [text('一度だけ')] }, key))) as HTTPFetchError).status).toBe(500);
      expect(line.pushes).toEqual([expect.objectContaining({ to: 'U1', retryKey: key })]);
      expect(((await rejection(client.pushMessage({ to: 'U1', messages: [text('一度だけ')] }, key))) as HTTPFetchError).status).toBe(409);
      expect(line.pushes).toHaveLength(1);
    });

    it('drops and delays', async () => {
      line.fail('profile', { drop: true }, { delayMs: 300 });
      const dropped = await rejection(client.getProfile('U1'));
      expect(dropped).toBeInstanceOf(TypeError); // fetch failed
      const started = Date.now();
      expect((await client.getProfile('U1')).displayName).toBe('LINE U1');
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    });

    it('faults content and transcoding routes', async () => {
      line.setContent('m1', { body: Buffer.from('abc'), contentType: 'text/plain' });
      line.fail('content', { status: 500 });
      line.fail('transcoding', { status: 503 });
      expect(((await rejection(blob.getMessageContent('m1'))) as HTTPFetchError).status).toBe(500);
      expect(((await rejection(blob.getMessageContentTranscodingByMessageId('m1'))) as HTTPFetchError).status).toBe(503);
      expect((await readAll(await blob.getMessageContent('m1'))).toString()).toBe('abc');
    });
  });

  it('waitFor and reset', async () => {
    setTimeout(() => void client.pushMessage({ to: 'U1', messages: [text('later')] }), 50);
    const push = await line.waitFor(() => line.pushes[0]);
    expect(push.to).toBe('U1');
    line.block('U1');
    line.reset();
    expect(line.pushes).toHaveLength(0);
    expect(line.calls).toHaveLength(0);
    await client.pushMessage({ to: 'U1', messages: [text('unblocked')] });
    expect(line.pushes).toHaveLength(1);
  });
});
