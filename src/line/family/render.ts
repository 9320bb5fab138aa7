import type { messagingApi } from '@line/bot-sdk';
import type { FamilyMessage } from '../../core/ports/line-side.js';
import { familyText } from './family-text.js';

const text = (t: string): messagingApi.TextMessage => ({ type: 'text', text: t });

/** LINE's limits: a quick reply button's label at most 20 characters; a postback's display text 300. */
const LABEL_MAX = 20;
const DISPLAY_MAX = 300;

/**
 * What the core says to a LINE person, as LINE messages: the words (family-text.ts, plain and polite
 * Japanese), the consent question as a confirm template, the case choice as quick replies.
 */
export function renderFamilyMessage(m: FamilyMessage): messagingApi.Message[] {
  switch (m.type) {
    case 'welcome':
      return [text(familyText.welcome)];
    case 'welcome_back':
      return [text(familyText.welcomeBack)];
    case 'not_linked':
      return [text(familyText.notLinked)];
    case 'wrong_code':
      return [text(familyText.wrongCode(m.remaining))];
    case 'too_many_attempts':
      return [text(familyText.tooManyAttempts)];
    case 'code_already_used':
      return [text(familyText.codeAlreadyUsed)];
    case 'link_ended':
      return [text(familyText.linkEnded)];
    case 'linking_unavailable':
      return [text(familyText.linkingUnavailable)];
    case 'consent_prompt':
      return [
        text(familyText.consentExplanation(familyText.roleWords[m.role] ?? '', m.outside ?? undefined)),
        {
          type: 'template',
          altText: `${familyText.consentQuestion}（${familyText.agree} / ${familyText.disagree}）`,
          template: {
            type: 'confirm',
            text: familyText.consentQuestion,
            actions: [
              { type: 'postback', label: familyText.agree, data: `consent=yes&contact=${m.contactId}&s=${m.tag}`, displayText: familyText.agree },
              { type: 'postback', label: familyText.disagree, data: `consent=no&contact=${m.contactId}`, displayText: familyText.disagree },
            ],
          },
        },
      ];
    case 'consent_pending':
      return [text(familyText.consentPending)];
    case 'consent_changed':
      return [text(familyText.consentChanged)];
    case 'consent_thanks':
      return [text(familyText.consentThanks)];
    case 'consent_declined':
      return [text(familyText.consentDeclined)];
    case 'consent_already_answered':
      return [text(familyText.consentAlreadyAnswered)];
    case 'sent_before_consent':
      return [text(familyText.sentBeforeConsent)];
    case 'withdrawn':
      return [text(familyText.withdrawn)];
    case 'nothing_to_withdraw':
      return [text(familyText.nothingToWithdraw)];
    case 'which_case':
      return [
        {
          type: 'text',
          text: familyText.whichCase,
          quickReply: {
            items: m.cases.map((c) => ({
              type: 'action',
              action: { type: 'postback', label: c.label.slice(0, LABEL_MAX), data: `choose=${c.id}`, displayText: c.label.slice(0, DISPLAY_MAX) },
            })),
          },
        },
      ];
    case 'case_chosen':
      return [text(familyText.caseChosen(m.label))];
    case 'case_closed':
      return [text(familyText.caseClosed)];
    case 'out_of_hours':
      return [text(familyText.outOfHours(m.opening ?? undefined, m.wording ?? undefined))];
    case 'emergency_guidance':
      return [text(familyText.emergencyGuidance(m.opening ?? undefined, m.wording ?? undefined))];
  }
}

/** The messages of several answers, in order. */
export const renderFamilyMessages = (messages: readonly FamilyMessage[]): messagingApi.Message[] => messages.flatMap(renderFamilyMessage);

/** The words of answers as the person reads them: the texts of the messages, one after the other. */
export const familyWording = (messages: readonly FamilyMessage[]): string =>
  renderFamilyMessages(messages)
    .map((m) => ('text' in m && typeof m.text === 'string' ? m.text : 'altText' in m && typeof m.altText === 'string' ? m.altText : ''))
    .filter(Boolean)
    .join('\n\n');
