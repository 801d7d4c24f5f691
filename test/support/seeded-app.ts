import { Seed, seedOrg } from './seed';
import { createTestApp, TestApp, TestAppOptions } from './test-app';

/** A test file's app and its seeded organisation, set in beforeAll (read them inside hooks and tests). */
export interface SeededApp {
  t: TestApp;
  seed: Seed;
}

/**
 * The usual start of an e2e file: one createTestApp with seedOrg in beforeAll, closed in afterAll.
 *
 *   const app = seededApp();
 *   it('…', () => app.t.http().get('/api/v1/me').set('Authorization', app.seed.auth('memberA')));
 */
export function seededApp(options: TestAppOptions = {}): SeededApp {
  const app = {} as SeededApp;
  beforeAll(async () => {
    app.t = await createTestApp(options);
    app.seed = await seedOrg(app.t);
  });
  afterAll(() => app.t?.close());
  return app;
}
