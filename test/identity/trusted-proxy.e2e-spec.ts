import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Behind a proxy named in TRUST_PROXY, the client address is the one the proxy saw (the right-most
 * untrusted X-Forwarded-For entry); whatever the client itself put in the header is ignored.
 */
describe('TRUST_PROXY (e2e)', () => {
  let t: TestApp;
  let seed: Seed;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.0/8,::1/128,::ffff:127.0.0.0/104', LOGIN_MAX_FAILURES_PER_ADDRESS: '3', LOGIN_MAX_FAILURES_PER_USER: '100' } });
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  const fail = (forwarded: string, username = 'nobody') =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', forwarded).send({ username, password: 'wrong-password' });

  it('counts the address the trusted proxy saw, whatever the client prepended', async () => {
    await fail('10.0.0.7', 'a1').expect(401);
    await fail('1.1.1.1, 10.0.0.7', 'a2').expect(401);
    await fail('2.2.2.2, 3.3.3.3, 10.0.0.7', 'a3').expect(401);
    // The client at 10.0.0.7 is over its limit whatever it claims to be…
    await fail('9.9.9.9, 10.0.0.7', 'a4').expect(429);
    await fail('10.0.0.8, 10.0.0.7', 'a5').expect(429);
    // …and another client behind the same proxy is not.
    await fail('10.0.0.8', 'a6').expect(401);
    const rows: { address: string }[] = await t.db.query(`SELECT DISTINCT address FROM login_failures ORDER BY address`);
    expect(rows.map((r) => r.address)).toEqual(['10.0.0.7', '10.0.0.8']);
  });

  it('marks the Bull Board cookie Secure when the trusted proxy says the request came over https', async () => {
    const res = await t.http().get('/admin/queues').set('X-Forwarded-Proto', 'https').set('Authorization', seed.auth('admin')).expect(200);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^qf_token=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Secure$/);
  });
});
