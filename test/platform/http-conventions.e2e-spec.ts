import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

/** Conventions every endpoint shares: body limits, malformed input, error ids, OpenAPI, Bull Board. */
describe('HTTP conventions (e2e)', () => {
  let t: TestApp;
  let seed: Seed;

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('rejects unknown body fields with 400 naming them', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'x', remember: true }).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: ['property remember should not exist'] });
  });

  it('answers a body over 256 KiB with 413, authenticated or not', async () => {
    const big = { username: 'admin', password: 'x'.repeat(257 * 1024) };
    const res = await t.http().post('/api/v1/auth/login').send(big).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413 });
    await t.http().post('/api/v1/units').set('Authorization', seed.auth('admin')).send({ name: 'x'.repeat(300 * 1024) }).expect(413);
  });

  it('accepts a body just under the limit (then validates it)', async () => {
    await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'x'.repeat(250 * 1024) }).expect(400);
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username": "admin", ').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400 });
    await t.http().post('/api/v1/units').set('Authorization', seed.auth('admin')).set('Content-Type', 'application/json').send('[1,').expect(400);
  });

  it('answers a wrong content type or a JSON array with a 4xx, never 500', async () => {
    const xml = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/xml').send('<a/>');
    expect(xml.status).toBeGreaterThanOrEqual(400);
    expect(xml.status).toBeLessThan(500);
    await t.http().post('/api/v1/units').set('Authorization', seed.auth('admin')).send([{ name: 'x' }]).expect(400);
  });

  it('gives a real 500 an error id in the body, and nothing internal', async () => {
    await t.owner.query('ALTER TABLE notifications RENAME TO notifications_away');
    try {
      const res = await t.http().get('/api/v1/me/notifications').set('Authorization', seed.auth('memberA')).expect(500);
      expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error', error: 'Internal Server Error', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(JSON.stringify(res.body)).not.toMatch(/notifications|relation|select/i);
    } finally {
      await t.owner.query('ALTER TABLE notifications_away RENAME TO notifications');
    }
    await t.http().get('/api/v1/me/notifications').set('Authorization', seed.auth('memberA')).expect(200);
  });

  it('serves the OpenAPI document listing every identity route with bearer auth', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/health',
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/me/password',
      '/api/v1/me/notifications',
      '/api/v1/me/notifications/{id}/read',
      '/api/v1/units',
      '/api/v1/users',
      '/api/v1/users/import',
      '/api/v1/users/{id}',
    ]) {
      expect(paths).toContain(p);
    }
    expect(res.body.components.securitySchemes).toHaveProperty('bearer');
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['CreateUserDto', 'UserDto', 'LoginDto']));
    await t.http().get('/api/docs').expect(200);
  });

  it('keeps Bull Board for admins: 401 without a token, 403 for a member or auditor, 200 for an admin', async () => {
    await t.http().get('/admin/queues').expect(401);
    await t.http().get('/admin/queues').set('Authorization', 'Bearer forged.token.value').expect(401);
    await t.http().get('/admin/queues').set('Authorization', seed.auth('memberA')).expect(403);
    await t.http().get('/admin/queues').set('Authorization', seed.auth('auditor')).expect(403);
    const page = await t.http().get('/admin/queues').set('Authorization', seed.auth('admin')).expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
    await t.http().get('/admin/queues/api/queues').set('Authorization', seed.auth('memberA')).expect(403);
    await t.http().get('/admin/queues/api/queues').set('Cookie', `qf_token=${seed.users.admin.token}`).expect(200);
  });
});
