import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededApp } from '../support/seeded-app';

/** Conventions every endpoint shares: body limits, malformed input, error ids, OpenAPI, Bull Board. */
describe('HTTP conventions (e2e)', () => {
  const app = seededApp();

  it('rejects unknown body fields with 400 naming them', async () => {
    const res = await app.t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'x', remember: true }).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: ['property remember should not exist'] });
  });

  it('answers a body over 256 KiB with 413, authenticated or not', async () => {
    const big = { username: 'admin', password: 'x'.repeat(257 * 1024) };
    const res = await app.t.http().post('/api/v1/auth/login').send(big).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413 });
    await app.t.http().post('/api/v1/units').set('Authorization', app.seed.auth('admin')).send({ name: 'x'.repeat(300 * 1024) }).expect(413);
  });

  it('accepts a body just under the limit (then validates it)', async () => {
    await app.t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'x'.repeat(250 * 1024) }).expect(400);
  });

  /**
   * Sends the headers and one chunk, then waits for the answer with the request still open (no
   * Content-Length, chunked): an answer proves the server decided before reading the rest.
   */
  async function answerBeforeBodyEnds(path: string, headers: Record<string, string>, chunk: Buffer | string): Promise<{ status: number; body: string }> {
    const server = app.t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'transfer-encoding': 'chunked', ...headers } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
      req.write(chunk);
      // never req.end(): the body is never finished
    });
  }

  it('answers a chunked JSON body (no Content-Length) past 256 KiB with 413 before the body ends', async () => {
    const res = await answerBeforeBodyEnds('/api/v1/auth/login', { 'content-type': 'application/json' }, `{"username":"admin","password":"${'x'.repeat(300 * 1024)}`);
    expect(res.status).toBe(413);
  });

  it('answers a non-JSON body with 415 on every route but the user import, before reading it', async () => {
    for (const type of ['text/plain', 'text/csv', 'application/xml', 'application/x-www-form-urlencoded']) {
      const res = await app.t.http().post('/api/v1/units').set('Authorization', app.seed.auth('admin')).set('Content-Type', type).send('name=x');
      expect([type, res.status]).toEqual([type, 415]);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    }
    await app.t.http().post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('admin:x').expect(415);
    // 8 MiB of text/plain to the login never gets read: 415 while the body is still coming.
    const early = await answerBeforeBodyEnds('/api/v1/auth/login', { 'content-type': 'text/plain' }, 'x'.repeat(512 * 1024));
    expect(early.status).toBe(415);
  });

  it('takes a CSV body over 256 KiB on POST /users/import (up to 8 MiB), and 413 past 8 MiB', async () => {
    const header = 'username,displayName,role,unit,password\n';
    const lines = Array.from({ length: 6000 }, (_, i) => `bulk${i},批量${i},king,第一党支部,import-password-${i}`).join('\n');
    expect(Buffer.byteLength(header + lines)).toBeGreaterThan(256 * 1024);
    const res = await app.t.http().post('/api/v1/users/import').set('Authorization', app.seed.auth('admin')).set('Content-Type', 'text/csv').send(header + lines).expect(200);
    expect(res.body.errors).toHaveLength(6000); // every line has a bad role: nothing created, but all of it was read
    await app.t.http().post('/api/v1/users/import').set('Authorization', app.seed.auth('admin')).set('Content-Type', 'text/csv').send(header + 'x'.repeat(8 * 1024 * 1024 + 1)).expect(413);
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const res = await app.t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username": "admin", ').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400 });
    await app.t.http().post('/api/v1/units').set('Authorization', app.seed.auth('admin')).set('Content-Type', 'application/json').send('[1,').expect(400);
  });

  it('answers a wrong content type or a JSON array with a 4xx, never 500', async () => {
    const xml = await app.t.http().post('/api/v1/auth/login').set('Content-Type', 'application/xml').send('<a/>');
    expect(xml.status).toBeGreaterThanOrEqual(400);
    expect(xml.status).toBeLessThan(500);
    await app.t.http().post('/api/v1/units').set('Authorization', app.seed.auth('admin')).send([{ name: 'x' }]).expect(400);
  });

  it('gives a real 500 an error id in the body, and nothing internal', async () => {
    await app.t.owner.query('ALTER TABLE notifications RENAME TO notifications_away');
    try {
      const res = await app.t.http().get('/api/v1/me/notifications').set('Authorization', app.seed.auth('memberA')).expect(500);
      expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error', error: 'Internal Server Error', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(JSON.stringify(res.body)).not.toMatch(/notifications|relation|select/i);
    } finally {
      await app.t.owner.query('ALTER TABLE notifications_away RENAME TO notifications');
    }
    await app.t.http().get('/api/v1/me/notifications').set('Authorization', app.seed.auth('memberA')).expect(200);
  });

  it('serves the OpenAPI document listing every identity route with bearer auth', async () => {
    const res = await app.t.http().get('/api/docs-json').expect(200);
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
    await app.t.http().get('/api/docs').expect(200);
  });

  it('keeps Bull Board for admins: 401 without a token, 403 for a member or auditor, 200 for an admin', async () => {
    await app.t.http().get('/admin/queues').expect(401);
    await app.t.http().get('/admin/queues').set('Authorization', 'Bearer forged.token.value').expect(401);
    await app.t.http().get('/admin/queues').set('Authorization', app.seed.auth('memberA')).expect(403);
    await app.t.http().get('/admin/queues').set('Authorization', app.seed.auth('auditor')).expect(403);
    const page = await app.t.http().get('/admin/queues').set('Authorization', app.seed.auth('admin')).expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
    await app.t.http().get('/admin/queues/api/queues').set('Authorization', app.seed.auth('memberA')).expect(403);
    await app.t.http().get('/admin/queues/api/queues').set('Cookie', `qf_token=${app.seed.users.admin.token}`).expect(200);
  });

  it("hands the admin's browser the Bull Board token as an HttpOnly, SameSite=Strict cookie scoped to the board", async () => {
    const page = await app.t.http().get('/admin/queues').set('Authorization', app.seed.auth('admin')).expect(200);
    const cookie = page.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(`qf_token=${app.seed.users.admin.token}; Path=/admin/queues; HttpOnly; SameSite=Strict`); // plain http: no Secure
    const denied = await app.t.http().get('/admin/queues').set('Authorization', app.seed.auth('memberA')).expect(403);
    expect(denied.headers['set-cookie']).toBeUndefined();
  });
});
