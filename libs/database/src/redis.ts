import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig, describeUrl } from '@brobygge/config';
import { ServiceUnavailableError } from './service-unavailable';

/** Options for a Redis connection that BullMQ can also use (it wants maxRetriesPerRequest null). */
export function redisOptions(config: AppConfig, extra: RedisOptions = {}): RedisOptions {
  const u = new URL(config.REDIS_URL);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // Reconnect with a capped backoff forever; callers that need a fast answer use timeouts.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  };
}

/** Connects, or fails with one line naming where Redis was expected and how to start it. */
export async function connectRedis(config: AppConfig, extra: RedisOptions = {}): Promise<Redis> {
  const client = new Redis({ ...redisOptions(config, extra), lazyConnect: true });
  client.on('error', () => undefined); // reconnects are logged by health checks, not per attempt
  try {
    await withTimeout(client.connect(), 3000);
    await withTimeout(client.ping(), 3000);
  } catch (e) {
    client.disconnect();
    throw new ServiceUnavailableError(
      'Redis',
      describeUrl(config.REDIS_URL),
      (e as Error).message,
      'start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (or set REDIS_URL)',
    );
  }
  return client;
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The shared Redis client of a process (rate limits, health); BullMQ keeps its own. */
@Injectable()
export class RedisClient {
  constructor(
    readonly client: Redis,
    /** Prefix for every key this process writes, so test runs do not see each other. */
    readonly prefix: string,
  ) {}

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }
}

@Global()
@Module({
  providers: [
    {
      provide: RedisClient,
      inject: [APP_CONFIG],
      // On the request path a command fails fast instead of queueing while Redis is away:
      // no offline queue, one try, and a command timeout (RateLimiter turns the failure into
      // SERVICE_UNAVAILABLE). BullMQ's own connections keep retrying for ever.
      useFactory: async (config: AppConfig) =>
        new RedisClient(
          await connectRedis(config, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS }),
          config.REDIS_PREFIX,
        ),
    },
  ],
  exports: [RedisClient],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(RedisClient) private readonly redis: RedisClient) {}

  onApplicationShutdown(): void {
    this.redis.client.disconnect();
  }
}
