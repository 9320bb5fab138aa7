import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { localParts } from '../../../lib/dates.js';
import { authorizeCase } from '../../authorize.js';
import { recordModal } from '../../render/modals/record-modal.js';
import { ACTIONS } from '../../render/post.js';
import { ephemeral, type SlackTextInput } from '../../mrkdwn.js';

/** 編集 on a record card: the author, while a member of the case's channel, gets the form filled with the current version. */
export function registerRecordEditButton(app: App, ctx: SlackContext): void {
  app.action<BlockButtonAction>(ACTIONS.recordEdit, async ({ ack, action, body, client, respond }) => {
    await ack();
    const r = ctx.text.records;
    const say = (text: SlackTextInput) => respond(ephemeral(text));
    const update = await ctx.core.store.records.byId(Number(action.value));
    if (!update) return void (await say(r.recordGone));
    if (update.authorUserId !== body.user.id) return void (await say(r.onlyAuthorEdits));
    const caseRow = await ctx.core.store.cases.byId(update.caseId);
    if (!caseRow) return void (await say(r.recordGone));
    const access = await authorizeCase(ctx, { userId: body.user.id, caseRow, via: 'record edit button' });
    if (!access.allowed) return void (await say(access.refusal));
    const when = localParts(update.occurredAt, ctx.timeZone);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: recordModal(
        { mode: 'edit', channelId: body.channel?.id ?? '', caseId: update.caseId, updateId: update.id, version: update.version },
        {
          category: update.category,
          contactKind: update.contactKind,
          day: when.day,
          time: when.time,
          place: update.place,
          attendees: update.attendees,
          body: update.body,
          fsoaip: update.fsoaip,
          nextStep: update.nextStep,
          nextStepDate: update.nextStepDate,
        },
        ctx.text,
        ctx.language,
      ),
    });
  });
}
