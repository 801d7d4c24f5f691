import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { entryHash, GENESIS_HASH, hashedLogColumns } from '@qf/attendance';
import { checkpointMessage } from '@qf/audit';
import { JobName, OutboxRelay, QueueName } from '@qf/queue';
import { Caller, Seed, seedOrg } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { auditFactories } from './audit-scenario';

jest.setTimeout(90_000);

/**
 * Evidence an inspector can trust (API.md): signed checkpoints that a rewritten history fails, the
 * log replayed against every record, and reads of audit data that are themselves audited.
 */
describe('attendance evidence: checkpoints, replay, audited reads (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let f: ReturnType<typeof auditFactories>;
  let S1: string;
  let S2: string;
  const seqs: Record<string, number> = {};

  const get = (path: string, query: Record<string, string> = {}, who: Caller = 'auditor') =>
    t.http().get(`/api/v1/audit/${path}`).query(query).set('Authorization', seed.auth(who));
  const verifyCheckpoint = (body: unknown, who: Caller = 'auditor') =>
    t.http().post('/api/v1/audit/attendance/verify-checkpoint').set('Authorization', seed.auth(who)).send(body as object);

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    f = auditFactories(t, seed);
    S1 = (await f.session('branchA', '2025-12-04T07:00:00Z', '集中学习会 12-04')).id;
    S2 = (await f.session('branchA', '2025-12-11T07:00:00Z', '集中学习会 12-11')).id;
    // Records and the log entries that explain them, as the real code writes them together.
    for (const [s, who, status] of [
      [S1, 'memberA', 'absent'],
      [S1, 'memberA1', 'present'],
      [S2, 'memberA', 'late'],
      [S2, 'memberA1', 'excused'],
    ] as const) {
      await f.record(s, who, status);
      seqs[`roster${s === S1 ? 1 : 2}${who}`] = await f.log(s, who, 'roster', null, 'expected', '2025-11-27T07:00:00Z', { actor: 'organiserA' });
    }
    seqs.absentS1 = await f.log(S1, 'memberA', 'completion', 'expected', 'absent', '2025-12-04T09:05:00Z', { actor: null });
    await f.log(S1, 'memberA1', 'check_in', 'expected', 'present', '2025-12-04T06:58:00Z');
    await f.log(S2, 'memberA', 'check_in', 'expected', 'late', '2025-12-11T07:12:00Z');
    // Past nine entries: seqs compare as numbers, not as text ('9' > '12').
    for (const minute of [10, 20, 30, 40]) await f.log(S2, 'memberA', 'mark', 'late', 'late', `2025-12-11T09:${minute}:00Z`, { actor: 'organiserA', reason: '核实' });
    seqs.last = await f.log(S2, 'memberA1', 'leave_approved', 'expected', 'excused', '2025-12-10T01:00:00Z', { actor: 'organiserA' });
    await f.seal(seqs.last);
  });
  afterAll(() => t?.close());

  describe('signed checkpoints', () => {
    it('signs the sealed head with an Ed25519 key whose PEM anyone can check it with', async () => {
      const cp = (await get('attendance/checkpoint').expect(200)).body;
      const [end] = await t.db.query(`SELECT seq::int AS seq, hash FROM attendance_log_seals ORDER BY seq DESC LIMIT 1`);
      expect(cp).toEqual({ seq: end.seq, hash: end.hash, at: expect.any(String), signature: expect.any(String) });
      expect(Math.abs(Date.parse(cp.at) - Date.now())).toBeLessThan(60_000);
      const pem = (await get('attendance/public-key').expect(200).expect('content-type', /text\/plain/)).text;
      expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(verifySignature(null, checkpointMessage(cp), createPublicKey(pem), Buffer.from(cp.signature, 'base64'))).toBe(true);
      expect((await verifyCheckpoint(cp).expect(200)).body).toEqual({ ok: true });
    });

    it('refuses a checkpoint whose fields or signature were changed, and bad input with 400', async () => {
      const cp = (await get('attendance/checkpoint').expect(200)).body;
      expect((await verifyCheckpoint({ ...cp, seq: cp.seq - 1 }).expect(200)).body).toEqual({ ok: false, reason: 'signature' });
      expect((await verifyCheckpoint({ ...cp, at: new Date().toISOString() }).expect(200)).body).toEqual({ ok: false, reason: 'signature' });
      const forged = Buffer.from(cp.signature, 'base64');
      forged[0] ^= 1;
      expect((await verifyCheckpoint({ ...cp, signature: forged.toString('base64') }).expect(200)).body).toEqual({ ok: false, reason: 'signature' });
      await verifyCheckpoint({ ...cp, hash: 'xyz' }).expect(400);
      await verifyCheckpoint({ ...cp, seq: -1 }).expect(400);
      await verifyCheckpoint({ ...cp, at: 'yesterday' }).expect(400);
      await verifyCheckpoint({ seq: cp.seq, hash: cp.hash, at: cp.at }).expect(400);
      await verifyCheckpoint({ ...cp, extra: 1 }).expect(400);
    });

    it('admin and auditor only', async () => {
      for (const who of ['memberA', 'organiserA'] as const) {
        await get('attendance/checkpoint', {}, who).expect(403);
        await get('attendance/public-key', {}, who).expect(403);
        await verifyCheckpoint({}, who).expect(403);
        await get('access-log', {}, who).expect(403);
      }
      await get('attendance/checkpoint', {}, 'admin').expect(200);
    });
  });

  describe('replay of the log against the records', () => {
    it('agrees when every record is what its log says', async () => {
      expect((await get('attendance/verify').expect(200)).body).toEqual({
        ok: true,
        entries: 12,
        unsealed: 0,
        checked: 4,
        recordMismatches: [],
        recordMismatchCount: 0,
      });
    });

    it('lists a record changed behind the log’s back (a direct UPDATE by the owner) and says ok: false', async () => {
      await t.owner.query(`UPDATE attendance_records SET status = 'present' WHERE session_id = $1 AND user_id = $2`, [S2, seed.users.memberA.id]);
      try {
        const res = await get('attendance/verify').expect(200);
        expect(res.body).toEqual({
          ok: false,
          entries: 12,
          unsealed: 0,
          checked: 4,
          recordMismatches: [{ sessionId: S2, userId: seed.users.memberA.id, recordStatus: 'present', logStatus: 'late' }],
          recordMismatchCount: 1,
        });
      } finally {
        await t.owner.query(`UPDATE attendance_records SET status = 'late' WHERE session_id = $1 AND user_id = $2`, [S2, seed.users.memberA.id]);
      }
      expect((await get('attendance/verify').expect(200)).body.ok).toBe(true);
    });
  });

  describe('tamper drill: the owner rewrites history and recomputes a self-consistent chain', () => {
    it('verify alone says ok; the checkpoint taken before says no', async () => {
      const before = (await get('attendance/checkpoint').expect(200)).body;
      expect(before.seq).toBe(seqs.last);
      // After the checkpoint, life goes on: one more entry, sealed.
      const later = await f.log(S1, 'memberA', 'make_up', 'absent', 'absent', new Date(Date.now() - 60_000));
      await f.seal(later);

      // The attacker holds the owner's password: triggers off, memberA's absence in S1 becomes a
      // presence in the log and in the record, and the whole chain is recomputed from the genesis.
      const owner = await t.owner.connect();
      try {
        await owner.query('BEGIN');
        await owner.query('ALTER TABLE attendance_log DISABLE TRIGGER USER');
        await owner.query('ALTER TABLE attendance_log_seals DISABLE TRIGGER USER');
        await owner.query(`UPDATE attendance_log SET to_status = 'present', action = 'check_in', actor_id = user_id WHERE seq = $1`, [seqs.absentS1]);
        await owner.query(`UPDATE attendance_log SET from_status = 'present', to_status = 'present' WHERE seq = $1`, [later]);
        await owner.query(`UPDATE attendance_records SET status = 'present' WHERE session_id = $1 AND user_id = $2`, [S1, seed.users.memberA.id]);
        await owner.query('DELETE FROM attendance_log_seals');
        const { rows } = await owner.query(`SELECT l.seq::int AS seq, ${hashedLogColumns('l')} FROM attendance_log l ORDER BY l.seq`);
        let prev = GENESIS_HASH;
        for (const r of rows) {
          const hash = entryHash(prev, r);
          await owner.query(`INSERT INTO attendance_log_seals (seq, prev_hash, hash) VALUES ($1, $2, $3)`, [r.seq, prev, hash]);
          prev = hash;
        }
        await owner.query('ALTER TABLE attendance_log ENABLE TRIGGER USER');
        await owner.query('ALTER TABLE attendance_log_seals ENABLE TRIGGER USER');
        await owner.query('COMMIT');
      } finally {
        owner.release();
      }

      const verify = (await get('attendance/verify').expect(200)).body;
      expect(verify).toMatchObject({ ok: true, entries: 13, unsealed: 0, recordMismatchCount: 0 });
      expect((await verifyCheckpoint(before).expect(200)).body).toEqual({ ok: false, brokenAt: before.seq, reason: 'rewritten' });
      // A checkpoint taken now signs the rewritten head: only checkpoints kept outside catch the rewrite.
      expect((await verifyCheckpoint((await get('attendance/checkpoint').expect(200)).body).expect(200)).body).toEqual({ ok: true });
    });

    it('a checkpoint past the log’s end (entries removed) says no', async () => {
      const cp = (await get('attendance/checkpoint').expect(200)).body;
      const owner = await t.owner.connect();
      try {
        await owner.query('BEGIN');
        await owner.query('ALTER TABLE attendance_log DISABLE TRIGGER USER');
        await owner.query('ALTER TABLE attendance_log_seals DISABLE TRIGGER USER');
        await owner.query('DELETE FROM attendance_log_seals WHERE seq = $1', [cp.seq]);
        await owner.query('DELETE FROM attendance_log WHERE seq = $1', [cp.seq]);
        await owner.query('ALTER TABLE attendance_log ENABLE TRIGGER USER');
        await owner.query('ALTER TABLE attendance_log_seals ENABLE TRIGGER USER');
        await owner.query('COMMIT');
      } finally {
        owner.release();
      }
      expect((await verifyCheckpoint(cp).expect(200)).body).toEqual({ ok: false, brokenAt: cp.seq, reason: 'missing' });
    });
  });

  describe('reads of audit data are audited', () => {
    it('writes one row per audit read: who, what, the parameters; lists them newest first, paginated', async () => {
      const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_access_log`);
      await get('attendance/summary', { unitId: seed.units.branchA, from: '2025-12-01', to: '2025-12-31' }, 'admin').expect(200);
      await get('attendance/log', { sessionId: S1 }).expect(200);
      await get('attendance/anomalies', {}).expect(200);
      await get('attendance/export', { format: 'csv' }).expect(200);
      await get('attendance/verify', {}).expect(200);
      const cp = (await get('attendance/checkpoint').expect(200)).body;
      await verifyCheckpoint(cp).expect(200);
      const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_access_log`);
      expect(after - before).toBe(7);

      const page = (await get('access-log', { limit: '7' }).expect(200)).body;
      expect(page.total).toBe(after);
      expect(page.items.map((i: { action: string }) => i.action)).toEqual(['verify_checkpoint', 'checkpoint', 'verify', 'export', 'anomalies', 'log', 'summary']);
      expect(page.items[6]).toEqual({
        id: expect.any(Number),
        at: expect.any(String),
        userId: seed.users.admin.id,
        username: seed.users.admin.username,
        role: 'admin',
        action: 'summary',
        params: { unitId: seed.units.branchA, from: '2025-12-01', to: '2025-12-31' },
      });
      expect(page.items[5]).toMatchObject({ userId: seed.users.auditor.id, role: 'auditor', action: 'log', params: { sessionId: S1 } });
      expect(page.items[0].params).toEqual({ seq: cp.seq, hash: cp.hash, at: cp.at, signature: cp.signature });

      const second = (await get('access-log', { limit: '2', offset: '5' }).expect(200)).body;
      expect(second.items.map((i: { action: string }) => i.action)).toEqual(['log', 'summary']);
      const adminOnly = (await get('access-log', { userId: seed.users.admin.id, action: 'summary' }).expect(200)).body;
      expect(adminOnly.items.every((i: { userId: string; action: string }) => i.userId === seed.users.admin.id && i.action === 'summary')).toBe(true);
      await get('access-log', { action: 'nonsense' }).expect(400);
      await get('access-log', { userId: 'x' }).expect(400);
      // Listing the access log is not itself an audit read.
      const [{ n: end }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_access_log`);
      expect(end).toBe(after);
    });

    it('the access log is append-only: UPDATE, DELETE and TRUNCATE refused, even to the owner', async () => {
      await expect(t.owner.query(`UPDATE audit_access_log SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(t.owner.query(`DELETE FROM audit_access_log`)).rejects.toThrow(/append-only/);
      await expect(t.owner.query(`TRUNCATE audit_access_log`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`UPDATE audit_access_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(t.db.query(`DELETE FROM audit_access_log`)).rejects.toThrow(/permission denied/);
    });
  });

  describe('daily checkpoint in the worker', () => {
    it('is scheduled at 00:05 in ORG_TIMEZONE and logs a checkpoint that verifies', async () => {
      const worker = await t.startWorker();
      try {
        const queue = worker.get(OutboxRelay).queue(QueueName.Attendance);
        let scheduler: { pattern?: string | null; tz?: string | null } | undefined;
        for (let i = 0; i < 100 && !scheduler; i++) {
          scheduler = (await queue.getJobSchedulers()).find((s: { key: string }) => s.key === JobName.AttendanceCheckpoint) as typeof scheduler;
          if (!scheduler) await new Promise((r) => setTimeout(r, 100));
        }
        expect(scheduler).toMatchObject({ pattern: '5 0 * * *', tz: 'Asia/Shanghai' });
        const job = await queue.add(JobName.AttendanceCheckpoint, {}, { jobId: 'checkpoint-now' });
        let done: unknown;
        for (let i = 0; i < 200 && !done; i++) {
          done = (await queue.getJob(job.id!))?.returnvalue;
          if (!done) await new Promise((r) => setTimeout(r, 100));
        }
        expect(done).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
        // Signed with the same key as the api's: the api verifies it.
        expect((await verifyCheckpoint(done).expect(200)).body).toEqual({ ok: true });
      } finally {
        await t.stopWorker();
      }
    });
  });
});
