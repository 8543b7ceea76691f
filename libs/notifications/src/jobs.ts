/**
 * Every queue and job name in one place, one payload type per job name, and the retry
 * policy per job name. Payloads carry ids only: the state lives in database rows.
 */
import type { BackoffOptions, BackoffStrategy, JobsOptions } from 'bullmq';
import type { AppConfig } from '@brobygge/config';

export enum QueueName {
  Notifications = 'notifications',
  /** Periodic work on the data itself: matches that have ended, digests, lapsing, half-year follow-ups. */
  Maintenance = 'maintenance',
}

export enum JobName {
  DeliverNotification = 'deliver-notification',
  CompleteEndedMatches = 'complete-ended-matches',
  SendDigests = 'send-digests',
  LapseItems = 'lapse-items',
  /** The half-year follow-ups that are due (libs/followup FollowUps.produceDue). */
  ProduceFollowUps = 'produce-follow-ups',
}

export interface JobPayloads {
  [JobName.DeliverNotification]: { outboxId: string };
  [JobName.CompleteEndedMatches]: Record<string, never>;
  [JobName.SendDigests]: Record<string, never>;
  [JobName.LapseItems]: Record<string, never>;
  [JobName.ProduceFollowUps]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DeliverNotification]: QueueName.Notifications,
  [JobName.CompleteEndedMatches]: QueueName.Maintenance,
  [JobName.SendDigests]: QueueName.Maintenance,
  [JobName.LapseItems]: QueueName.Maintenance,
  [JobName.ProduceFollowUps]: QueueName.Maintenance,
};

/**
 * The options of each job name. Deliveries take their retry policy from the configuration
 * (deliveryRetry); the other jobs repeat anyway, so a short fixed policy is enough.
 */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  [JobName.DeliverNotification]: {
    removeOnComplete: { age: 24 * 3600, count: 10000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  [JobName.SendDigests]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  },
  [JobName.LapseItems]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  },
  [JobName.CompleteEndedMatches]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  },
  [JobName.ProduceFollowUps]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  },
};

/** The backoff type of deliveries: exponential from `delay`, never longer than `maxDelay`. */
export const CAPPED_EXPONENTIAL = 'capped-exponential';

export interface CappedBackoffOptions extends BackoffOptions {
  type: typeof CAPPED_EXPONENTIAL;
  delay: number;
  maxDelay: number;
}

type RetryConfig = Pick<AppConfig, 'OUTBOX_MAX_ATTEMPTS' | 'OUTBOX_BACKOFF_MS' | 'OUTBOX_BACKOFF_MAX_MS'>;

/**
 * A delivery's attempts and backoff, written into the job itself (BullMQ stores the whole
 * backoff object), so a job keeps the policy it was enqueued with.
 */
export function deliveryRetry(config: RetryConfig): Pick<JobsOptions, 'attempts' | 'backoff'> {
  const backoff: CappedBackoffOptions = { type: CAPPED_EXPONENTIAL, delay: config.OUTBOX_BACKOFF_MS, maxDelay: config.OUTBOX_BACKOFF_MAX_MS };
  return { attempts: config.OUTBOX_MAX_ATTEMPTS, backoff };
}

/** The options of a job of `name`, under `config`. */
export function jobOptions(name: JobName, config: RetryConfig): JobsOptions {
  return name === JobName.DeliverNotification ? { ...JOB_OPTIONS[name], ...deliveryRetry(config) } : JOB_OPTIONS[name];
}

/**
 * The delay before retry number `attemptsMade` (1 = the first retry): `delay`·2^(n−1), at
 * most `maxDelay`, shortened by up to 10 % at random so that the retries of many messages
 * that failed together (an SMTP outage) do not all arrive at the same moment afterwards.
 */
export function cappedExponentialDelay(attemptsMade: number, delay: number, maxDelay: number, random: () => number = Math.random): number {
  const full = Math.min(maxDelay, delay * 2 ** Math.min(Math.max(attemptsMade - 1, 0), 40));
  return Math.max(1, Math.round(full * (1 - 0.1 * random())));
}

/**
 * The Worker's `settings.backoffStrategy` for non-builtin types: reads the policy from the
 * failing job's own options (see deliveryRetry).
 */
export const backoffStrategy: BackoffStrategy = (attemptsMade, _type, _err, job) => {
  const backoff = job?.opts.backoff as Partial<CappedBackoffOptions> | undefined;
  const delay = typeof backoff?.delay === 'number' ? backoff.delay : 1000;
  // Thrown here, an error would leave the job neither retried nor failed: retry instead.
  return cappedExponentialDelay(attemptsMade, delay, typeof backoff?.maxDelay === 'number' ? backoff.maxDelay : delay);
};
