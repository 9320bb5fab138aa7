import { retryFromNotice, retryInboundEvent } from '../conversation/retry.js';
import type { Core } from '../deps.js';
import type { FailureKind } from '../ports/operations.js';
import { mayAdminister } from './authorize.js';

export interface FailureRef {
  kind: FailureKind;
  id: number;
}

/**
 * 再試行 beside a failure in the admins' App Home: the work is owed again through the same paths as
 * 再送する under a failure notice in a case thread (core/conversation/retry.ts), so it is audit-logged
 * and queued the same way. 'nothing' when there was nothing to ask again (already retried, delivered
 * meanwhile, or its content is gone).
 */
export async function retryFailure(core: Core, userId: string, ref: FailureRef): Promise<'queued' | 'nothing' | 'refused'> {
  if (!(await mayAdminister(core, userId, { via: 'retry button' }))) return 'refused';
  if (ref.kind === 'inbound_event') {
    return (await retryInboundEvent(core, ref.id, { actorType: 'slack_user', actorId: userId, caseId: null })) ? 'queued' : 'nothing';
  }
  const message = await core.store.messages.byId(ref.id);
  if (!message) return 'nothing';
  return (await retryFromNotice(core, message, userId)) ? 'queued' : 'nothing';
}
