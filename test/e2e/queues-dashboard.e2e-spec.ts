import { createUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';

describe('queue dashboard at /admin/queues', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  it('is for admins only: 401 without a valid token, 403 for others, the board for admins', async () => {
    const user = await createUser(stack);
    const admin = await createUser(stack, { admin: true });
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.url}${path}`, { headers });
    expect((await get('/admin/queues')).status).toBe(401);
    expect((await get('/admin/queues', { authorization: 'Bearer nonsense' })).status).toBe(401);
    const denied = await get('/admin/queues/api/queues', { authorization: `Bearer ${user.token}` });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Only admins see the queues.' } });

    const page = await get('/admin/queues', { authorization: `Bearer ${admin.token}` });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await get('/admin/queues/api/queues', { cookie: `brobygge_token=${admin.token}` });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['maintenance', 'notifications']);
  });
});
