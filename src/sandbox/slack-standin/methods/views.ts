import type { SlackViewRecord } from '../../shared/slack-types.js';
import { TRIGGER_TTL_MS, type SlackWorkspace } from '../workspace.js';
import { blocksError, fail, ok, str, type SlackArgs, type SlackMethod } from './method.js';
import { renderView } from './render.js';

const VIEW_MAX_BYTES = 250_000;
/** views.push may stack at most 3 modals. */
const MAX_STACK = 3;

function viewError(view: unknown): string | undefined {
  if (typeof view !== 'object' || view === null) return 'invalid_arguments';
  const v = view as Record<string, unknown>;
  if (v.type !== 'modal') return 'invalid_arguments';
  if (Buffer.byteLength(JSON.stringify(v)) > VIEW_MAX_BYTES) return 'view_too_large';
  if (blocksError(v.blocks, 100)) return 'invalid_arguments';
  return undefined;
}

/** A trigger_id is good once, for 3 seconds: who it belongs to, or the error Slack gives. */
function useTrigger(ws: SlackWorkspace, args: SlackArgs): { user: string } | { error: string } {
  const id = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
  if (!id) return { error: 'invalid_arguments' };
  const trigger = ws.triggers.get(id);
  if (!trigger) return { error: 'invalid_trigger_id' };
  if (trigger.used) return { error: 'exchanged_trigger_id' };
  if (ws.realNow() - trigger.createdAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
  trigger.used = true;
  return { user: trigger.user };
}

function store(ws: SlackWorkspace, user: string, view: Record<string, unknown>, previous?: SlackViewRecord): SlackViewRecord {
  const id = ws.nextId('V');
  const record: SlackViewRecord = { id, user, view, hash: `${Date.now()}.${ws.nextId('h')}`, rootViewId: previous?.rootViewId ?? id, open: true };
  if (previous) record.previousViewId = previous.id;
  ws.state.views.push(record);
  ws.changed();
  return record;
}

export const viewsMethods: Record<string, SlackMethod> = {
  'views.open': ({ ws }, args) => {
    const error = viewError(args.view);
    if (error) return fail(error);
    const trigger = useTrigger(ws, args);
    if ('error' in trigger) return fail(trigger.error);
    const view = args.view as Record<string, unknown>;
    const externalId = typeof view.external_id === 'string' ? view.external_id : undefined;
    if (externalId && ws.state.views.some((v) => v.open && v.view.external_id === externalId)) return fail('duplicate_external_id');
    // A new modal replaces whatever stack the person had open.
    for (const v of ws.openViews(trigger.user)) v.open = false;
    return ok({ view: renderView(ws, store(ws, trigger.user, view)) });
  },

  'views.push': ({ ws }, args) => {
    const error = viewError(args.view);
    if (error) return fail(error);
    const trigger = useTrigger(ws, args);
    if ('error' in trigger) return fail(trigger.error);
    const stack = ws.openViews(trigger.user);
    if (stack.length === 0) return fail('not_found');
    if (stack.length >= MAX_STACK) return fail('push_limit_reached');
    return ok({ view: renderView(ws, store(ws, trigger.user, args.view as Record<string, unknown>, stack[stack.length - 1])) });
  },

  'views.update': ({ ws }, args) => {
    const error = viewError(args.view);
    if (error) return fail(error);
    const id = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    if (!id && !externalId) return fail('invalid_arguments');
    const stored = ws.state.views.find((v) => (id ? v.id === id : v.view.external_id === externalId));
    if (!stored) return fail('not_found');
    const hash = str(args, 'hash');
    if (hash && hash !== stored.hash) return fail('hash_conflict');
    stored.view = args.view as Record<string, unknown>;
    stored.hash = `${Date.now()}.${ws.nextId('h')}`;
    delete stored.errors;
    ws.changed();
    return ok({ view: renderView(ws, stored) });
  },
};
