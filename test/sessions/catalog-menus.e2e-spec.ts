import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed } from '../support/seed';
import { createCatalog, StudyCatalog } from './session-factory';

jest.setTimeout(60_000);

describe('study catalog and menus (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let c: StudyCatalog;

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    c = await createCatalog(t, seed);
  });
  afterAll(() => t.close());

  it('lets organisers and admins add catalog items, not members or auditors', async () => {
    const res = await t
      .http()
      .post('/api/v1/catalog')
      .set('Authorization', seed.auth('organiserA'))
      .send({ title: '中国共产党纪律处分条例', kind: 'regulation', summary: '2023年修订', durationMinutes: 30 })
      .expect(201);
    expect(res.body).toMatchObject({ id: expect.any(String), title: '中国共产党纪律处分条例', kind: 'regulation', summary: '2023年修订', durationMinutes: 30 });
    for (const who of ['memberA', 'auditor'] as const) {
      await t.http().post('/api/v1/catalog').set('Authorization', seed.auth(who)).send({ title: 'x', kind: 'other' }).expect(403);
    }
    const bad = await t.http().post('/api/v1/catalog').set('Authorization', seed.auth('admin')).send({ title: 'x', kind: 'poem' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/kind/);
  });

  it('lists the catalog with kind and text filters, paginated', async () => {
    const all = await t.http().get('/api/v1/catalog').set('Authorization', seed.auth('memberB')).expect(200);
    expect(all.body.total).toBe(6);
    const songs = await t.http().get('/api/v1/catalog?kind=song').set('Authorization', seed.auth('memberB')).expect(200);
    expect(songs.body).toEqual({ total: 1, items: [expect.objectContaining({ id: c.song, kind: 'song' })] });
    const q = await t.http().get(`/api/v1/catalog?q=${encodeURIComponent('纪律')}`).set('Authorization', seed.auth('memberB')).expect(200);
    expect(q.body.items.map((i: { title: string }) => i.title)).toEqual(['中国共产党纪律处分条例']);
    const page = await t.http().get('/api/v1/catalog?limit=2&offset=1').set('Authorization', seed.auth('memberB')).expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBe(6);
    await t.http().get('/api/v1/catalog?q=%25').set('Authorization', seed.auth('memberB')).expect(200, { items: [], total: 0 });
  });

  it('creates a menu covering the default required kinds and reads it back', async () => {
    const res = await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('organiserB'))
      .send({
        name: '标准套餐',
        items: [
          { catalogItemId: c.theory, course: 'main' },
          { catalogItemId: c.history, course: 'main' },
          { catalogItemId: c.song, course: 'main' },
          { catalogItemId: c.integrity, course: 'side' },
        ],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      name: '标准套餐',
      requiredKinds: ['theory', 'history', 'song'],
      items: [
        { position: 1, catalogItemId: c.theory, kind: 'theory', course: 'main', title: '《共产党宣言》导读' },
        { position: 2, catalogItemId: c.history, kind: 'history', course: 'main' },
        { position: 3, catalogItemId: c.song, kind: 'song', course: 'main' },
        { position: 4, catalogItemId: c.integrity, kind: 'integrity', course: 'side' },
      ],
    });
    const got = await t.http().get(`/api/v1/menus/${res.body.id}`).set('Authorization', seed.auth('memberA')).expect(200);
    expect(got.body).toEqual(res.body);
    const list = await t.http().get('/api/v1/menus').set('Authorization', seed.auth('auditor')).expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(res.body.id);
    await t.http().get('/api/v1/menus/00000000-0000-4000-8000-000000000000').set('Authorization', seed.auth('memberA')).expect(404);
    await t.http().get('/api/v1/menus/not-a-uuid').set('Authorization', seed.auth('memberA')).expect(400);
  });

  it('refuses a menu whose main courses miss a required kind, naming the missing kinds', async () => {
    const res = await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('admin'))
      .send({
        name: '缺歌曲',
        items: [
          { catalogItemId: c.theory, course: 'main' },
          { catalogItemId: c.song, course: 'side' },
        ],
      })
      .expect(400);
    expect(res.body.message).toMatch(/missing: history, song/);
  });

  it('honours custom requiredKinds', async () => {
    await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('admin'))
      .send({ name: '廉政专题', requiredKinds: ['integrity'], items: [{ catalogItemId: c.integrity, course: 'main' }] })
      .expect(201);
    const res = await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('admin'))
      .send({ name: '廉政专题', requiredKinds: ['integrity'], items: [{ catalogItemId: c.theory, course: 'main' }] })
      .expect(400);
    expect(res.body.message).toMatch(/missing: integrity/);
    await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('admin'))
      .send({ name: 'x', requiredKinds: ['nonsense'], items: [{ catalogItemId: c.theory, course: 'main' }] })
      .expect(400);
  });

  it('rejects unknown catalog ids, bad courses and members', async () => {
    const unknown = await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('admin'))
      .send({ name: 'x', requiredKinds: [], items: [{ catalogItemId: '00000000-0000-4000-8000-000000000000', course: 'main' }] })
      .expect(400);
    expect(unknown.body.message).toMatch(/unknown: 00000000-0000-4000-8000-000000000000/);
    await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('admin'))
      .send({ name: 'x', requiredKinds: [], items: [{ catalogItemId: c.theory, course: 'dessert' }] })
      .expect(400);
    await t
      .http()
      .post('/api/v1/menus')
      .set('Authorization', seed.auth('memberA'))
      .send({ name: 'x', requiredKinds: [], items: [{ catalogItemId: c.theory, course: 'main' }] })
      .expect(403);
  });
});
