import type { messagingApi } from '@line/bot-sdk';
import type { ContactRow } from '../db/schema/contacts.js';
import { familyText } from '../line/family-text.js';

/** What is shared with whom, then 同意する / 同意しない (a confirm template with postbacks). */
export function consentPrompt(contact: Pick<ContactRow, 'id' | 'role'>): messagingApi.Message[] {
  return [
    { type: 'text', text: familyText.consentExplanation(familyText.roleWords[contact.role] ?? '') },
    {
      type: 'template',
      altText: `${familyText.consentQuestion}（${familyText.agree} / ${familyText.disagree}）`,
      template: {
        type: 'confirm',
        text: familyText.consentQuestion,
        actions: [
          { type: 'postback', label: familyText.agree, data: `consent=yes&contact=${contact.id}`, displayText: familyText.agree },
          { type: 'postback', label: familyText.disagree, data: `consent=no&contact=${contact.id}`, displayText: familyText.disagree },
        ],
      },
    },
  ];
}
