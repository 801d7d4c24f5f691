import { Caller, seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

/** Units and users endpoints for every kind of caller: who may, who may not, and what each one sees. */
describe('units and users (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const ALL: Caller[] = ['admin', 'auditor', 'organiserA', 'organiserB', 'memberA', 'memberA1', 'memberB', 'memberDept'];
  const NON_ADMINS = ALL.filter((c) => c !== 'admin');

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  const newUser = (username: string, unitId = seed.units.branchA) => ({ username, displayName: '新党员', password: 'new-password-2026', role: 'member', unitId });

  describe('without a token every endpoint is 401', () => {
    it.each([
      ['get', '/api/v1/units'],
      ['post', '/api/v1/units'],
      ['get', '/api/v1/users'],
      ['post', '/api/v1/users'],
      ['post', '/api/v1/users/import'],
      ['patch', '/api/v1/users/00000000-0000-4000-8000-000000000000'],
      ['get', '/api/v1/me'],
      ['post', '/api/v1/me/password'],
      ['get', '/api/v1/me/notifications'],
      ['post', '/api/v1/me/notifications/00000000-0000-4000-8000-000000000000/read'],
    ] as const)('%s %s', async (method, path) => {
      await t.http()[method](path).send({}).expect(401);
    });
  });

  describe('POST /units', () => {
    it('lets an admin create a root unit and a child unit', async () => {
      const root = await t.http().post('/api/v1/units').set('Authorization', seed.auth('admin')).send({ name: '区纪委机关党委' }).expect(201);
      expect(root.body).toEqual({ id: expect.any(String), name: '区纪委机关党委', parentId: null });
      const child = await t.http().post('/api/v1/units').set('Authorization', seed.auth('admin')).send({ name: '第四党支部', parentId: root.body.id }).expect(201);
      expect(child.body.parentId).toBe(root.body.id);
    });

    it.each(NON_ADMINS)('refuses %s with 403', async (caller) => {
      await t.http().post('/api/v1/units').set('Authorization', seed.auth(caller)).send({ name: `by-${caller}` }).expect(403);
    });

    it('rejects a duplicate name under the same parent with 409 and an unknown parent with 400', async () => {
      await t.http().post('/api/v1/units').set('Authorization', seed.auth('admin')).send({ name: '第一党支部', parentId: seed.units.dept }).expect(409);
      await t
        .http()
        .post('/api/v1/units')
        .set('Authorization', seed.auth('admin'))
        .send({ name: '孤儿支部', parentId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
    });
  });

  describe('GET /units', () => {
    it.each(ALL)('lists every unit for %s, parents first', async (caller) => {
      const res = await t.http().get('/api/v1/units').set('Authorization', seed.auth(caller)).expect(200);
      const ids = res.body.map((u: { id: string }) => u.id);
      expect(ids).toEqual(expect.arrayContaining(Object.values(seed.units)));
      expect(ids.indexOf(seed.units.dept)).toBeLessThan(ids.indexOf(seed.units.branchA));
      expect(ids.indexOf(seed.units.branchA)).toBeLessThan(ids.indexOf(seed.units.groupA1));
    });
  });

  describe('POST /users', () => {
    it('lets an admin create a user, and never returns a password hash', async () => {
      const res = await t.http().post('/api/v1/users').set('Authorization', seed.auth('admin')).send(newUser('liuxin')).expect(201);
      expect(res.body).toEqual({ id: expect.any(String), username: 'liuxin', displayName: '新党员', role: 'member', unitId: seed.units.branchA, active: true });
      await t.http().post('/api/v1/auth/login').send({ username: 'liuxin', password: 'new-password-2026' }).expect(200);
    });

    it('gives 409 for a taken username, whatever its case', async () => {
      await t.http().post('/api/v1/users').set('Authorization', seed.auth('admin')).send(newUser('dupe.user')).expect(201);
      const res = await t.http().post('/api/v1/users').set('Authorization', seed.auth('admin')).send(newUser('Dupe.User')).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('Dupe.User') });
    });

    it.each(NON_ADMINS)('refuses %s with 403', async (caller) => {
      await t.http().post('/api/v1/users').set('Authorization', seed.auth(caller)).send(newUser(`x-${caller}`)).expect(403);
    });

    it('names the field and the rule for bad input, and rejects unknown fields', async () => {
      const bad = await t
        .http()
        .post('/api/v1/users')
        .set('Authorization', seed.auth('admin'))
        .send({ ...newUser('shortpw'), password: 'short', role: 'king' })
        .expect(400);
      expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^password/), expect.stringMatching(/^role/)]));
      const unknown = await t
        .http()
        .post('/api/v1/users')
        .set('Authorization', seed.auth('admin'))
        .send({ ...newUser('extra'), isSuperuser: true })
        .expect(400);
      expect(unknown.body.message).toEqual(['property isSuperuser should not exist']);
      await t
        .http()
        .post('/api/v1/users')
        .set('Authorization', seed.auth('admin'))
        .send(newUser('nounit', '00000000-0000-4000-8000-000000000000'))
        .expect(400);
    });
  });

  describe('GET /users', () => {
    const usernames = (body: { items: { username: string }[] }) => body.items.map((u) => u.username).sort();

    it.each(['admin', 'auditor'] as Caller[])('shows %s everyone', async (caller) => {
      const res = await t.http().get('/api/v1/users?limit=200').set('Authorization', seed.auth(caller)).expect(200);
      expect(usernames(res.body)).toEqual(expect.arrayContaining(ALL.map((c) => seed.users[c].username)));
      expect(res.body.total).toBeGreaterThanOrEqual(ALL.length);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
    });

    it('shows an organiser only the users of their unit and its descendants', async () => {
      const res = await t.http().get('/api/v1/users?limit=200').set('Authorization', seed.auth('organiserA')).expect(200);
      const names = usernames(res.body);
      expect(names).toEqual(expect.arrayContaining(['organisera', 'membera', 'membera1']));
      for (const outsider of ['organiserb', 'memberb', 'memberdept', 'admin', 'auditor']) expect(names).not.toContain(outsider);
      const b = await t.http().get('/api/v1/users?limit=200').set('Authorization', seed.auth('organiserB')).expect(200);
      expect(usernames(b.body)).not.toContain('membera');
    });

    it('keeps an organiser inside their units even when asking for another unit', async () => {
      const res = await t.http().get(`/api/v1/users?unitId=${seed.units.branchB}`).set('Authorization', seed.auth('organiserA')).expect(200);
      expect(res.body).toEqual({ items: [], total: 0 });
    });

    it('filters by unit, role and text, and pages', async () => {
      const byUnit = await t.http().get(`/api/v1/users?unitId=${seed.units.groupA1}`).set('Authorization', seed.auth('admin')).expect(200);
      expect(usernames(byUnit.body)).toEqual(['membera1']);
      const byRole = await t.http().get('/api/v1/users?role=organiser&limit=200').set('Authorization', seed.auth('auditor')).expect(200);
      expect(byRole.body.items.every((u: { role: string }) => u.role === 'organiser')).toBe(true);
      const byText = await t.http().get(`/api/v1/users?q=${encodeURIComponent('党员甲')}`).set('Authorization', seed.auth('admin')).expect(200);
      expect(usernames(byText.body)).toEqual(['membera', 'membera1']);
      const page = await t.http().get('/api/v1/users?limit=2&offset=1').set('Authorization', seed.auth('admin')).expect(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBeGreaterThan(2);
      await t.http().get('/api/v1/users?limit=500').set('Authorization', seed.auth('admin')).expect(400);
      await t.http().get('/api/v1/users?role=king').set('Authorization', seed.auth('admin')).expect(400);
      await t.http().get('/api/v1/users?unitId=not-a-uuid').set('Authorization', seed.auth('admin')).expect(400);
    });

    it.each(['memberA', 'memberA1', 'memberB', 'memberDept'] as Caller[])('refuses %s with 403', async (caller) => {
      await t.http().get('/api/v1/users').set('Authorization', seed.auth(caller)).expect(403);
    });
  });

  describe('PATCH /users/:id', () => {
    it('lets an admin rename, move and promote a user', async () => {
      const created = await t.http().post('/api/v1/users').set('Authorization', seed.auth('admin')).send(newUser('patchme')).expect(201);
      const res = await t
        .http()
        .patch(`/api/v1/users/${created.body.id}`)
        .set('Authorization', seed.auth('admin'))
        .send({ displayName: '改名', unitId: seed.units.branchB, role: 'organiser' })
        .expect(200);
      expect(res.body).toMatchObject({ id: created.body.id, displayName: '改名', unitId: seed.units.branchB, role: 'organiser', active: true });
    });

    it.each(NON_ADMINS)('refuses %s with 403', async (caller) => {
      await t.http().patch(`/api/v1/users/${seed.users.memberB.id}`).set('Authorization', seed.auth(caller)).send({ displayName: 'x' }).expect(403);
    });

    it('gives 404 for an unknown user, 400 for a bad id, an unknown field or an unknown unit', async () => {
      await t.http().patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set('Authorization', seed.auth('admin')).send({ displayName: 'x' }).expect(404);
      await t.http().patch('/api/v1/users/not-a-uuid').set('Authorization', seed.auth('admin')).send({ displayName: 'x' }).expect(400);
      await t.http().patch(`/api/v1/users/${seed.users.memberB.id}`).set('Authorization', seed.auth('admin')).send({ username: 'renamed' }).expect(400);
      await t
        .http()
        .patch(`/api/v1/users/${seed.users.memberB.id}`)
        .set('Authorization', seed.auth('admin'))
        .send({ unitId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
    });

    it("revokes a deactivated user's tokens at once (401), and refuses their login", async () => {
      const created = await t.http().post('/api/v1/users').set('Authorization', seed.auth('admin')).send(newUser('leaver')).expect(201);
      const login = await t.http().post('/api/v1/auth/login').send({ username: 'leaver', password: 'new-password-2026' }).expect(200);
      await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      await t.http().patch(`/api/v1/users/${created.body.id}`).set('Authorization', seed.auth('admin')).send({ active: false }).expect(200);
      await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(401);
      await t.http().post('/api/v1/auth/login').send({ username: 'leaver', password: 'new-password-2026' }).expect(401);
    });
  });
});
