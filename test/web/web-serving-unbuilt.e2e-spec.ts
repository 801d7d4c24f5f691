import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

// Its own file: the app module reads the environment once per module registry, so a second test app
// in one file would reuse the first one's (closed) Redis.
describe('the api without a web build', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WEB_DIST_DIR: mkdtempSync(join(tmpdir(), 'qf-noweb-')) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('still runs, and / says the web app is not built', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.text).toMatch(/not built/);
    await t.http().get('/api/v1/health').expect(200);
    await t.http().get('/api/v1/nothing').expect(404);
  });
});
