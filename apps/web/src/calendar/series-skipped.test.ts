import { describe, expect, it } from 'vitest';
import { skippedRows } from './SeriesModal';

const session = (startsAt: string, title: string, extra: object = {}) => ({ startsAt, title, ...extra }) as never;

describe('weekly series: the dates left out, with their reasons', () => {
  it('lists the organiser’s skipped dates with their reasons and the api’s skipped sessions, by date', () => {
    const rows = skippedRows(
      [
        { date: '2026-12-25', reason: '支部换届选举' },
        { date: '2027-01-01', reason: ' ' },
      ],
      {
        created: [],
        skipped: [session('2026-12-18T07:00:00.000Z', '每周五集中学习', { reason: 'exists' }), { reason: 'holiday', date: '2026-10-02', startsAt: '2026-10-02T07:00:00.000Z', name: '国庆节' } as never],
      },
    );
    expect(rows).toEqual([
      { date: '2026-10-02', reason: '非工作日（国庆节）' },
      { date: '2026-12-18', reason: '该时间已有活动「每周五集中学习」，未重复创建' },
      { date: '2026-12-25', reason: '支部换届选举' },
      { date: '2027-01-01', reason: '手动跳过' },
    ]);
  });
});
