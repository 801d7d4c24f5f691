import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed } from '../support/seed';
import { eventually } from '../support/wait-for-queues';
import { addPeople, addUnit, createAssignment, waitOpen } from './reflection-fixtures';

jest.setTimeout(90_000);

/** A worker stopped half-way through a fan-out: the next one resumes from the committed cursor. */
describe('reflection fan-out resumes after the worker dies (e2e)', () => {
  let t: TestApp;
  let seed: Seed;

  beforeAll(async () => {
    // 100 people a chunk and a pause between chunks, so that the worker can be stopped mid-way.
    t = await createTestApp({ worker: true, env: { REFLECTION_FANOUT_CHUNK: '100', REFLECTION_FANOUT_PAUSE_MS: '1000' } });
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('completes after a restart with exactly one task and one notification per person', async () => {
    const unit = await addUnit(t, seed.units.branchA, '续传支部');
    await addPeople(t, unit, 450, 'resume_');
    const id = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [unit] } });
    const tasks = async () => (await t.db.query(`SELECT count(*)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [id]))[0].n as number;
    await eventually(async () => (await tasks()) >= 100, 30_000);
    await t.stopWorker();
    const [stopped] = await t.db.query(`SELECT status, fanout_cursor FROM reflection_assignments WHERE id = $1`, [id]);
    const done = await tasks();
    expect(stopped.status).toBe('dispatching');
    expect(stopped.fanout_cursor).not.toBeNull();
    expect(done).toBeLessThan(450);
    expect(done % 100).toBe(0); // whole chunks only: each is one transaction
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await tasks()).toBe(done); // nothing moves without a worker

    await t.startWorker();
    await waitOpen(t, id, 60_000);
    expect(await tasks()).toBe(450);
    const [n] = await t.db.query(`SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS people FROM notifications WHERE event_key = $1`, [
      `reflection_assigned:${id}`,
    ]);
    expect(n).toEqual({ n: 450, people: 450 });
  });
});
