import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

/** A stand-in for apps/web/dist, so that this test needs no web build. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qf-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta name="qf-org-timezone" content="Asia/Shanghai" /></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("清风")');
  return dir;
}

describe('the api serves the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WEB_DIST_DIR: fakeBuild(), ORG_TIMEZONE: 'Asia/Urumqi' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers / and any page path with index.html carrying ORG_TIMEZONE (history fallback)', async () => {
    for (const path of ['/', '/check-in/4f1c7f6e-8a39-4c43-9d53-8f1a2b3c4d5e?code=123456', '/reflections/x/y']) {
      const res = await t.http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root">');
      expect(res.text).toContain('content="Asia/Urumqi"');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await t.http().get('/assets/index-abc123.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    await t.http().get('/assets/missing.js').expect(404);
  });

  it('keeps /api as it is: real routes answer, unknown ones are JSON 404s', async () => {
    await t.http().get('/api/v1/health').expect(200);
    await t.http().get('/api/v1/me').expect(401);
    for (const path of ['/api/v1/no-such-route', '/api/nothing', '/admin/nothing']) {
      const res = await t.http().get(path).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    const post = await t.http().post('/api/v1/no-such-route').send({}).expect(404);
    expect(post.body).toMatchObject({ statusCode: 404 });
  });
});

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
