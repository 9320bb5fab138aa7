import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * LINE message ids their senders withdrew (unsend). Written when the unsend is handled, whether or
 * not the message itself was stored yet, so a message whose own event is handled after its unsend
 * (a redelivery, a retried first handling) is never stored nor relayed. Ids only.
 */
export const unsentLineMessages = pgTable('unsent_line_messages', {
  lineMessageId: text('line_message_id').primaryKey(),
  createdAt: createdAt(),
});
