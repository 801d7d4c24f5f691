import ExcelJS from 'exceljs';
import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';

jest.setTimeout(60_000);

interface Shape {
  assigned: string;
  ack: string;
  due: string;
  status: 'assigned' | 'accepted' | 'reported' | 'closed';
  accepted?: string;
  closed?: string;
  late?: boolean;
}

/** The report for 科室目标考核, checked against numbers worked out by hand. */
describe('supervision report (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const api = (path: string, caller: Caller) => t.http().get(`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const range = 'from=2026-03-01&to=2026-03-31';

  async function item(owner: Caller, s: Shape): Promise<string> {
    const res = await t.http().post('/api/v1/supervision/items').set('Authorization', seed.auth('admin')).send({ title: '督办', detail: '', ownerId: seed.users[owner].id }).expect(201);
    await t.db.query(
      `UPDATE supervision_items SET assigned_at = $2, ack_due_at = $3, due_at = $4, original_due_at = $4, status = $5, accepted_at = $6, closed_at = $7, late = $8
        WHERE id = $1`,
      [res.body.id, s.assigned, s.ack, s.due, s.status, s.accepted ?? null, s.closed ?? null, s.late ?? false],
    );
    return res.body.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    const base = { assigned: '2026-03-02T02:00:00Z', ack: '2026-03-03T10:00:00Z', due: '2026-03-11T10:00:00Z' };
    const future = '2099-01-01T10:00:00Z';
    // branchA: on time, late, overdue, unacknowledged (never accepted), unacknowledged (accepted late, assigned 23:30 local on 31 March).
    await item('memberA', { ...base, status: 'closed', accepted: '2026-03-02T05:00:00Z', closed: '2026-03-10T02:00:00Z', late: false });
    await item('organiserA', { ...base, status: 'closed', accepted: '2026-03-02T05:00:00Z', closed: '2026-03-12T02:00:00Z', late: true });
    await item('memberA', { ...base, status: 'accepted', accepted: '2026-03-02T05:00:00Z' });
    await item('memberA', { ...base, due: future, status: 'assigned' });
    await item('memberA', { assigned: '2026-03-31T15:30:00Z', ack: '2026-04-01T10:00:00Z', due: future, status: 'reported', accepted: '2026-04-02T01:00:00Z' });
    // groupA1: on time, open and accepted in time.
    await item('memberA1', { ...base, status: 'closed', accepted: '2026-03-02T05:00:00Z', closed: '2026-03-09T02:00:00Z' });
    await item('memberA1', { ...base, due: future, status: 'accepted', accepted: '2026-03-03T01:00:00Z' });
    // branchB: overdue and never accepted; one assigned 00:30 local on 1 April (outside the range).
    await item('memberB', { ...base, status: 'assigned' });
    await item('memberB', { assigned: '2026-03-31T16:30:00Z', ack: '2026-04-01T10:00:00Z', due: '2026-04-08T10:00:00Z', status: 'assigned' });
    // A unit whose name would be a formula in a spreadsheet.
    await t.http().post('/api/v1/units').set('Authorization', seed.auth('admin')).send({ name: '=SUM(A1)科', parentId: seed.units.dept }).expect(201);
  });
  afterAll(() => t.close());

  const counts = (total: number, closedOnTime: number, closedLate: number, open: number, overdue: number, unacknowledged: number, onTimeRate: number) => ({
    total,
    closedOnTime,
    closedLate,
    open,
    overdue,
    unacknowledged,
    onTimeRate,
  });

  it('counts per unit and in total for auditors and admins (all units)', async () => {
    for (const who of ['auditor', 'admin'] as Caller[]) {
      const res = await api(`/supervision/report?${range}`, who).expect(200);
      const by = Object.fromEntries(res.body.units.map((u: { unitId: string }) => [u.unitId, u]));
      expect(res.body.units).toHaveLength(5);
      expect(by[seed.units.branchA]).toEqual({ unitId: seed.units.branchA, unitName: '第一党支部', ...counts(5, 1, 1, 3, 1, 2, 0.3333) });
      expect(by[seed.units.groupA1]).toMatchObject(counts(2, 1, 0, 1, 0, 0, 1));
      expect(by[seed.units.branchB]).toMatchObject(counts(1, 0, 0, 1, 1, 1, 0));
      expect(by[seed.units.dept]).toMatchObject(counts(0, 0, 0, 0, 0, 0, 0));
      expect(res.body.totals).toEqual(counts(8, 2, 1, 5, 2, 3, 0.4));
      expect(res.body).toMatchObject({ from: '2026-03-01', to: '2026-03-31', unitId: null });
    }
    // Without a range, the item of 1 April counts too.
    expect((await api('/supervision/report', 'admin').expect(200)).body.totals.total).toBe(9);
  });

  it('gives organisers their units only, and a unit subtree on request', async () => {
    const mine = await api(`/supervision/report?${range}`, 'organiserA').expect(200);
    expect(mine.body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([seed.units.branchA, seed.units.groupA1].sort());
    expect(mine.body.totals).toEqual(counts(7, 2, 1, 4, 1, 2, 0.5));
    const group = await api(`/supervision/report?${range}&unitId=${seed.units.groupA1}`, 'organiserA').expect(200);
    expect(group.body.totals).toEqual(counts(2, 1, 0, 1, 0, 0, 1));
    const audited = await api(`/supervision/report?${range}&unitId=${seed.units.branchA}`, 'auditor').expect(200);
    expect(audited.body.totals).toEqual(counts(7, 2, 1, 4, 1, 2, 0.5));
    await api(`/supervision/report?unitId=${seed.units.dept}`, 'organiserA').expect(403); // visible, not theirs
    await api(`/supervision/report?unitId=${seed.units.branchB}`, 'organiserA').expect(404);
    await api(`/supervision/report?unitId=00000000-0000-4000-8000-000000000000`, 'admin').expect(404);
    await api('/supervision/report', 'memberA').expect(403);
    await api('/supervision/report?from=2026-04-01&to=2026-03-01', 'admin').expect(400);
    await api('/supervision/report?format=pdf', 'admin').expect(400);
  });

  it('writes CSV with a BOM and formula-safe cells, and XLSX', async () => {
    const csv = await api(`/supervision/report?${range}&format=csv`, 'admin').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="supervision-report-2026-03-01-2026-03-31.csv"/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('单位,督办总数,按期办结,逾期办结,未办结,已逾期,未按时签收,按期办结率');
    expect(lines).toContain('第一党支部,5,1,1,3,1,2,0.3333');
    expect(lines).toContain(`'=SUM(A1)科,0,0,0,0,0,0,0`);
    expect(lines[lines.length - 1]).toBe('合计,8,2,1,5,2,3,0.4');

    const xlsx = await api(`/supervision/report?${range}&format=xlsx`, 'auditor').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('单位');
    const last = sheet.getRow(sheet.rowCount);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => last.getCell(c).value)).toEqual(['合计', 8, 2, 1, 5, 2, 3, 0.4]);
  });
});
