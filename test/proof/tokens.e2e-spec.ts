import { createHmac } from 'node:crypto';
import { DEV_JWT_SECRET } from '@qf/config';
import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed } from '../support/seed';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sign = (header: object, claims: object, secret: string) => {
  const body = `${b64url(header)}.${b64url(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

describe('bearer tokens that must be refused (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  const expect401 = (token: string) => t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);

  it('accepts a token signed the way the api signs them (control)', async () => {
    const token = sign({ alg: 'HS256', typ: 'JWT' }, { sub: seed.users.memberA.id, iat: now(), exp: now() + 600, ver: 0 }, DEV_JWT_SECRET);
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses alg "none"', async () => {
    await expect401(`${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: seed.users.admin.id, iat: now(), exp: now() + 600, ver: 0 })}.`);
  });

  it('refuses a forged signature', async () => {
    await expect401(sign({ alg: 'HS256', typ: 'JWT' }, { sub: seed.users.admin.id, iat: now(), exp: now() + 600, ver: 0 }, 'not-the-secret'));
  });

  it('refuses a token whose claims were edited after signing', async () => {
    const [h, , s] = seed.users.memberA.token.split('.');
    await expect401(`${h}.${b64url({ sub: seed.users.admin.id, iat: now(), exp: now() + 600, ver: 0 })}.${s}`);
  });

  it('refuses an expired token', async () => {
    await expect401(sign({ alg: 'HS256', typ: 'JWT' }, { sub: seed.users.memberA.id, iat: now() - 7200, exp: now() - 3600, ver: 0 }, DEV_JWT_SECRET));
  });

  it('refuses another algorithm (HS512) even with the right secret', async () => {
    const body = `${b64url({ alg: 'HS512', typ: 'JWT' })}.${b64url({ sub: seed.users.memberA.id, iat: now(), exp: now() + 600, ver: 0 })}`;
    await expect401(`${body}.${createHmac('sha512', DEV_JWT_SECRET).update(body).digest('base64url')}`);
  });

  it('refuses a token for a user that does not exist', async () => {
    await expect401(sign({ alg: 'HS256', typ: 'JWT' }, { sub: '00000000-0000-4000-8000-000000000000', iat: now(), exp: now() + 600, ver: 0 }, DEV_JWT_SECRET));
  });

  it('refuses garbage in the header', async () => {
    for (const value of ['Bearer', 'Bearer ', 'Basic abc', `bearer ${'x'.repeat(5000)}`, 'Bearer a.b.c']) {
      await t.http().get('/api/v1/me').set('Authorization', value).expect(401);
    }
  });
});
