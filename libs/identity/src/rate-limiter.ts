import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '@brobygge/core';
import { RedisClient } from '@brobygge/database';

/**
 * Fixed-window counters in Redis, so that every API process shares them. `hit` counts an
 * attempt and throws RATE_LIMITED (with the seconds until the window ends) past the limit.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly redis: RedisClient) {}

  async hit(scope: string, subject: string, limit: number, windowSeconds = 60): Promise<void> {
    const key = this.redis.key('rl', scope, subject);
    const results = (await this.redis.client.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec()) as Array<
      [Error | null, number]
    >;
    const count = results[0][1];
    const ttl = results[2][1];
    if (count > limit) throw new RateLimitedError(Math.max(1, ttl));
  }
}
