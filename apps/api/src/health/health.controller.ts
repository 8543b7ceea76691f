import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { RedisClient, withTimeout } from '@brobygge/database';

/**
 * Liveness (the process answers) and readiness (PostgreSQL and Redis answer). When a
 * dependency is down, /health/ready is 503 and its body names it.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.probe('postgres', () => this.dataSource.query('SELECT 1')), () => this.probe('redis', () => this.redis.client.ping())]);
  }

  private async probe(key: string, fn: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    try {
      await withTimeout(fn(), 1500);
      return session.up();
    } catch (e) {
      return session.down({ message: `${key} is not reachable: ${(e as Error).message}` });
    }
  }
}
