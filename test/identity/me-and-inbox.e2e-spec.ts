import { NotificationsService } from '@qf/notifications';
import { Caller, seedOrg, Seed, SEED_PASSWORD } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

/** GET /me, POST /me/password and the notifications inbox, for every kind of caller. */
describe('me and the notifications inbox (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const ALL: Caller[] = ['admin', 'auditor', 'organiserA', 'organiserB', 'memberA', 'memberA1', 'memberB', 'memberDept'];

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it.each(ALL)('GET /me shows %s themselves, without a password hash', async (caller) => {
    const res = await t.http().get('/api/v1/me').set('Authorization', seed.auth(caller)).expect(200);
    const u = seed.users[caller];
    expect(res.body).toEqual({ id: u.id, username: u.username, displayName: expect.any(String), role: u.role, unitId: u.unitId, active: true });
  });

  describe('POST /me/password', () => {
    it('refuses a wrong current password, a short new one and unknown fields', async () => {
      // 400, not 401: the token is fine, the field is wrong (a 401 would make clients drop the session).
      const wrong = await t.http().post('/api/v1/me/password').set('Authorization', seed.auth('memberB')).send({ currentPassword: 'wrong-password', newPassword: 'another-password-1' }).expect(400);
      expect(wrong.body.message).toMatch(/currentPassword/);
      const short = await t.http().post('/api/v1/me/password').set('Authorization', seed.auth('memberB')).send({ currentPassword: SEED_PASSWORD, newPassword: 'short' }).expect(400);
      expect(short.body.message).toEqual([expect.stringMatching(/^newPassword/)]);
      await t
        .http()
        .post('/api/v1/me/password')
        .set('Authorization', seed.auth('memberB'))
        .send({ currentPassword: SEED_PASSWORD, newPassword: 'another-password-1', userId: seed.users.memberA.id })
        .expect(400);
      // nothing changed
      await t.http().post('/api/v1/auth/login').send({ username: 'memberb', password: SEED_PASSWORD }).expect(200);
    });

    it.each(['auditor', 'memberA1'] as Caller[])('lets %s change their own password; older tokens stop working', async (caller) => {
      const { username } = seed.users[caller];
      await t.http().post('/api/v1/me/password').set('Authorization', seed.auth(caller)).send({ currentPassword: SEED_PASSWORD, newPassword: 'brand-new-password-1' }).expect(204);
      await t.http().get('/api/v1/me').set('Authorization', seed.auth(caller)).expect(401);
      await t.http().post('/api/v1/auth/login').send({ username, password: SEED_PASSWORD }).expect(401);
      const login = await t.http().post('/api/v1/auth/login').send({ username, password: 'brand-new-password-1' }).expect(200);
      await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      seed.users[caller].token = login.body.accessToken;
    });
  });

  describe('notifications', () => {
    let mineId: string;
    let othersId: string;

    beforeAll(async () => {
      const notifications = t.app.get(NotificationsService);
      await notifications.notifyUsers(undefined, { eventKey: 'test:one', kind: 'session_published', title: '学习会已发布', body: '周五下午三点' }, [
        seed.users.memberA.id,
        seed.users.memberB.id,
      ]);
      await notifications.notifyUsers(undefined, { eventKey: 'test:two', kind: 'leave_decided', title: '请假已批准' }, [seed.users.memberA.id]);
      // idempotent per (event, person)
      expect(await notifications.notifyUsers(undefined, { eventKey: 'test:two', kind: 'leave_decided', title: '请假已批准' }, [seed.users.memberA.id])).toBe(0);
      const rows = await t.db.query(`SELECT id, user_id, event_key FROM notifications ORDER BY event_key`);
      mineId = rows.find((r: { user_id: string; event_key: string }) => r.user_id === seed.users.memberA.id && r.event_key === 'test:one').id;
      othersId = rows.find((r: { user_id: string }) => r.user_id === seed.users.memberB.id).id;
    });

    it('shows each person only their own notifications, newest first', async () => {
      const a = await t.http().get('/api/v1/me/notifications').set('Authorization', seed.auth('memberA')).expect(200);
      expect(a.body.total).toBe(2);
      expect(a.body.items.map((n: { title: string }) => n.title)).toEqual(['请假已批准', '学习会已发布']);
      expect(a.body.items[0]).toEqual({ id: expect.any(String), kind: 'leave_decided', title: '请假已批准', body: '', link: null, createdAt: expect.any(String), readAt: null });
      const b = await t.http().get('/api/v1/me/notifications').set('Authorization', seed.auth('memberB')).expect(200);
      expect(b.body.items.map((n: { id: string }) => n.id)).toEqual([othersId]);
    });

    it.each(ALL.filter((c) => c !== 'memberA' && c !== 'memberB'))('gives %s an empty inbox', async (caller) => {
      const res = await t.http().get('/api/v1/me/notifications').set('Authorization', seed.auth(caller)).expect(200);
      expect(res.body).toEqual({ items: [], total: 0 });
    });

    it('marks an own notification read (204, twice is harmless) and filters unread', async () => {
      await t.http().post(`/api/v1/me/notifications/${mineId}/read`).set('Authorization', seed.auth('memberA')).expect(204);
      await t.http().post(`/api/v1/me/notifications/${mineId}/read`).set('Authorization', seed.auth('memberA')).expect(204);
      const unread = await t.http().get('/api/v1/me/notifications?unread=true').set('Authorization', seed.auth('memberA')).expect(200);
      expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(mineId);
      expect(unread.body.total).toBe(1);
    });

    it("gives 404 for another person's notification, even to an admin, and changes nothing", async () => {
      for (const caller of ['memberA', 'admin', 'auditor'] as Caller[]) {
        await t.http().post(`/api/v1/me/notifications/${othersId}/read`).set('Authorization', seed.auth(caller)).expect(404);
      }
      const [row] = await t.db.query(`SELECT read_at FROM notifications WHERE id = $1`, [othersId]);
      expect(row.read_at).toBeNull();
      await t.http().post('/api/v1/me/notifications/00000000-0000-4000-8000-000000000000/read').set('Authorization', seed.auth('memberA')).expect(404);
      await t.http().post('/api/v1/me/notifications/not-a-uuid/read').set('Authorization', seed.auth('memberA')).expect(400);
    });

    it('validates paging', async () => {
      await t.http().get('/api/v1/me/notifications?limit=0').set('Authorization', seed.auth('memberA')).expect(400);
      await t.http().get('/api/v1/me/notifications?unread=maybe').set('Authorization', seed.auth('memberA')).expect(400);
      const page = await t.http().get('/api/v1/me/notifications?limit=1&offset=1').set('Authorization', seed.auth('memberA')).expect(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.total).toBe(2);
    });
  });
});
