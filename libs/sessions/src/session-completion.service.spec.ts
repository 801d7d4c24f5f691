import { FAKE_EM, newTestService } from '@qf/testing';
import { SessionCompletionService } from './session-completion.service';
import { sessionsMocks } from '../../../test/unit-support/sessions-fakes';

function setup(state?: { status: 'draft' | 'published' | 'completed' | 'cancelled'; started?: boolean; version?: string }) {
  const { sut, mocks } = newTestService((m) => new SessionCompletionService(m.repo, m.attendance, m.reading), sessionsMocks());
  mocks.repo.lockForCompletion.mockResolvedValue(state && { unitId: 'unit-1', status: state.status, started: state.started ?? true, version: state.version ?? 'v1' });
  return { sut, mocks };
}

describe('SessionCompletionService', () => {
  it('completes a started published session: status, absences through attendance, discussion credit, in order', async () => {
    const { sut, mocks } = setup({ status: 'published' });
    const order: string[] = [];
    mocks.repo.markCompleted.mockImplementation(async () => void order.push('completed'));
    mocks.attendance.markExpectedAbsent.mockImplementation(async () => void order.push('absent'));
    mocks.reading.creditDiscussion.mockImplementation(async () => (order.push('credit'), 0));
    expect(await sut.complete('session-1', { actorId: 'organiser-1' })).toBe('completed');
    expect(order).toEqual(['completed', 'absent', 'credit']);
    expect(mocks.attendance.markExpectedAbsent).toHaveBeenCalledWith(FAKE_EM, 'session-1', 'organiser-1');
    expect(mocks.reading.creditDiscussion).toHaveBeenCalledWith(FAKE_EM, 'session-1');
  });

  it.each([
    [undefined, 'not_found'],
    [{ status: 'completed' as const }, 'already_completed'],
    [{ status: 'draft' as const }, 'not_published'],
    [{ status: 'cancelled' as const }, 'not_published'],
    [{ status: 'published' as const, started: false }, 'not_started'],
  ])('answers %j with %s and changes nothing', async (state, outcome) => {
    const { sut, mocks } = setup(state);
    expect(await sut.complete('session-1', { actorId: null })).toBe(outcome);
    expect(mocks.repo.markCompleted).not.toHaveBeenCalled();
    expect(mocks.attendance.markExpectedAbsent).not.toHaveBeenCalled();
  });

  it('ignores a finalize job of an endsAt that has since moved (stale), even before the start', async () => {
    const { sut, mocks } = setup({ status: 'published', version: 'v2', started: false });
    expect(await sut.complete('session-1', { actorId: null, version: 'v1' })).toBe('stale');
    expect(await sut.complete('session-1', { actorId: null, version: 'v2' })).toBe('not_started');
    expect(mocks.repo.markCompleted).not.toHaveBeenCalled();
  });

  it('lets the system (no actor) complete with the current version', async () => {
    const { sut, mocks } = setup({ status: 'published', version: 'v2' });
    expect(await sut.complete('session-1', { actorId: null, version: 'v2' })).toBe('completed');
    expect(mocks.attendance.markExpectedAbsent).toHaveBeenCalledWith(FAKE_EM, 'session-1', null);
  });
});
