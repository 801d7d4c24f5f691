import type { AuthUser } from '@qf/common';
import type { AccessPolicy } from '@qf/identity';
import { fake, fakeRepository } from '@qf/testing';
import { SessionAccess, type AttendanceRecordView, type AttendanceRepository, type AttendanceSession } from '@qf/attendance';

/** An access policy that reads everything for admins and auditors, and sees and manages as told (default: yes). */
export function policyFake(opts: { canSee?: boolean; manages?: boolean } = {}) {
  return fake<AccessPolicy>({
    readsEverything: (user: AuthUser) => user.role === 'admin' || user.role === 'auditor',
    canSeeSession: async () => opts.canSee ?? true,
    manages: async () => opts.manages ?? true,
  });
}

/** The collaborators every attendance service has: its repository, the access policy, and the real SessionAccess over both. */
export function attendanceMocks(opts: { canSee?: boolean; manages?: boolean } = {}) {
  const repo = fakeRepository<AttendanceRepository>();
  const policy = policyFake(opts);
  const access = new SessionAccess(repo, policy);
  return { repo, policy, access };
}

export function sessionOf(over: Partial<AttendanceSession> = {}): AttendanceSession {
  return {
    id: 'session-1',
    unitId: 'unit-1',
    title: '周五集中学习',
    status: 'published',
    startsAt: new Date('2027-03-05T07:00:00Z'),
    endsAt: new Date('2027-03-05T09:00:00Z'),
    ...over,
  };
}

export function recordOf(over: Partial<AttendanceRecordView> = {}): AttendanceRecordView {
  return {
    sessionId: 'session-1',
    userId: 'user-1',
    displayName: '张三',
    status: 'expected',
    checkedInAt: null,
    madeUpAt: null,
    makeUp: null,
    updatedAt: new Date('2027-03-01T00:00:00Z'),
    ...over,
  };
}
