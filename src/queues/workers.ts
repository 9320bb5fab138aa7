import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { ZodError } from 'zod';
import { errorMessage, isPermanent } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { QueueBackend } from './backend.js';
import { isJobName, jobs, QUEUE_NAMES, type JobData, type JobName } from './jobs.js';

export interface JobContext {
  jobId: string;
  attempt: number;
  /** True on the job's last attempt (decided here, once): work that must not stay owed forever gives up visibly. */
  lastAttempt: boolean;
  logger: Logger;
}

export type Processors = { [N in JobName]: (data: JobData<N>, ctx: JobContext) => Promise<void> };

export interface Workers {
  start(): void;
  close(timeoutMs: number): Promise<void>;
}

/**
 * One worker per queue. The base processor validates the payload, gives the handler a child logger
 * carrying the job id, and turns permanent failures into BullMQ's UnrecoverableError (no retry).
 */
export function createWorkers(backend: QueueBackend, processors: Processors, options: { concurrency: number; logger: Logger }): Workers {
  const { logger } = options;
  const run = async (job: Job): Promise<void> => {
    const jobLogger = logger.child({ job: job.id, jobName: job.name, attempt: job.attemptsMade + 1 });
    if (!isJobName(job.name)) throw new UnrecoverableError(`Unknown job name ${job.name}`);
    const name: JobName = job.name;
    let data: JobData<typeof name>;
    try {
      data = jobs[name].schema.parse(job.data);
    } catch (error) {
      throw new UnrecoverableError(`Invalid payload for ${name}: ${error instanceof ZodError ? error.message : errorMessage(error)}`);
    }
    const handler = processors[name] as (d: typeof data, ctx: JobContext) => Promise<void>;
    try {
      const attempt = job.attemptsMade + 1;
      await handler(data, { jobId: String(job.id), attempt, lastAttempt: attempt >= (job.opts.attempts ?? 1), logger: jobLogger });
    } catch (error) {
      if (isPermanent(error)) throw new UnrecoverableError(`${(error as { code: string }).code}: ${errorMessage(error)}`);
      throw error;
    }
  };

  const workers: Worker[] = QUEUE_NAMES.map((queue) => {
    const worker = backend.createWorker(queue, run, { concurrency: options.concurrency });
    worker.on('failed', (job, err) => {
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      logger[final ? 'error' : 'warn'](
        { queue, job: job?.id, jobName: job?.name, attempts: job?.attemptsMade, err: err.message, final },
        final ? 'job failed permanently' : 'job failed, will retry',
      );
    });
    worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker error'));
    return worker;
  });

  return {
    start() {
      for (const w of workers) void w.run().catch((err: unknown) => logger.error({ err: errorMessage(err) }, 'worker stopped'));
    },
    async close(timeoutMs) {
      const graceful = Promise.allSettled(workers.map((w) => w.close()));
      const timedOut = await Promise.race([graceful.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutMs).unref())]);
      if (timedOut) {
        logger.warn({ timeoutMs }, 'workers did not drain in time; closing forcibly (their jobs will be retried)');
        await Promise.allSettled(workers.map((w) => w.close(true)));
      }
    },
  };
}
