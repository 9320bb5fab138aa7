import { AppError, isPermanent } from '../../lib/errors.js';
import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';

/** Why a case could not be opened, for the person who asked. */
export class OpenCaseProblem extends AppError {
  constructor(
    readonly reason: 'bot_not_in_channel' | 'chat_failed',
    readonly detail: string,
  ) {
    super(`open_case_${reason}`, `the case's root message could not be posted (${detail})`, 'mistake');
  }
}

/**
 * Opens a case: its code, its row, and its root message in the channel (whose thread is the case
 * thread). If the root cannot be posted, nothing of the case remains and the reason is said.
 */
export async function openCase(
  core: Core,
  input: { label: string; service: string | null; channelId: string; teamId: string | null; by: string },
): Promise<Case> {
  const caseRow = await core.store.cases.create({
    label: input.label,
    service: input.service,
    slackChannelId: input.channelId,
    slackTeamId: input.teamId,
    responsibleUserId: input.by,
  });
  let ts: string;
  try {
    ts = await core.thread.postCaseRoot(input.channelId, {
      caseId: caseRow.id,
      code: caseRow.code,
      label: caseRow.label,
      service: caseRow.service,
      responsibleUserId: input.by,
    });
  } catch (error) {
    await core.store.cases.delete(caseRow.id);
    const code = error instanceof AppError ? error.code : 'error';
    if (/not_in_channel|channel_not_found/.test(code)) throw new OpenCaseProblem('bot_not_in_channel', code);
    throw new OpenCaseProblem('chat_failed', isPermanent(error) ? code : 'temporary');
  }
  await core.store.cases.setThread(caseRow.id, ts);
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: input.by,
    action: 'case.created',
    caseId: caseRow.id,
    details: { code: caseRow.code, service: input.service },
  });
  return { ...caseRow, slackThreadTs: ts };
}
