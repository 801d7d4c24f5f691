import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { checkInCode, codeStepAt } from '@qf/attendance';
import request from 'supertest';
import { Seed, seedOrg } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { addToRoster, awayFromStepEdge, codeFor, createPeople, createSession, logOf, secretOf, wrongCodeFor } from './attendance-factory';

jest.setTimeout(120_000);

describe('check-in (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const GRACE_S = 5 * 60;

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  /** A published session of branchA with memberA on its roster. */
  async function session(startsInSeconds: number, durationSeconds = 3600): Promise<string> {
    const id = await createSession(t, { unitId: seed.units.branchA, startsInSeconds, durationSeconds });
    await addToRoster(t, id, [seed.users.memberA.id]);
    return id;
  }
  const checkIn = (id: string, code: string, caller: Parameters<Seed['auth']>[0] = 'memberA') =>
    t.http().post(`/api/v1/sessions/${id}/check-in`).set('Authorization', seed.auth(caller)).send({ code });

  describe('GET /sessions/:id/check-in-code', () => {
    it('gives the organiser of the unit the current code and never the secret', async () => {
      await awayFromStepEdge();
      const id = await session(600);
      const res = await t.http().get(`/api/v1/sessions/${id}/check-in-code`).set('Authorization', seed.auth('organiserA')).expect(200);
      expect(res.body.code).toMatch(/^\d{6}$/);
      expect(res.body.code).toBe(checkInCode(await secretOf(t, id), codeStepAt(new Date())));
      expect(Object.keys(res.body).sort()).toEqual(['code', 'expiresAt']);
      expect(new Date(res.body.expiresAt).getTime() % 60_000).toBe(0);
      await t.http().get(`/api/v1/sessions/${id}/check-in-code`).set('Authorization', seed.auth('admin')).expect(200);
    });

    it('is refused to members, auditors and organisers of other units', async () => {
      const id = await session(600);
      const get = (c: Parameters<Seed['auth']>[0]) => t.http().get(`/api/v1/sessions/${id}/check-in-code`).set('Authorization', seed.auth(c));
      await get('memberA').expect(403);
      await get('auditor').expect(403);
      await get('organiserB').expect(404);
      await t.http().get(`/api/v1/sessions/00000000-0000-4000-8000-000000000000/check-in-code`).set('Authorization', seed.auth('admin')).expect(404);
      await t.http().get(`/api/v1/sessions/not-a-uuid/check-in-code`).set('Authorization', seed.auth('admin')).expect(400);
    });
  });

  describe('window', () => {
    it('opens 30 minutes before the start', async () => {
      const justOpen = await session(30 * 60 - 3);
      const notYet = await session(30 * 60 + 5);
      await checkIn(notYet, await codeFor(t, notYet)).expect(409);
      const res = await checkIn(justOpen, await codeFor(t, justOpen)).expect(200);
      expect(res.body).toMatchObject({ sessionId: justOpen, userId: seed.users.memberA.id, status: 'present', displayName: '党员甲' });
      expect(res.body.checkedInAt).toBeTruthy();
    });

    it('is present up to the grace boundary and late after it', async () => {
      const withinGrace = await session(-(GRACE_S - 5));
      const pastGrace = await session(-(GRACE_S + 5));
      expect((await checkIn(withinGrace, await codeFor(t, withinGrace)).expect(200)).body.status).toBe('present');
      expect((await checkIn(pastGrace, await codeFor(t, pastGrace)).expect(200)).body.status).toBe('late');
    });

    it('closes at the end', async () => {
      const stillOpen = await session(-3600 + 5, 3600);
      const ended = await session(-3600 - 2, 3600);
      expect((await checkIn(stillOpen, await codeFor(t, stillOpen)).expect(200)).body.status).toBe('late');
      await checkIn(ended, await codeFor(t, ended)).expect(409);
    });

    it('needs a published session; a draft is 404 to a member (it is its organisers’ own)', async () => {
      for (const status of ['completed', 'cancelled'] as const) {
        const id = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: 60, status });
        await addToRoster(t, id, [seed.users.memberA.id]);
        await checkIn(id, await codeFor(t, id)).expect(409);
      }
      const draft = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: 60, status: 'draft' });
      await addToRoster(t, draft, [seed.users.memberA.id]);
      await checkIn(draft, await codeFor(t, draft)).expect(404);
      await checkIn(draft, await codeFor(t, draft), 'organiserA').expect(403); // manages it, is not on its roster
    });

    it('a cancelled session answers 409 also to a person of its unit who is not on a roster (a cancelled draft has none)', async () => {
      const id = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: 60, status: 'cancelled' });
      await checkIn(id, await codeFor(t, id)).expect(409);
      await checkIn(id, await wrongCodeFor(t, id)).expect(409);
      await checkIn(id, await codeFor(t, id), 'memberB').expect(404); // cannot see branchA's sessions
      await t.http().post(`/api/v1/sessions/${id}/leave-requests`).set('Authorization', seed.auth('memberA')).send({ reason: '出差' }).expect(409);
      await t.http().post(`/api/v1/sessions/${id}/leave-requests`).set('Authorization', seed.auth('memberB')).send({ reason: '出差' }).expect(404);
    });

    it('lets a person on approved leave who comes after all check in: present or late, logged from excused', async () => {
      await awayFromStepEdge();
      const onTime = await session(60);
      const lateOne = await session(-(GRACE_S + 30));
      // onTime: leave asked for and approved through the api before the start.
      const leave = await t.http().post(`/api/v1/sessions/${onTime}/leave-requests`).set('Authorization', seed.auth('memberA')).send({ reason: '出差' }).expect(201);
      await t.http().post(`/api/v1/leave-requests/${leave.body.id}/decision`).set('Authorization', seed.auth('organiserA')).send({ approve: true }).expect(200);
      // lateOne has started, so its leave is written as the api writes an approval: record excused, one log entry.
      await t.db.query(`UPDATE attendance_records SET status = 'excused' WHERE session_id = $1 AND user_id = $2`, [lateOne, seed.users.memberA.id]);
      await t.db.query(
        `INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status) VALUES ($1, $2, $3, 'leave_approved', 'expected', 'excused')`,
        [lateOne, seed.users.memberA.id, seed.users.organiserA.id],
      );
      const present = await checkIn(onTime, await codeFor(t, onTime)).expect(200);
      expect(present.body).toMatchObject({ status: 'present', userId: seed.users.memberA.id, makeUp: null });
      const late = await checkIn(lateOne, await codeFor(t, lateOne)).expect(200);
      expect(late.body.status).toBe('late');
      const trail = async (id: string) => (await logOf(t, id, seed.users.memberA.id)).map((e: { action: string; fromStatus: string; toStatus: string }) => `${e.action}:${e.fromStatus}->${e.toStatus}`);
      expect(await trail(onTime)).toEqual(['roster:null->expected', 'leave_approved:expected->excused', 'check_in:excused->present']);
      expect(await trail(lateOne)).toEqual(['roster:null->expected', 'leave_approved:expected->excused', 'check_in:excused->late']);
      // Again: the same record, nothing more logged.
      expect((await checkIn(onTime, await codeFor(t, onTime)).expect(200)).body).toEqual(present.body);
      expect(await trail(onTime)).toHaveLength(3);
    });
  });

  describe('codes', () => {
    it('accepts the previous step, rejects older ones', async () => {
      await awayFromStepEdge();
      const a = await session(60);
      const b = await session(60);
      await checkIn(a, await codeFor(t, a, 2)).expect(403);
      await checkIn(b, await codeFor(t, b, 1)).expect(200);
      await checkIn(a, await codeFor(t, a, 0)).expect(200);
      await checkIn(a, '12ab56').expect(403);
    });

    it('refuses people who are not on the roster: 403, or 404 when they cannot see the session', async () => {
      const id = await session(60);
      const code = await codeFor(t, id);
      await checkIn(id, code, 'memberA1').expect(403); // can see branchA's sessions (ancestor), not on roster
      await checkIn(id, code, 'memberB').expect(404);
      await checkIn(id, code, 'admin').expect(403);
      await t.http().post(`/api/v1/sessions/${id}/check-in`).set('Authorization', seed.auth('memberA')).send({}).expect(400);
      await t.http().post(`/api/v1/sessions/${id}/check-in`).set('Authorization', seed.auth('memberA')).send({ code, extra: 1 }).expect(400);
    });

    it('checking in again returns the same record unchanged and logs nothing more', async () => {
      await awayFromStepEdge();
      const id = await session(60);
      const first = (await checkIn(id, await codeFor(t, id)).expect(200)).body;
      const again = (await checkIn(id, await codeFor(t, id)).expect(200)).body;
      expect(again).toEqual(first);
      const log = await logOf(t, id, seed.users.memberA.id);
      expect(log.map((e: { action: string }) => e.action)).toEqual(['roster', 'check_in']);
      expect(log[1]).toMatchObject({ actorId: seed.users.memberA.id, fromStatus: 'expected', toStatus: 'present' });
    });
  });

  describe('lock-out', () => {
    let second: NestFastifyApplication;
    beforeAll(async () => {
      // A second api process on the same database (process.env already points at this file's).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createApiApp } = require('../../apps/api/src/app.setup') as typeof import('../../apps/api/src/app.setup');
      second = await createApiApp();
      await second.init();
      await second.getHttpAdapter().getInstance().ready();
    });
    afterAll(() => second.close());

    it('holds across api instances: 5 wrong codes, then 429 for that session only', async () => {
      await awayFromStepEdge(10_000);
      const id = await session(60);
      const other = await session(120);
      const wrong = await wrongCodeFor(t, id);
      const via = (app: 'first' | 'second', sessionId: string, code: string) =>
        (app === 'first' ? t.http() : request(second.getHttpServer()))
          .post(`/api/v1/sessions/${sessionId}/check-in`)
          .set('Authorization', seed.auth('memberA'))
          .send({ code });
      for (const app of ['first', 'second', 'first', 'second', 'first'] as const) await via(app, id, wrong).expect(403);
      await via('second', id, await codeFor(t, id)).expect(429);
      await via('first', id, await codeFor(t, id)).expect(429);
      // Another session is not affected.
      await via('second', other, await codeFor(t, other)).expect(200);
      const [row] = await t.db.query(`SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2`, [id, seed.users.memberA.id]);
      expect(row.status).toBe('expected');
    });
  });

  it('200 people checking in at once: 200 records, 200 entries', async () => {
    await awayFromStepEdge(10_000);
    const id = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: 60 });
    const people = await createPeople(t, seed.units.branchA, 200, 'burst');
    await addToRoster(t, id, people.map((p) => p.id));
    const code = await codeFor(t, id);
    const results = await Promise.all(
      people.map((p) => t.http().post(`/api/v1/sessions/${id}/check-in`).set('Authorization', p.auth).send({ code })),
    );
    expect(results.map((r) => r.status)).toEqual(people.map(() => 200));
    const [{ present }] = await t.db.query(
      `SELECT count(*)::int AS present FROM attendance_records WHERE session_id = $1 AND status = 'present' AND checked_in_at IS NOT NULL`,
      [id],
    );
    expect(present).toBe(200);
    const [{ entries, people: distinct }] = await t.db.query(
      `SELECT count(*)::int AS entries, count(DISTINCT user_id)::int AS people FROM attendance_log WHERE session_id = $1 AND action = 'check_in'`,
      [id],
    );
    expect(entries).toBe(200);
    expect(distinct).toBe(200);
  });
});
