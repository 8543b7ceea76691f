import { adminQuery } from '../support/database';
import { PrivateRedis } from '../support/processes';
import { eventually, startStack, TestStack } from '../support/stack';

describe('readiness names the dependency that is down', () => {
  let redis: PrivateRedis;
  let stack: TestStack;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await startStack({ api: true, env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await stack.close();
    await redis.stop();
  });

  it('answers 503 naming redis while Redis is stopped, and recovers', async () => {
    await redis.stop();
    const res = await fetch(`${stack.url}/health/ready`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as any;
    expect(body.error.redis.status).toBe('down');
    expect(body.error.postgres).toBeUndefined();
    expect((await fetch(`${stack.url}/health/live`)).status).toBe(200);

    await redis.start();
    await eventually(async () => (await fetch(`${stack.url}/health/ready`)).status === 200);
  });

  it('answers 503 naming postgres while the database refuses connections, and recovers', async () => {
    await adminQuery(`ALTER DATABASE "${stack.dbName}" ALLOW_CONNECTIONS false`);
    try {
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${stack.dbName}'`);
      const res = await fetch(`${stack.url}/health/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.error.postgres.status).toBe('down');
      expect(body.info.redis.status).toBe('up');
    } finally {
      await adminQuery(`ALTER DATABASE "${stack.dbName}" ALLOW_CONNECTIONS true`);
    }
    await eventually(async () => (await fetch(`${stack.url}/health/ready`)).status === 200);
  });
});
