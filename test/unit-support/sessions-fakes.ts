import { SessionAccess, type AttendanceRepository } from '@qf/attendance';
import type { UnitsService } from '@qf/identity';
import type { OutboxService } from '@qf/queue';
import type { ReadingCreditService } from '@qf/reading';
import { fake, fakeConfig, fakeRepository } from '@qf/testing';
import { policyFake } from './attendance-fakes';
import type { LockedSession, SessionCompletionService, SessionFinalizeScheduler, SessionMenuService, SessionRepository, SessionView } from '@qf/sessions';

/** Fakes of everything SessionsService works with; SessionAccess is the real one over a fake policy. */
export function sessionsMocks(opts: { canSee?: boolean; manages?: boolean } = {}) {
  const attendance = fakeRepository<AttendanceRepository>();
  const policy = policyFake(opts);
  return {
    policy,
    access: new SessionAccess(attendance, policy),
    units: fake<UnitsService>(),
    repo: fakeRepository<SessionRepository>(),
    attendance,
    menus: fake<SessionMenuService>(),
    outbox: fake<OutboxService>(),
    finalize: fake<SessionFinalizeScheduler>(),
    completion: fake<SessionCompletionService>(),
    reading: fake<ReadingCreditService>(),
    config: fakeConfig({ ORG_TIMEZONE: 'Asia/Shanghai', FINALIZE_DELAY_SECONDS: 60 }),
  };
}

export function lockedOf(over: Partial<LockedSession> = {}): LockedSession {
  return {
    id: 'session-1',
    unitId: 'unit-1',
    kind: 'friday_study',
    status: 'draft',
    title: '周五集中学习',
    startsAt: new Date('2027-03-05T07:00:00Z'),
    endsAt: new Date('2027-03-05T09:00:00Z'),
    location: '三楼会议室',
    menuId: null,
    ...over,
  };
}

export function viewOf(over: Partial<SessionView> = {}): SessionView {
  const { unitId, kind, status, title, startsAt, endsAt, location, menuId, id } = lockedOf();
  return {
    id, unitId, kind, status, title, startsAt, endsAt, location, menuId,
    seriesId: null, cancelReason: null, publishedAt: null, completedAt: null, menu: [],
    counts: { expected: 0, present: 0, late: 0, excused: 0, absent: 0 },
    ...over,
  };
}
