import { DateTime } from 'luxon';
import { Caller, seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const inDays = (n: number) => DateTime.now().setZone('Asia/Shanghai').plus({ days: n }).toISODate();

describe('personal declarations (婚丧喜庆事宜报备, e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const api = (path: string, caller: Caller) => t.http().post(`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const get = (path: string, caller: Caller) => t.http().get(`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const kinds = (userId: string) => t.db.query(`SELECT kind FROM notifications WHERE user_id = $1 AND kind LIKE 'declaration_%' ORDER BY kind`, [userId]);

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('is filed before the event, acknowledged by an organiser of the person’s units, both sides notified', async () => {
    const d = (await api('/me/declarations', 'memberA1').send({ kind: 'wedding', eventDate: inDays(20), place: '家中', guests: 40, tables: 4 }).expect(201)).body;
    expect(d).toMatchObject({ userId: seed.users.memberA1.id, kind: 'wedding', eventDate: inDays(20), acknowledgedAt: null });
    expect(await kinds(seed.users.organiserA.id)).toEqual([{ kind: 'declaration_filed' }]);
    expect(await kinds(seed.users.organiserB.id)).toEqual([]);

    await api(`/declarations/${d.id}/acknowledge`, 'organiserB').send({}).expect(404);
    await api(`/declarations/${d.id}/acknowledge`, 'memberA1').send({}).expect(403);
    await api(`/declarations/${d.id}/acknowledge`, 'auditor').send({}).expect(403);
    const ack = (await api(`/declarations/${d.id}/acknowledge`, 'organiserA').send({ comment: '从简办理' }).expect(200)).body;
    expect(ack).toMatchObject({ acknowledgedBy: seed.users.organiserA.id, comment: '从简办理' });
    expect(await kinds(seed.users.memberA1.id)).toEqual([{ kind: 'declaration_acknowledged' }]);
    await api(`/declarations/${d.id}/acknowledge`, 'admin').send({}).expect(409);
  });

  it('refuses a declaration after the event, and one’s own acknowledgement', async () => {
    await api('/me/declarations', 'memberA').send({ kind: 'funeral', eventDate: inDays(0), place: '殡仪馆' }).expect(400);
    await api('/me/declarations', 'memberA').send({ kind: 'funeral', eventDate: '2026-02-30', place: '殡仪馆' }).expect(400);
    await api('/me/declarations', 'memberA').send({ kind: 'party', eventDate: inDays(3), place: 'x' }).expect(400);
    const own = (await api('/me/declarations', 'organiserA').send({ kind: 'other', eventDate: inDays(5), place: '酒店' }).expect(201)).body;
    await api(`/declarations/${own.id}/acknowledge`, 'organiserA').send({}).expect(403);
    await api(`/declarations/${own.id}/acknowledge`, 'admin').send({}).expect(200);
  });

  it('reads back: the person their own, organisers their units’ people’s (not their own) pending first, one by id for those who may see it', async () => {
    const mine = (await api('/me/declarations', 'memberB').send({ kind: 'other', eventDate: inDays(9), place: '饭店', tables: 2 }).expect(201)).body;
    const older = (await api('/me/declarations', 'memberB').send({ kind: 'wedding', eventDate: inDays(30), place: '酒店' }).expect(201)).body;
    await api(`/declarations/${older.id}/acknowledge`, 'organiserB').send({ comment: '同意' }).expect(200);
    const ownOfOrganiser = (await api('/me/declarations', 'organiserB').send({ kind: 'other', eventDate: inDays(4), place: '家中' }).expect(201)).body;

    const own = (await get('/me/declarations', 'memberB').expect(200)).body;
    expect(own.items.map((d: { id: string }) => d.id)).toEqual([mine.id, older.id]); // unacknowledged first
    expect(own.total).toBe(2);
    expect((await get('/me/declarations?pending=false', 'memberB').expect(200)).body.items.map((d: { id: string }) => d.id)).toEqual([older.id]);

    const ids = async (caller: Caller, q = '') => (await get(`/declarations${q}`, caller).expect(200)).body.items.map((d: { id: string }) => d.id);
    expect(await ids('organiserB', '?pending=true')).toEqual([mine.id]);
    expect(await ids('organiserB')).not.toContain(ownOfOrganiser.id);
    expect(await ids('organiserA')).not.toContain(mine.id);
    expect(await ids('auditor', '?limit=200')).toEqual(expect.arrayContaining([mine.id, older.id, ownOfOrganiser.id]));
    await get('/declarations', 'memberB').expect(403);
    await get('/declarations?pending=maybe', 'organiserB').expect(400);

    expect((await get(`/declarations/${older.id}`, 'memberB').expect(200)).body).toMatchObject({ comment: '同意', acknowledgedBy: seed.users.organiserB.id });
    await get(`/declarations/${older.id}`, 'organiserB').expect(200);
    await get(`/declarations/${older.id}`, 'auditor').expect(200);
    await get(`/declarations/${older.id}`, 'memberA').expect(404);
    await get(`/declarations/${older.id}`, 'organiserA').expect(404);
  });
});
