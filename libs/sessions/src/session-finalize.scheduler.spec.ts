import { jobId, JobName, OutboxService } from '@qf/queue';
import { fake, FAKE_EM, newTestService } from '@qf/testing';
import { sessionsMocks } from '../../../test/unit-support/sessions-fakes';
import { SessionFinalizeScheduler } from './session-finalize.scheduler';

function setup() {
  const base = sessionsMocks();
  return newTestService((m) => new SessionFinalizeScheduler(m.repo, m.outbox, m.config), { repo: base.repo, outbox: fake<OutboxService>(), config: base.config });
}

describe('SessionFinalizeScheduler', () => {
  it('schedules the finalize job versioned by endsAt, to run at endsAt + the delay', async () => {
    const { sut, mocks } = setup();
    const runAt = new Date('2027-03-05T09:01:00Z');
    mocks.repo.finalizeRun.mockResolvedValue({ version: '1804'.padEnd(16, '0'), runAt });
    await sut.schedule(FAKE_EM, 'session-1');
    expect(mocks.repo.finalizeRun).toHaveBeenCalledWith(FAKE_EM, 'session-1', 60);
    expect(mocks.outbox.add).toHaveBeenCalledWith(FAKE_EM, { name: JobName.SessionFinalize, payload: { sessionId: 'session-1', version: '1804'.padEnd(16, '0') } }, runAt);
  });

  it('schedules nothing for a session that does not exist', async () => {
    const { sut, mocks } = setup();
    await sut.schedule(FAKE_EM, 'nope');
    expect(mocks.outbox.add).not.toHaveBeenCalled();
  });

  it('sweeps due sessions, leaving jobs still pending in the outbox alone', async () => {
    const { sut, mocks } = setup();
    mocks.repo.dueForFinalize.mockResolvedValueOnce([{ id: 'a', version: '1' }, { id: 'b', version: '2' }]);
    const pending = jobId({ name: JobName.SessionFinalize, payload: { sessionId: 'a', version: '1' } });
    mocks.outbox.pendingJobIds.mockResolvedValue(new Set([pending]));
    expect(await sut.enqueueDue()).toBe(1);
    expect(mocks.outbox.add).toHaveBeenCalledWith(undefined, [{ name: JobName.SessionFinalize, payload: { sessionId: 'b', version: '2' } }]);
    expect(mocks.repo.dueForFinalize).toHaveBeenCalledWith(60, '00000000-0000-0000-0000-000000000000', 1000);
  });
});
