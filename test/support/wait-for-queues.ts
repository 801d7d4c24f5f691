import type { TestApp } from './test-app';

/**
 * Waits until every piece of due work has run: no outbox row that is due and not done. The outbox
 * is the source of truth for pending work (the queue only wakes workers), so this is exact.
 */
export async function waitForQueuesDrained(t: TestApp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL AND run_at <= now()`);
    if (n === 0) return;
    if (Date.now() > deadline) {
      const pending = await t.db.query(
        `SELECT job_id, relayed_at IS NOT NULL AS relayed, run_at FROM outbox WHERE done_at IS NULL AND run_at <= now() ORDER BY id LIMIT 5`,
      );
      throw new Error(`queues not drained after ${timeoutMs} ms: ${n} job(s) pending: ${JSON.stringify(pending)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `probe` until it returns a truthy value. */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
