import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed, SEED_PASSWORD, seedPasswordHash } from '../support/seed';

describe('auth (e2e)', () => {
  let t: TestApp;
  let seed: Seed;

  beforeAll(async () => {
    // The per-address limit keeps its default: the NAT office test below depends on it.
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USER: '3' } });
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('logs in with good credentials and never returns a password hash', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'memberA', password: SEED_PASSWORD }).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: seed.users.memberA.id, username: 'membera', displayName: '党员甲', role: 'member', unitId: seed.units.branchA, active: true, mustChangePassword: false },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|"password|passwordHash/i);
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
  it('reserves each attempt before the password is checked: 20 parallel wrong guesses evaluate at most the limit, the rest get 429', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => t.http().post('/api/v1/auth/login').send({ username: 'organisera', password: 'wrong-password' }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM login_failures WHERE username = 'organisera'`);
    expect(n).toBe(3);
    await t.http().post('/api/v1/auth/login').send({ username: 'organisera', password: SEED_PASSWORD }).expect(429);
  });

  it("counts the socket address: a client's own X-Forwarded-For never changes it", async () => {
    for (const forwarded of ['10.1.2.3', '10.9.9.9, 172.16.0.1']) {
      await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', forwarded).send({ username: `ghost-${forwarded.length}`, password: 'wrong-password' }).expect(401);
    }
    const rows: { address: string }[] = await t.db.query(`SELECT DISTINCT address FROM login_failures WHERE username LIKE 'ghost-%'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].address).toMatch(/127\.0\.0\.1|::1/);
  });

  it('never refuses an office of 200 logging in correctly behind one address, even after 40 typos from it', async () => {
    const passwordHash = await seedPasswordHash();
    await t.db.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id)
       SELECT 'office' || i, '科员' || i, $1, 'member', $2 FROM generate_series(1, 200) i`,
      [passwordHash, seed.units.dept],
    );
    // 40 failures from the address: more than the old per-address limit (30) that refused everyone after it.
    for (let i = 0; i < 40; i++) await t.http().post('/api/v1/auth/login').send({ username: `typo${i}`, password: 'wrong-password' }).expect(401);
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.http().post('/api/v1/auth/login').send({ username: `office${i + 1}`, password: SEED_PASSWORD }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM login_failures WHERE username LIKE 'office%'`);
    expect(n).toBe(0); // correct logins leave nothing counted
  }, 180_000); // 240 argon2 checks: CPU-bound, slow on a busy 2-core machine

  it('POST /me/password shares the login failure limit: wrong currentPassword counts, 429 past the limit', async () => {
    const change = (currentPassword: string) =>
      t.http().post('/api/v1/me/password').set('Authorization', seed.auth('organiserB')).send({ currentPassword, newPassword: 'a-new-password-2026' });
    for (let i = 0; i < 3; i++) await change('wrong-password').expect(400);
    await change(SEED_PASSWORD).expect(429);
    await t.http().post('/api/v1/auth/login').send({ username: 'organiserb', password: SEED_PASSWORD }).expect(429);
  });

  describe('admin password reset (POST /users/:id/password)', () => {
    const login = (password: string) => t.http().post('/api/v1/auth/login').send({ username: 'membera1', password });

    it('is for admins, validates the password and answers 404 for an unknown user', async () => {
      const id = seed.users.memberA1.id;
      await t.http().post(`/api/v1/users/${id}/password`).set('Authorization', seed.auth('organiserA')).send({ newPassword: 'reset-by-admin-1' }).expect(403);
      await t.http().post(`/api/v1/users/${id}/password`).set('Authorization', seed.auth('admin')).send({ newPassword: 'short' }).expect(400);
      await t.http().post(`/api/v1/users/00000000-0000-4000-8000-000000000000/password`).set('Authorization', seed.auth('admin')).send({ newPassword: 'reset-by-admin-1' }).expect(404);
    });

    it('revokes every token, and until the user picks a new password only GET /me and POST /me/password work', async () => {
      const id = seed.users.memberA1.id;
      await t.http().get('/api/v1/units').set('Authorization', seed.auth('memberA1')).expect(200);
      await t.http().post(`/api/v1/users/${id}/password`).set('Authorization', seed.auth('admin')).send({ newPassword: 'reset-by-admin-1' }).expect(204);
      await t.http().get('/api/v1/me').set('Authorization', seed.auth('memberA1')).expect(401);
      await login(SEED_PASSWORD).expect(401);

      const res = await login('reset-by-admin-1').expect(200);
      expect(res.body.user.mustChangePassword).toBe(true);
      const auth = `Bearer ${res.body.accessToken}`;
      const blocked = await t.http().get('/api/v1/units').set('Authorization', auth).expect(403);
      expect(blocked.body.message).toBe('password change required');
      await t.http().get('/api/v1/me/notifications').set('Authorization', auth).expect(403);
      await t.http().get('/api/v1/me').set('Authorization', auth).expect(200);

      await t.http().post('/api/v1/me/password').set('Authorization', auth).send({ currentPassword: 'reset-by-admin-1', newPassword: 'my-own-password-1' }).expect(204);
      const again = await login('my-own-password-1').expect(200);
      expect(again.body.user.mustChangePassword).toBe(false);
      await t.http().get('/api/v1/units').set('Authorization', `Bearer ${again.body.accessToken}`).expect(200);
    });
  });
});
