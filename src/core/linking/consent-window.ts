import type { Contact } from '../model/contacts.js';

/**
 * When a LINE user did something: the event's own `timestamp` (LINE's clock, milliseconds), or
 * `fallback` (the app's clock) for an event without one. Consent, withdrawal and messages are all
 * dated this way, so LINE times are compared with LINE times.
 */
export function eventTime(event: { timestamp?: number | undefined }, fallback: Date): Date {
  return typeof event.timestamp === 'number' && Number.isFinite(event.timestamp) ? new Date(event.timestamp) : fallback;
}

/**
 * Whether a message sent at `sentAt` may reach the case through this link: the link is active now,
 * its consent was given at or before the message was sent, and not withdrawn before it. A message
 * handled late (a retried job, a message held while its sender chose a case) is judged by when it
 * was sent, not when it is handled: nothing sent before consent is relayed. A link that is not active
 * now relays nothing, even a message sent while it was: after a withdrawal nothing more reaches staff.
 */
export function consentCovers(contact: Pick<Contact, 'status' | 'consentGivenAt' | 'consentWithdrawnAt'>, sentAt: Date): boolean {
  if (contact.status !== 'active' || !contact.consentGivenAt) return false;
  if (contact.consentGivenAt.getTime() > sentAt.getTime()) return false;
  return !contact.consentWithdrawnAt || contact.consentWithdrawnAt.getTime() > sentAt.getTime();
}
