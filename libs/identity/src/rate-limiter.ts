import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ThrottledAction } from '@brobygge/config';
import { RateLimitedError, ServiceUnavailableDomainError } from '@brobygge/core';
import { RedisClient } from '@brobygge/database';

const REFUND = "if redis.call('exists', KEYS[1]) == 1 then return redis.call('decr', KEYS[1]) end return 0";

/** Per-IP counts are this many times the per-user count: several people may share an address. */
const IP_FACTOR = 3;

/**
 * Fixed-window counters in Redis, so that every API process shares them. Past a limit:
 * RATE_LIMITED with the seconds until the window ends. Redis not answering in time is
 * SERVICE_UNAVAILABLE, never a hang (the API's client has no offline queue and a command
 * timeout).
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts an attempt; throws RATE_LIMITED past `limit` in the window. */
  async hit(scope: string, subject: string, limit: number, windowSeconds = 60): Promise<void> {
    const [count, ttl] = await this.increment(scope, subject, windowSeconds);
    if (count > limit) throw new RateLimitedError(Math.max(1, ttl));
  }

  /** Gives back one counted attempt (it turned out not to be what the limit is about). */
  async refund(scope: string, subject: string): Promise<void> {
    // Only while the window lasts: a DECR after it expired would leave a counter below zero.
    await this.run(() => this.redis.client.eval(REFUND, 1, this.redis.key('rl', scope, subject)));
  }

  /** Throws RATE_LIMITED when `limit` different members were added in the window (adds nothing). */
  async checkDistinct(scope: string, subject: string, limit: number): Promise<void> {
    const key = this.redis.key('rl', scope, subject);
    const [[, count], [, ttl]] = (await this.run(() => this.redis.client.multi().scard(key).ttl(key).exec())) as [[Error | null, number], [Error | null, number]];
    if (count >= limit) throw new RateLimitedError(Math.max(1, ttl));
  }

  /** Adds `member` (an IP) to the set counted by checkDistinct; the window starts with the first. */
  async addDistinct(scope: string, subject: string, member: string, windowSeconds: number): Promise<void> {
    const key = this.redis.key('rl', scope, subject);
    await this.run(() => this.redis.client.multi().sadd(key, member).expire(key, windowSeconds, 'NX').exec());
  }

  async reset(scope: string, subject: string): Promise<void> {
    await this.run(() => this.redis.client.del(this.redis.key('rl', scope, subject)));
  }

  /**
   * One throttled action (RATE_LIMITS): per user, and per IP at three times the count.
   * Each call counts, so aliases in one operation count once each.
   */
  async take(action: ThrottledAction, userId: string, ip: string): Promise<void> {
    const { count, windowSeconds } = this.config.RATE_LIMITS[action];
    await this.hit(`${action}:user`, userId, count, windowSeconds);
    await this.hit(`${action}:ip`, ip, count * IP_FACTOR, windowSeconds);
  }

  private async increment(scope: string, subject: string, windowSeconds: number): Promise<[number, number]> {
    const key = this.redis.key('rl', scope, subject);
    const results = (await this.run(() => this.redis.client.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec())) as Array<[Error | null, number]>;
    return [results[0][1], results[2][1]];
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new ServiceUnavailableDomainError('The service is briefly unavailable (its rate-limit store did not answer). Try again in a few seconds.');
    }
  }
}
