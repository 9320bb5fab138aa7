import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { findCaseById } from '../db/queries/cases.js';
import { insertMessage } from '../db/queries/messages.js';
import { claimPing, findPing, findReminder, hasEscalation, insertPings, updatePing } from '../db/queries/reminders.js';
import type { ReminderPingRow } from '../db/schema/reminders.js';
import { AppError } from '../lib/errors.js';
import { sleep } from '../lib/sleep.js';
import type { JobContext } from '../queues/workers.js';
import { enqueueThreadFlush } from '../relay/flush-thread.js';
import { pacedSlackCall, SlackRetryableError } from '../relay/post-to-thread.js';
import { reminderPingPost } from '../slack/blocks/reminder-ping.js';
import { findTaggedSince } from '../slack/find-earlier.js';
import { enqueuePing } from './schedule.js';

export const PING_METADATA_TYPE = 'tsunagi_ping';
/** A claim this old belongs to a worker that died: another may take the ping over. */
const CLAIM_STALE_SEC = 300;

class PingTooEarlyError extends AppError {
  constructor() {
    super('ping_too_early', 'the ping is not due yet');
  }
}

class PingBusyError extends AppError {
  constructor() {
    super('ping_claimed', 'another worker is sending this ping');
  }
}

/**
 * Sends one ping exactly once: claimed in the database (one replica wins), the DM tagged with the
 * ping id in its metadata (a retry finds an earlier DM before posting again), the thread copy keyed
 * by the ping (the thread flush posts it once, in order).
 */
export async function firePing(ctx: AppContext, pingId: number, job: JobContext): Promise<void> {
  const current = await findPing(ctx.db, pingId);
  if (!current || current.status !== 'pending') return;
  const early = current.fireAt.getTime() - ctx.now().getTime();
  // Early (clocks of replicas differ a little): wait a few seconds; much earlier, retry later.
  if (early > 10_000) throw new PingTooEarlyError();
  if (early > 0) await sleep(early);
  const ping = await claimPing(ctx.db, pingId, CLAIM_STALE_SEC);
  if (!ping) throw new PingBusyError();
  try {
    await sendClaimedPing(ctx, ping, job);
  } catch (error) {
    // Let the retry (of this job or another replica's) take it again at once; only a crash waits for the claim to go stale.
    await updatePing(ctx.db, ping.id, { claimedAt: null }).catch(() => undefined);
    throw error;
  }
}

async function sendClaimedPing(ctx: AppContext, ping: ReminderPingRow, job: JobContext): Promise<void> {
  const reminder = await findReminder(ctx.db, ping.reminderId);
  const caseRow = reminder ? await findCaseById(ctx.db, reminder.caseId) : undefined;
  if (!reminder || !caseRow || reminder.status !== 'open' || (ping.kind === 'escalation' && reminder.acknowledgedAt)) {
    await updatePing(ctx.db, ping.id, { status: 'cancelled' });
    return;
  }
  const escalation = ping.kind === 'escalation';
  const recipient = escalation ? (caseRow.supervisorUserId ?? ctx.config.reminders.escalationUserId) : reminder.assigneeUserId;
  if (!recipient) {
    job.logger.warn({ reminderId: reminder.id }, 'escalation skipped: no supervisor for the case and no ESCALATION_USER_ID');
    await updatePing(ctx.db, ping.id, { status: 'cancelled' });
    return;
  }
  const post = reminderPingPost(reminder, caseRow, { label: ping.label, escalation, shiftReason: ping.shiftReason }, ctx.text, ctx.config.timeZone);

  if (!ping.dmTs) {
    const dm = await ctx.slack.conversations.open({ users: recipient });
    const channel = dm.channel?.id;
    if (!channel) throw new Error('Slack did not open a DM');
    if (ping.dmNoAnswerAt && ctx.now().getTime() - ping.dmNoAnswerAt.getTime() < 3 * ctx.config.apiTimeoutMs) {
      // An earlier attempt got no answer and may still be landing in Slack: look for it a little later.
      throw new PingBusyError();
    }
    let ts = ping.dmStartedAt
      ? await findTaggedSince(ctx.slack, { channel }, ping.dmStartedAt, PING_METADATA_TYPE, (p) => Number(p.ping_id) === ping.id)
      : undefined;
    if (!ts) {
      await updatePing(ctx.db, ping.id, { dmStartedAt: ctx.now(), dmChannelId: channel, recipientUserId: recipient });
      try {
        const res = await pacedSlackCall(ctx, channel, () =>
          ctx.slack.chat.postMessage({
            channel,
            text: post.text,
            blocks: post.blocks,
            metadata: { event_type: PING_METADATA_TYPE, event_payload: { ping_id: ping.id } },
          }),
        );
        ts = res.ts;
      } catch (error) {
        if (error instanceof SlackRetryableError && error.code === 'slack_request_error') await updatePing(ctx.db, ping.id, { dmNoAnswerAt: ctx.now() });
        throw error;
      }
    }
    await updatePing(ctx.db, ping.id, { dmTs: ts ?? 'unknown', dmChannelId: channel });
  }

  const { message } = await insertMessage(ctx.db, {
    caseId: caseRow.id,
    direction: 'note',
    kind: 'system',
    body: null,
    meta: { pingId: ping.id },
    idempotencyKey: `ping:${ping.id}`,
  });
  await enqueueThreadFlush(ctx, caseRow.id, message.id);
  if (!escalation && !reminder.acknowledgedAt && !(await hasEscalation(ctx.db, reminder.id))) {
    const at = new Date(ctx.now().getTime() + ctx.config.reminders.escalateAfterMinutes * 60_000);
    const [escalationPing] = (await insertPings(ctx.db, reminder.id, [{ kind: 'escalation', label: ctx.text.reminders.escalationLabel, fireAt: at }])).filter(
      (p) => p.kind === 'escalation',
    );
    if (escalationPing) await enqueuePing(ctx, escalationPing);
  }
  await updatePing(ctx.db, ping.id, { status: 'sent', sentAt: ctx.now(), threadMessageId: message.id, recipientUserId: recipient });
  await audit(ctx.db, { actorType: 'system', action: escalation ? 'reminder.escalated' : 'reminder.pinged', caseId: caseRow.id, details: { reminderId: reminder.id, pingId: ping.id, to: recipient } });
  job.logger.info({ reminderId: reminder.id, pingId: ping.id, kind: ping.kind }, 'reminder ping sent');
}
