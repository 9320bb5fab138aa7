import type { CaseRootView } from '../../core/ports/views.js';
import { serviceByKey } from '../../core/cases/services.js';
import { contextBlock, md, messageText, sectionBlock } from '../mrkdwn.js';
import type { RenderOptions } from './thread/index.js';
import type { SlackPost } from './post.js';

/** A case's root message in its channel: code, label, service, who is responsible; its thread is the case thread. */
export function renderCaseRoot(view: CaseRootView, o: RenderOptions): SlackPost {
  const t = o.text;
  const service = serviceByKey(view.service);
  const serviceName = service ? (o.language === 'en' ? service.nameEn : service.nameJa) : undefined;
  return {
    text: messageText(md`${view.code} ${view.label}`),
    blocks: [sectionBlock(md`📁 ${t.caseRootBody(view.code, view.label, serviceName, view.responsibleUserId)}`), contextBlock(t.caseRootNote)],
  };
}
