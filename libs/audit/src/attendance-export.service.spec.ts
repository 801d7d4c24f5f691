import { AuditScope } from './audit-scope';
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

describe('exportFileName', () => {
  it('carries the unit and the range, without characters a file name cannot hold', () => {
    expect(exportFileName(scope({ unitName: '第一党支部', from: '2026-12-01', to: '2026-12-31' }), 'csv')).toBe('考勤_第一党支部_2026-12-01_2026-12-31.csv');
    expect(exportFileName(scope({ unitName: 'a/b"c' }), 'xlsx')).toBe('考勤_a_b_c_起_至今.xlsx');
  });
});
