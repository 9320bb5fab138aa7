import { z } from 'zod';

/**
 * The typed job map: every job's name, the queue it runs on, and its validated payload.
 * Producers call `queues.enqueue(name, data)`; processors receive the parsed payload.
 */
export const jobs = {
  /** Run the handlers for one stored inbound LINE or Slack event. */
  'inbound.process': {
    queue: 'inbound',
    schema: z.object({ inboundEventId: z.number().int().positive() }),
  },
  /** Find stored events whose job was lost (crash between store and enqueue, wiped queue) and enqueue them. */
  'inbound.sweep': {
    queue: 'inbound',
    schema: z.object({}),
  },
  /** Post the case's waiting messages into its Slack thread, in order (one case at a time). */
  'thread.flush': {
    queue: 'slack-out',
    schema: z.object({ caseId: z.number().int().positive() }),
  },
  /** Push one staff message to LINE (split, with retry keys derived from the message id). */
  'line.push': {
    queue: 'line-out',
    schema: z.object({ messageId: z.number().int().positive() }),
  },
  /** Mark a person's LINE message (and their earlier ones) read on LINE, after a staff act. */
  'line.markRead': {
    queue: 'line-out',
    schema: z.object({ messageId: z.number().int().positive() }),
  },
  /** Show a record's edited version on its card in the case thread. */
  'record.card': {
    queue: 'slack-out',
    schema: z.object({ recordId: z.number().int().positive(), version: z.number().int().positive() }),
  },
  /** Send one reminder ping (DM and case thread), once, whichever worker or replica runs it. */
  'reminder.fire': {
    queue: 'reminders',
    schema: z.object({ pingId: z.number().int().positive() }),
  },
  /** DM an urgent message's alert to the case's responsible staff and supervisor (each DM once). */
  'urgent.notify': {
    queue: 'reminders',
    schema: z.object({ alertId: z.number().int().positive() }),
  },
  /** Escalate an urgent message nobody took in time (a delayed job; once, decided in the database). */
  'urgent.escalate': {
    queue: 'reminders',
    schema: z.object({ alertId: z.number().int().positive() }),
  },
  /** Derive the ping jobs from the database: create missing ones (a wiped queue store), remove stale ones. */
  'reminders.reconcile': {
    queue: 'reminders',
    schema: z.object({}),
  },
  /**
   * The morning digest for every coordinator (business days only). `day` when queued for one day (a
   * catch-up): a job that runs after that day has passed sends nothing. The daily scheduler sends none.
   */
  'digest.run': {
    queue: 'reminders',
    schema: z.object({
      day: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  },
  /** The daily retention run: delete what is no longer to be kept (on the queue of the other daily job). */
  'retention.run': {
    queue: 'reminders',
    schema: z.object({}),
  },
} as const;

export type JobName = keyof typeof jobs;
export type JobData<N extends JobName> = z.infer<(typeof jobs)[N]['schema']>;
export type QueueName = (typeof jobs)[JobName]['queue'];

export const QUEUE_NAMES: readonly QueueName[] = [...new Set(Object.values(jobs).map((j) => j.queue))];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobs, name);
}
