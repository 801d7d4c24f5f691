import { newTestService, userOf } from '@qf/testing';
import { attendanceMocks } from '../../../test/unit-support/attendance-fakes';
import { MyAttendanceService } from './my-attendance.service';

describe('MyAttendanceService', () => {
  it('lists the caller’s records with their session and the make-up study read back (字数 by the one rule)', async () => {
    const { sut, mocks } = newTestService((m) => new MyAttendanceService(m.repo), attendanceMocks());
    const user = userOf('member');
    const at = new Date('2027-03-06T00:00:00Z');
    const startsAt = new Date('2027-03-05T07:00:00Z');
    const endsAt = new Date('2027-03-05T09:00:00Z');
    mocks.repo.myRecordsPage.mockResolvedValue({
      total: 7,
      rows: [{
        sessionId: 's', userId: user.id, displayName: '张三', status: 'absent', checkedInAt: null, madeUpAt: at, makeUpSummary: '学习 ab', updatedAt: at,
        session: { title: '周五学习', kind: 'friday_study', status: 'completed', location: null }, startsAt, endsAt,
      }],
    });
    const page = await sut.list(user, { limit: 1, offset: 0 });
    expect(mocks.repo.myRecordsPage).toHaveBeenCalledWith(user.id, { limit: 1, offset: 0 });
    expect(page.total).toBe(7);
    expect(page.items[0]).toEqual({
      sessionId: 's', userId: user.id, displayName: '张三', status: 'absent', checkedInAt: null, madeUpAt: at, updatedAt: at,
      makeUp: { summary: '学习 ab', charCount: 3, at },
      session: { title: '周五学习', kind: 'friday_study', status: 'completed', location: null, startsAt, endsAt },
    });
  });
});
