import { SupervisionWarningsService } from '@qf/supervision';
import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';

jest.setTimeout(60_000);

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** Rectification campaigns (作风巡查问题整改清单). */
describe('rectification campaigns (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let campaignId: string;
  const api = (method: 'get' | 'post', path: string, caller: Caller) => t.http()[method](`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const notificationsOf = (userId: string, prefix: string): Promise<{ title: string; event_key: string }[]> =>
    t.db.query(`SELECT title, event_key FROM notifications WHERE user_id = $1 AND event_key LIKE $2 || '%'`, [userId, prefix]);
  const names = (res: { body: { notFiled: { displayName: string }[] } }) => res.body.notFiled.map((p) => p.displayName).sort();

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('opens a campaign for the organiser’s units and tells their people to file', async () => {
    await api('post', '/rectification/campaigns', 'organiserA').send({ title: '整改', unitIds: [seed.units.branchB], listDueAt: inDays(10) }).expect(403);
    await api('post', '/rectification/campaigns', 'memberA').send({ title: '整改', unitIds: [seed.units.branchA], listDueAt: inDays(10) }).expect(403);
    await api('post', '/rectification/campaigns', 'organiserA').send({ title: '整改', unitIds: [seed.units.branchA], listDueAt: inDays(-1) }).expect(400);
    await api('post', '/rectification/campaigns', 'admin').send({ title: '整改', unitIds: ['00000000-0000-4000-8000-000000000000'], listDueAt: inDays(3) }).expect(400);
    const res = await api('post', '/rectification/campaigns', 'organiserA').send({ title: '2026年作风巡查问题整改', unitIds: [seed.units.branchA], listDueAt: inDays(10) }).expect(201);
    campaignId = res.body.id;
    expect(res.body).toMatchObject({ title: '2026年作风巡查问题整改', unitIds: [seed.units.branchA], createdBy: seed.users.organiserA.id, filed: 0, items: { open: 0, closed: 0, overdue: 0 } });
    expect(names(res)).toEqual(['党员甲', '党员甲一', '支部书记甲'].sort());
    expect(await notificationsOf(seed.users.memberA1.id, 'rectification_campaign:')).toHaveLength(1);
    expect(await notificationsOf(seed.users.memberB.id, 'rectification_campaign:')).toHaveLength(0);
  });

  it('shows the campaign to its creator, organisers of its units, auditors and admins; 404 to others', async () => {
    for (const who of ['organiserA', 'auditor', 'admin'] as Caller[]) await api('get', `/rectification/campaigns/${campaignId}`, who).expect(200);
    for (const who of ['memberA', 'memberB', 'organiserB'] as Caller[]) await api('get', `/rectification/campaigns/${campaignId}`, who).expect(404);
  });

  it('turns each filed entry into a rectification item owned by the filer, supervised by the creator; once per person', async () => {
    await api('post', `/rectification/campaigns/${campaignId}/my-list`, 'memberA').send({ items: [] }).expect(400);
    await api('post', `/rectification/campaigns/${campaignId}/my-list`, 'memberA').send({ items: [{ problem: '学习不够深入', measure: '精读', dueAt: inDays(-1) }] }).expect(400);
    const res = await api('post', `/rectification/campaigns/${campaignId}/my-list`, 'memberA')
      .send({
        items: [
          { problem: '学习不够深入', measure: '每周精读一篇理论文章', dueAt: inDays(30) },
          { problem: '联系群众不够', measure: '每月走访两户党员群众', dueAt: inDays(60) },
        ],
      })
      .expect(201);
    expect(res.body.items).toHaveLength(2);
    for (const item of res.body.items) {
      expect(item).toMatchObject({ kind: 'rectification', campaignId, ownerId: seed.users.memberA.id, supervisorId: seed.users.organiserA.id, status: 'accepted', unacknowledged: false });
    }
    expect(res.body.items.map((i: { title: string }) => i.title)).toEqual(['学习不够深入', '联系群众不够']);
    await api('post', `/rectification/campaigns/${campaignId}/my-list`, 'memberA').send({ items: [{ problem: '再来', measure: '再来', dueAt: inDays(5) }] }).expect(409);
    await api('post', `/rectification/campaigns/${campaignId}/my-list`, 'memberB').send({ items: [{ problem: 'x', measure: 'y', dueAt: inDays(5) }] }).expect(404);
    await api('post', `/rectification/campaigns/${campaignId}/my-list`, 'admin').send({ items: [{ problem: 'x', measure: 'y', dueAt: inDays(5) }] }).expect(403);

    // Carried out, reported and closed (销号) by the creator; the other one overdue.
    const [first, second] = res.body.items;
    await api('post', `/supervision/items/${first.id}/report`, 'memberA').send({ note: '已坚持精读' }).expect(200);
    await api('post', `/supervision/items/${first.id}/close`, 'organiserA').send({}).expect(200);
    await t.db.query(`UPDATE supervision_items SET assigned_at = now() - interval '2 days', due_at = now() - interval '1 hour' WHERE id = $1`, [second.id]);
    const view = await api('get', `/rectification/campaigns/${campaignId}`, 'organiserA').expect(200);
    expect(view.body).toMatchObject({ filed: 1, items: { open: 1, closed: 1, overdue: 1 } });
    expect(names(view)).toEqual(['党员甲一', '支部书记甲'].sort());
  });

  it('reminds the people who have not filed once, at 30 % of the filing window left', async () => {
    const sweeps = t.app.get(SupervisionWarningsService);
    await sweeps.run();
    expect(await notificationsOf(seed.users.memberA1.id, 'rectification_list_reminder:')).toHaveLength(0); // 100 % left
    await t.db.query(`UPDATE rectification_campaigns SET created_at = now() - interval '8 days', list_due_at = now() + interval '2 days' WHERE id = $1`, [campaignId]);
    const runs = await Promise.all([sweeps.run(), sweeps.run()]);
    expect(runs.map((r) => r.filingReminders).sort()).toEqual([0, 1]);
    await sweeps.run();
    expect(await notificationsOf(seed.users.memberA1.id, 'rectification_list_reminder:')).toEqual([expect.objectContaining({ title: '整改清单尚未填报：2026年作风巡查问题整改' })]);
    expect(await notificationsOf(seed.users.organiserA.id, 'rectification_list_reminder:')).toHaveLength(1);
    expect(await notificationsOf(seed.users.memberA.id, 'rectification_list_reminder:')).toHaveLength(0); // filed
  });

  it('shows an organiser of one of several units only their people', async () => {
    const res = await api('post', '/rectification/campaigns', 'admin').send({ title: '机关整改', unitIds: [seed.units.branchA, seed.units.branchB], listDueAt: inDays(7) }).expect(201);
    expect(names(await api('get', `/rectification/campaigns/${res.body.id}`, 'organiserA').expect(200))).toEqual(['党员甲', '党员甲一', '支部书记甲'].sort());
    expect(names(await api('get', `/rectification/campaigns/${res.body.id}`, 'organiserB').expect(200))).toEqual(['党员乙', '支部书记乙'].sort());
    expect(names(await api('get', `/rectification/campaigns/${res.body.id}`, 'auditor').expect(200))).toHaveLength(5);
  });
  it('lists the campaigns each person sees or must file in, latest filing deadline first', async () => {
    const list = async (who: Caller) => (await api('get', '/rectification/campaigns?limit=200', who).expect(200)).body;
    const auditor = await list('auditor');
    expect(auditor.total).toBe(2);
    expect(auditor.items.map((c: { title: string }) => c.title)).toEqual(['机关整改', '2026年作风巡查问题整改']); // 7 days vs 2 days left
    expect(auditor.items.every((c: { mustFile: boolean }) => !c.mustFile)).toBe(true);
    const memberA = await list('memberA');
    expect(memberA.items).toEqual([
      expect.objectContaining({ title: '机关整改', mustFile: true, filedAt: null }),
      expect.objectContaining({ id: campaignId, mustFile: true, filedAt: expect.any(String) }),
    ]);
    expect((await list('memberB')).items.map((c: { title: string }) => c.title)).toEqual(['机关整改']);
    expect((await list('organiserB')).items.map((c: { title: string }) => c.title)).toEqual(['机关整改']);
    expect((await list('organiserA')).total).toBe(2);
    expect(await list('memberDept')).toEqual({ items: [], total: 0 }); // 机关党委 is above the campaigns' units
    const page = await api('get', '/rectification/campaigns?limit=1&offset=1', 'admin').expect(200);
    expect(page.body).toMatchObject({ total: 2, items: [expect.objectContaining({ id: campaignId })] });
  });

  it('gives each person of a campaign their own list, and no one else', async () => {
    const mine = await api('get', `/rectification/campaigns/${campaignId}/my-list`, 'memberA').expect(200);
    expect(mine.body).toMatchObject({ campaignId, title: '2026年作风巡查问题整改', filedAt: expect.any(String) });
    expect(mine.body.items.map((i: { title: string; status: string }) => [i.title, i.status])).toEqual([
      ['联系群众不够', 'accepted'], // overdue: due first
      ['学习不够深入', 'closed'],
    ]);
    expect((await api('get', `/rectification/campaigns/${campaignId}/my-list`, 'memberA1').expect(200)).body).toMatchObject({ filedAt: null, items: [] });
    expect((await api('get', `/rectification/campaigns/${campaignId}/my-list`, 'organiserA').expect(200)).body).toMatchObject({ filedAt: null, items: [] });
    for (const who of ['memberB', 'memberDept', 'organiserB', 'auditor', 'admin'] as Caller[]) await api('get', `/rectification/campaigns/${campaignId}/my-list`, who).expect(404);
    await api('get', `/rectification/campaigns/00000000-0000-4000-8000-000000000000/my-list`, 'memberA').expect(404);
  });

  it('filters supervision items by campaign, within the caller’s scope', async () => {
    const titles = async (who: Caller, id: string) =>
      (await api('get', `/supervision/items?campaignId=${id}`, who).expect(200)).body.items.map((i: { title: string }) => i.title).sort();
    expect(await titles('organiserA', campaignId)).toEqual(['学习不够深入', '联系群众不够']);
    expect(await titles('memberA', campaignId)).toEqual(['学习不够深入', '联系群众不够']);
    expect(await titles('memberB', campaignId)).toEqual([]);
    expect(await titles('organiserA', '00000000-0000-4000-8000-000000000000')).toEqual([]);
    await api('get', '/supervision/items?campaignId=x', 'organiserA').expect(400);
  });
});
