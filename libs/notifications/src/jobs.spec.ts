import { backoffStrategy, cappedExponentialDelay, deliveryRetry, JobName, jobOptions } from './jobs';

const config = { OUTBOX_MAX_ATTEMPTS: 60, OUTBOX_BACKOFF_MS: 2000, OUTBOX_BACKOFF_MAX_MS: 900_000 };

describe('delivery retries: capped exponential backoff', () => {
  it('doubles from the first delay and never exceeds the cap', () => {
    const none = () => 0; // no jitter
    const delays = Array.from({ length: 59 }, (_, i) => cappedExponentialDelay(i + 1, 2000, 900_000, none));
    expect(delays.slice(0, 10)).toEqual([2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 900000]);
    expect(Math.max(...delays)).toBe(900_000);
    expect(delays.slice(9).every((d) => d === 900_000)).toBe(true);
    // The default policy spans an outage of hours: 59 waits add up to more than 12 h.
    expect(delays.reduce((a, b) => a + b, 0) / 3_600_000).toBeGreaterThan(12);
  });

  it('shortens a delay by at most 10 % at random, and survives huge attempt numbers', () => {
    expect(cappedExponentialDelay(3, 1000, 10_000, () => 1)).toBe(3600);
    expect(cappedExponentialDelay(3, 1000, 10_000, () => 0.5)).toBe(3800);
    expect(cappedExponentialDelay(5000, 1000, 10_000, () => 0)).toBe(10_000);
    expect(cappedExponentialDelay(0, 1000, 10_000, () => 0)).toBe(1000);
  });

  it('puts the policy into the job and the worker strategy reads it from there', () => {
    const opts = jobOptions(JobName.DeliverNotification, config);
    expect(opts).toMatchObject({ attempts: 60, backoff: { type: 'capped-exponential', delay: 2000, maxDelay: 900_000 } });
    expect(opts.removeOnFail).toBeDefined();
    const job = { opts: deliveryRetry({ ...config, OUTBOX_BACKOFF_MS: 100, OUTBOX_BACKOFF_MAX_MS: 250 }) } as never;
    for (let i = 0; i < 20; i++) {
      const d = backoffStrategy(4, 'capped-exponential', undefined, job) as number;
      expect(d).toBeGreaterThanOrEqual(225);
      expect(d).toBeLessThanOrEqual(250);
    }
    // Other jobs keep their fixed policy.
    expect(jobOptions(JobName.SendDigests, config).backoff).toEqual({ type: 'exponential', delay: 5000 });
  });
});
