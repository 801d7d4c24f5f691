import { AuditScope, completedSessionsFilter } from './audit-scope';
import { exportFileName } from './attendance-export.service';

const scope = (over: Partial<AuditScope> = {}): AuditScope => ({
  unitId: null,
  unitName: null,
  from: null,
  to: null,
  start: null,
  end: null,
  zone: 'Asia/Shanghai',
  ...over,
});

describe('completedSessionsFilter', () => {
  it('always restricts to completed sessions and numbers its parameters from the given one', () => {
    expect(completedSessionsFilter(scope())).toEqual({ sql: `s.status = 'completed'`, params: [] });
    const start = new Date('2026-11-30T16:00:00Z');
    const end = new Date('2026-12-11T16:00:00Z');
    const f = completedSessionsFilter(scope({ unitId: 'u', start, end }), 3);
    expect(f.params).toEqual(['u', start, end]);
    expect(f.sql).toContain('$3');
    expect(f.sql).toContain('s.starts_at >= $4');
    expect(f.sql).toContain('s.starts_at < $5');
  });
});

describe('exportFileName', () => {
  it('carries the unit and the range, without characters a file name cannot hold', () => {
    expect(exportFileName(scope({ unitName: '第一党支部', from: '2026-12-01', to: '2026-12-31' }), 'csv')).toBe('考勤_第一党支部_2026-12-01_2026-12-31.csv');
    expect(exportFileName(scope({ unitName: 'a/b"c' }), 'xlsx')).toBe('考勤_a_b_c_起_至今.xlsx');
  });
});
