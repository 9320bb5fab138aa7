import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { parseTimeWord, zonedInstant } from '../../../lib/dates.js';
import { saveNewRecord, saveRecordEdit } from '../../../core/records/save-record.js';
import { authorizeCase } from '../../authorize.js';
import { readRecordInput, RECORD_VIEW_ID, type RecordViewState } from '../../render/modals/record-modal.js';
import { slackText, type SlackTextInput } from '../../mrkdwn.js';

/**
 * The record form submitted (new, from /update or the 記録する shortcut; or an edit by the author).
 * Problems are shown on the form's fields; a double submit records once (keyed by the view).
 */
export function registerRecordSubmit(app: App, ctx: SlackContext): void {
  app.view(RECORD_VIEW_ID, async ({ ack, view, body }) => {
    const r = ctx.text.records;
    const state = JSON.parse(view.private_metadata) as RecordViewState;
    const input = readRecordInput(view.state.values as Parameters<typeof readRecordInput>[0]);
    const user = body.user.id;
    const fail = (errors: Record<string, SlackTextInput>) =>
      ack({ response_action: 'errors', errors: Object.fromEntries(Object.entries(errors).map(([block, text]) => [block, slackText(text)])) });

    const caseId = state.caseId ?? input.caseId;
    const caseRow = caseId ? await ctx.core.store.cases.byId(caseId) : undefined;
    const caseBlock = state.caseId ? 'category' : 'case';
    if (!caseRow) return void (await fail({ [caseBlock]: ctx.text.caseNotFound(String(caseId ?? '')) }));
    const access = await authorizeCase(ctx, { userId: user, caseRow, via: 'record form' });
    if (!access.allowed) return void (await fail({ [caseBlock]: access.refusal }));
    if (state.mode === 'new' && caseRow.status !== 'open') return void (await fail({ [caseBlock]: ctx.text.caseClosed(caseRow.code) }));
    const time = parseTimeWord(input.time ?? '');
    if (!input.day || !time) return void (await fail({ date: r.dateInvalid }));
    if (!input.category) return void (await fail({ category: r.categoryLabel }));
    if (input.nextStepDate && !input.nextStep) return void (await fail({ next_step: r.nextDateWithoutStep }));
    const fields = {
      category: input.category,
      contactKind: input.contactKind,
      occurredAt: zonedInstant(input.day, time, ctx.timeZone),
      place: input.place,
      attendees: input.attendees,
      body: input.body,
      fsoaip: input.fsoaip,
      nextStep: input.nextStep,
      nextStepDate: input.nextStepDate,
    };

    if (state.mode === 'edit') {
      const update = state.updateId ? await ctx.core.store.records.byId(state.updateId) : undefined;
      if (!update) return void (await fail({ body: r.recordGone }));
      if (update.authorUserId !== user) return void (await fail({ body: r.onlyAuthorEdits }));
      const saved = await saveRecordEdit(ctx.core, update, state.version ?? update.version, fields, user);
      if (!saved) return void (await fail({ body: r.editConflict }));
      await ack();
      return;
    }
    await saveNewRecord(ctx.core, caseRow, {
      ...fields,
      authorUserId: user,
      sourceMessageId: state.sourceMessageId ?? null,
      sourceSlackTs: state.sourceTs ?? null,
      idempotencyKey: `view:${view.id}`,
    });
    await ack();
  });
}
