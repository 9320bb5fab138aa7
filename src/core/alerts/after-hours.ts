import { errorCode, isPermanent } from '../../lib/errors.js';
import type { Core } from '../deps.js';
import { eventKey, personOf, type LineEventContext } from '../linking/line-event.js';
import type { AutoAnswerKind } from '../model/urgent.js';
import { addNote } from '../notes/outbox.js';
import { isWithinOfficeHours, localTime, nextOpening } from '../office/schedule.js';
import type { FamilyMessage } from '../ports/line-side.js';

/** Attempts of the event's job after which a failed answer is said in the thread instead of retried. */
const ANSWER_ATTEMPTS = 3;

/**
 * The automatic answer to a relayed message outside office hours (OFFICE_HOURS, public holidays and
 * OFFICE_CLOSED_DAYS), judged by the app's clock when the message is handled:
 *
 * - a message that looks urgent gets the office's emergency guidance, every time (never skipped for a
 *   period: each urgent message deserves the numbers), and once per event (the answer is keyed by it);
 * - any other message gets the out-of-hours answer at most once per AFTER_HOURS_REPLY_PERIOD_HOURS per
 *   LINE person, claimed in the database (two messages handled at once answer once);
 * - in office hours nothing is sent; with AFTER_HOURS_REPLY_PERIOD_HOURS=0 only the emergency guidance is.
 *
 * The answer goes by the event's reply token while fresh, else by push with a retry key (core.line.answer).
 * The case thread gets a note saying what was sent, or that it could not be.
 */
export async function answerOutOfHours(core: Core, ev: LineEventContext, caseId: number, urgent: boolean): Promise<void> {
  const period = core.settings.afterHours.replyPeriodHours;
  if (!urgent && period <= 0) return;
  const now = core.clock.now();
  const { timeZone } = core.settings;
  const hours = core.settings.office.hours;
  const calendar = { closedDays: core.settings.reminders.closedDays };
  if (isWithinOfficeHours(now, hours, calendar, timeZone)) return;

  const key = eventKey(ev);
  // An urgent message takes the period too: the ordinary answer need not follow the guidance.
  const claimed = period > 0 && (await core.store.urgent.claimAfterHoursAnswer(ev.userId, key, now, period));
  if (!urgent && !claimed) return;

  const opening = nextOpening(now, hours, calendar, timeZone);
  const { guidance } = await core.urgentWords.current();
  const kind: AutoAnswerKind = urgent ? 'emergency' : 'out_of_hours';
  const message: FamilyMessage = {
    type: urgent ? 'emergency_guidance' : 'out_of_hours',
    opening: opening ? localTime(opening, timeZone) : null,
    wording: guidance ?? null,
  };
  try {
    await core.line.answer(personOf(ev), [message], `${key}:after-hours`, ev.attempt);
  } catch (error) {
    // A passing failure is tried again with the event (everything before is keyed by it); after a few
    // attempts, or at once when trying again cannot help, staff are told in the thread.
    if (!isPermanent(error) && ev.attempt < ANSWER_ATTEMPTS) throw error;
    if (!urgent && claimed) await core.store.urgent.releaseAfterHoursAnswer(ev.userId, key);
    ev.logger.warn({ inboundEventId: ev.inboundEventId, kind, code: errorCode(error) }, 'automatic answer not sent');
    await addNote(core, caseId, { kind: 'auto_answer', answer: kind, text: null, failed: errorCode(error) }, `auto-answer:${key}`);
    return;
  }
  await addNote(core, caseId, { kind: 'auto_answer', answer: kind, text: core.line.wording([message]), failed: null }, `auto-answer:${key}`);
  await core.store.audit.record({ actorType: 'system', action: `line.auto_answer.${kind}`, caseId, details: { inboundEventId: ev.inboundEventId } });
}
