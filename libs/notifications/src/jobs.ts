/**
 * Every queue and job name in one place, one payload type per job name, and the retry
 * policy per job name. Payloads carry ids only: the state lives in database rows.
 */
import type { JobsOptions } from 'bullmq';

export enum QueueName {
  Notifications = 'notifications',
  /** Periodic work on the data itself: matches that have ended, digests, lapsing. */
  Maintenance = 'maintenance',
}

export enum JobName {
  DeliverNotification = 'deliver-notification',
  CompleteEndedMatches = 'complete-ended-matches',
  SendDigests = 'send-digests',
  LapseItems = 'lapse-items',
}

export interface JobPayloads {
  [JobName.DeliverNotification]: { outboxId: string };
  [JobName.CompleteEndedMatches]: Record<string, never>;
  [JobName.SendDigests]: Record<string, never>;
  [JobName.LapseItems]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DeliverNotification]: QueueName.Notifications,
  [JobName.CompleteEndedMatches]: QueueName.Maintenance,
  [JobName.SendDigests]: QueueName.Maintenance,
  [JobName.LapseItems]: QueueName.Maintenance,
};

export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  [JobName.DeliverNotification]: {
    attempts: 6,
    backoff: { type: 'exponential', delay: 2000 },
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
};
