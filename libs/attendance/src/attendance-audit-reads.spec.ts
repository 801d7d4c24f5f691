import { AttendanceRepository } from './attendance.repository';

/** The repository over a fake connection that records each statement and answers `rows`. */
function repoAnswering(rows: unknown[] = [{ sessions: 0, n: 0 }]) {
  const calls: { text: string; values: unknown[] }[] = [];
  const dataSource = {
    query: jest.fn(async (text: string, values: unknown[] = []) => {
      calls.push({ text: text.replace(/\s+/g, ' ').trim(), values });
      return rows;
    }),
  };
  return { repo: new AttendanceRepository(dataSource as never), calls };
}

const start = new Date('2026-11-30T16:00:00Z');
const end = new Date('2026-12-11T16:00:00Z');

describe('AttendanceRepository: the audit reads bind their range through the sql helper', () => {
  it('always restricts to completed sessions, and binds the unit subtree and the start range in order', async () => {
    const { repo, calls } = repoAnswering([{ sessions: 4 }]);
    await expect(repo.countCompletedSessions({ unitId: null, start: null, end: null })).resolves.toBe(4);
    await repo.countCompletedSessions({ unitId: 'u', start, end });
    expect(calls[0]).toEqual({ text: `SELECT count(*)::int AS sessions FROM sessions s WHERE s.status = 'completed'`, values: [] });
    expect(calls[1].text).toBe(
      `SELECT count(*)::int AS sessions FROM sessions s WHERE s.status = 'completed' AND s.unit_id IN (SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = $1) || '%') AND s.starts_at >= $2 AND s.starts_at < $3`,
    );
    expect(calls[1].values).toEqual(['u', start, end]);
  });

  it('numbers what follows the range filter after it (the repeat threshold)', async () => {
    const { repo, calls } = repoAnswering([]);
    await repo.repeatedAbsenceOrLate({ unitId: null, start, end: null }, 3);
    expect(calls[0].text).toContain(`WHERE s.status = 'completed' AND s.starts_at >= $1)`);
    expect(calls[0].text).toContain(`>= $2 OR count(*) FILTER (WHERE r.status = 'late') >= $3`);
    expect(calls[0].values).toEqual([start, 3, 3]);
  });

  it('pages the log with only the filters given, the same filter in its count', async () => {
    const { repo, calls } = repoAnswering([{ n: 9 }]);
    await expect(repo.logPage({ userId: 'u', end, limit: 50, offset: 100 })).resolves.toEqual({ items: [{ n: 9 }], total: 9 });
    const [rows, count] = calls;
    expect(rows.text).toContain('WHERE l.user_id = $1 AND l.at < $2 ORDER BY l.seq LIMIT $3 OFFSET $4');
    expect(rows.values).toEqual(['u', end, 50, 100]);
    expect(count).toEqual({ text: 'SELECT count(*)::float8 AS n FROM attendance_log l WHERE l.user_id = $1 AND l.at < $2', values: ['u', end] });
    await repo.logPage({ limit: 10, offset: 0 });
    expect(calls[3]).toEqual({ text: 'SELECT count(*)::float8 AS n FROM attendance_log l', values: [] });
  });

  it('writes the export query with the zone bound and the status labels as literals', () => {
    const { repo } = repoAnswering();
    const q = repo.exportRecordsQuery({ unitId: 'u', start: null, end: null }, 'Asia/Shanghai', { present: '出席', odd: "it's" });
    expect(q.text).toContain(`CASE r.status WHEN 'present' THEN '出席' WHEN 'odd' THEN 'it''s' ELSE r.status END`);
    expect(q.text).toContain('AT TIME ZONE $1');
    expect(q.text).toContain('WHERE id = $4)');
    expect(q.values).toEqual(['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Shanghai', 'u']);
  });
});
