import { createCatalog, createSession } from '../sessions/session-factory';
import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * GET /health: 200 with both servers up, 503 within a second when Redis is gone (saying only "down",
 * never the driver's error text), 200 once it is back; meanwhile writes keep working through the outbox.
 */
describe('health (e2e)', () => {
  let t: TestApp;
  let seed: Seed;

  beforeAll(async () => {
    t = await createTestApp({ privateRedis: true }); // this file stops its Redis
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('is public and reports database and redis', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers 503 within a second while Redis is stopped without echoing its error, keeps taking writes, and 200 again after Redis restarts', async () => {
    const catalog = await createCatalog(t, seed);
    const session = await createSession(t, seed, catalog);
    await t.redis.stop();
    try {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        const res = await t.http().get('/api/v1/health');
        expect(Date.now() - started).toBeLessThan(1000);
        expect(res.status).toBe(503);
        expect(res.body).toEqual({
          status: 'error',
          info: { database: { status: 'up' } },
          error: { redis: { status: 'down', message: 'unreachable or refusing writes' } },
          details: { database: { status: 'up' }, redis: { status: 'down', message: 'unreachable or refusing writes' } },
        });
        expect(res.text).not.toMatch(/ECONNREFUSED|closed|timed out|127\.0\.0\.1|:\d{4,5}/i);
      }
      // Writes still work while Redis is down: publishing records its notification in the outbox.
      const published = await t.http().post(`/api/v1/sessions/${session.id}/publish`).set('Authorization', seed.auth('organiserA'));
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      const outbox = await t.db.query(`SELECT name FROM outbox WHERE payload->>'sessionId' = $1 AND done_at IS NULL ORDER BY name`, [session.id]);
      expect(outbox.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['session.notify']));
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
