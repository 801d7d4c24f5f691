import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed, SEED_PASSWORD } from '../support/seed';

describe('auth (e2e)', () => {
  let t: TestApp;
  let seed: Seed;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' } });
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('logs in with good credentials and never returns a password hash', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'memberA', password: SEED_PASSWORD }).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: seed.users.memberA.id, username: 'membera', displayName: '党员甲', role: 'member', unitId: seed.units.branchA, active: true },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const unknown = await t.http().post('/api/v1/auth/login').send({ username: 'nobody', password: 'whatever-123' }).expect(401);
    const wrong = await t.http().post('/api/v1/auth/login').send({ username: 'memberb', password: 'whatever-123' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('throttles repeated failures for one username with 429, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/login').send({ username: 'memberdept', password: 'wrong-password' }).expect(401);
    }
    await t.http().post('/api/v1/auth/login').send({ username: 'memberdept', password: SEED_PASSWORD }).expect(429);
  });

  it('GET /me needs a token', async () => {
    await t.http().get('/api/v1/me').expect(401);
    await t.http().get('/api/v1/me').set('Authorization', 'Bearer not-a-token').expect(401);
    const me = await t.http().get('/api/v1/me').set('Authorization', seed.auth('memberA')).expect(200);
    expect(me.body.id).toBe(seed.users.memberA.id);
  });
});
