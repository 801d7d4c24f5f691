import { createTestApp, TestApp } from '../support/test-app';

/** GET /health: 200 with both servers up, 503 within a second when Redis is gone, 200 once it is back. */
describe('health (e2e)', () => {
  let t: TestApp;
  const privateRedis = !process.env.TEST_REDIS_URL; // a shared Redis cannot be stopped by a test

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is public and reports database and redis', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  (privateRedis ? it : it.skip)('answers 503 within a second while Redis is stopped, and 200 again after it restarts', async () => {
    await t.redis.stop();
    try {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        const res = await t.http().get('/api/v1/health');
        expect(Date.now() - started).toBeLessThan(1000);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } }, details: { database: { status: 'up' } } });
      }
      // writes still work while Redis is down (the outbox keeps the work in PostgreSQL)
    } finally {
      await t.redis.start();
    }
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await t.http().get('/api/v1/health')).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});
