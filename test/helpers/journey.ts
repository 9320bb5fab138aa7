import { randomUUID } from 'node:crypto';
import { lineFollow, linePostback, lineTextMessage, lineWebhookBody } from '../fixtures/line-events.js';
import { blockAction, slashCommand, viewSubmission } from '../fixtures/slack-payloads.js';
import { initial, nextModal, type OpenedModal } from './modals.js';
import type { TestApp } from './test-app.js';

/**
 * Steps of the product's journeys as staff and families perform them, through signed HTTP requests:
 * a slash command answered on its response_url, a LINE user following, sending a code, agreeing.
 */

/** Runs `/case <text>` and returns the answer the invoker sees (ephemeral, via response_url). */
export async function runCaseCommand(t: TestApp, text: string, o: { channel?: string; user?: string } = {}): Promise<string> {
  const id = randomUUID();
  const res = await t.postSlackForm(slashCommand({ text, responseUrl: t.slack.responseUrl(id), ...o }));
  if (res.status !== 200) throw new Error(`/case ${text} answered HTTP ${res.status}`);
  const answer = await t.slack.waitFor(() => t.slack.responses.find((r) => r.path.endsWith(`/${id}`)));
  return String((answer.body as { text?: string }).text ?? '');
}

/** `/case new`: returns the case code and its thread (the root message's ts). */
export async function createCase(
  t: TestApp,
  label: string,
  o: { channel?: string; service?: string } = {},
): Promise<{ code: string; threadTs: string; channel: string }> {
  const channel = o.channel ?? 'C_TEAM';
  const answer = await runCaseCommand(t, `new ${label}${o.service ? ` ${o.service}` : ''}`, { channel });
  const code = /C-\d{4,}/.exec(answer)?.[0];
  if (!code) throw new Error(`no case code in: ${answer}`);
  const root = t.slack
    .channelMessages(channel)
    .find((m) => !m.thread_ts && (m.metadata as { event_payload?: { code?: string } } | undefined)?.event_payload?.code === code);
  if (!root) throw new Error(`no root message for ${code}`);
  return { code, threadTs: root.ts, channel };
}

/** `/case invite`: returns the one-time code shown to the invoker. */
export async function issueInvite(t: TestApp, caseCode: string, role: string, relation = ''): Promise<string> {
  const answer = await runCaseCommand(t, `invite ${caseCode} ${role} ${relation}`.trim());
  const code = /\b[A-Z0-9]{4}-[A-Z0-9]{4}\b/.exec(answer)?.[0];
  if (!code) throw new Error(`no invite code in: ${answer}`);
  return code;
}

/** Sends one LINE event (signed) and checks the 200. */
export async function sendLine(t: TestApp, event: Parameters<typeof lineWebhookBody>[0][number]): Promise<void> {
  const res = await t.postLine(lineWebhookBody([event]));
  if (res.status !== 200) throw new Error(`LINE webhook answered HTTP ${res.status}`);
}

/** The texts of every LINE reply the bot sent with `replyToken`. */
export async function repliesTo(t: TestApp, replyToken: string | undefined): Promise<Array<Record<string, unknown>>> {
  const reply = await t.line.waitFor(() => t.line.replies.find((r) => r.replyToken === replyToken));
  return reply.messages as Array<Record<string, unknown>>;
}

/** The postback data of the consent question's buttons in a reply (同意する / 同意しない). */
export function consentChoices(messages: Array<Record<string, unknown>>): { yes: string; no: string } {
  const template = messages.find((m) => m.type === 'template') as { template?: { actions?: Array<{ label: string; data: string }> } } | undefined;
  const actions = template?.template?.actions ?? [];
  const yes = actions.find((a) => a.label === '同意する')?.data;
  const no = actions.find((a) => a.label === '同意しない')?.data;
  if (!yes || !no) throw new Error('no consent question in the reply');
  return { yes, no };
}

/**
 * A person follows the office's account, sends the code and answers the consent question.
 * Returns the LINE replies seen along the way.
 */
export async function linkLineUser(
  t: TestApp,
  o: { caseCode: string; role: string; relation?: string; userId: string; displayName?: string; agree?: boolean },
): Promise<{ code: string; codeReply: Array<Record<string, unknown>>; consentReply: Array<Record<string, unknown>> }> {
  if (o.displayName) t.line.setProfile(o.userId, { displayName: o.displayName });
  const code = await issueInvite(t, o.caseCode, o.role, o.relation);
  const follow = lineFollow({ userId: o.userId });
  await sendLine(t, follow);
  await repliesTo(t, follow.replyToken);
  const sent = lineTextMessage({ userId: o.userId, text: code });
  await sendLine(t, sent);
  const codeReply = await repliesTo(t, sent.replyToken);
  const choices = consentChoices(codeReply);
  const answer = linePostback({ userId: o.userId, data: o.agree === false ? choices.no : choices.yes });
  await sendLine(t, answer);
  const consentReply = await repliesTo(t, answer.replyToken);
  return { code, codeReply, consentReply };
}

/** Replies in a case thread that are not the bot's notices or the root, oldest first. */
export function threadPosts(t: TestApp, channel: string, threadTs: string) {
  return t.slack.threadReplies(channel, threadTs);
}

/** The relay id carried in a thread post's metadata (tsunagi_message). */
export function relayIdOf(post: { metadata?: unknown }): number | undefined {
  const meta = post.metadata as { event_type?: string; event_payload?: { message_id?: number } } | undefined;
  return meta?.event_type === 'tsunagi_message' ? meta.event_payload?.message_id : undefined;
}

/** Clicks 返信 under a relayed post in a case thread and returns the send modal it opened. */
export async function openReplyModal(t: TestApp, post: { ts: string; metadata?: unknown }, threadTs: string, channel = 'C_TEAM'): Promise<OpenedModal> {
  const before = t.slack.views.length;
  const res = await t.postSlackForm(
    blockAction({
      actionId: 'relay.reply',
      value: String(relayIdOf(post)),
      channel,
      messageTs: post.ts,
      threadTs,
      responseUrl: t.slack.responseUrl(`reply-${before}`),
    }),
  );
  if (res.status !== 200) throw new Error(`返信 answered HTTP ${res.status}`);
  return nextModal(t, before);
}

/** Submits the send modal to its pre-selected recipient with `text`. */
export async function submitSendModal(t: TestApp, modal: OpenedModal, text: string): Promise<void> {
  const recipient = initial(modal, 'recipient');
  if (!recipient) throw new Error('the send modal has no recipient');
  const res = await t.postSlackForm(viewSubmission({ view: { id: modal.id, ...modal.view }, values: { recipient: { selected: recipient }, text: { text } } }));
  if (res.status !== 200) throw new Error(`send modal answered HTTP ${res.status}`);
}
