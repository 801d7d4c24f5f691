/**
 * Fast service tests without a database (immich's `newTestService` pattern): build the service
 * under test with typed fakes of its collaborators and get `{ sut, mocks }` back.
 *
 *   const { sut, mocks } = newTestService({ repo: fake<AttendanceRepository>() }, (m) => new MyService(m.repo));
 *   mocks.repo.findRecord.mockResolvedValue(record);
 *
 * A fake answers every method with a fresh `jest.fn()` (undefined until told otherwise); pass
 * `impl` to give some methods a real behaviour. Repositories' `transaction(work)` runs `work` with
 * FAKE_EM unless a test says otherwise (see fakeRepository).
 */
import type { AuthUser } from '@qf/common';
import type { EntityManager } from 'typeorm';

export type Fake<T> = jest.Mocked<T>;

export function fake<T extends object>(impl: Partial<T> = {}): Fake<T> {
  const fns = new Map<PropertyKey, jest.Mock>();
  return new Proxy(impl, {
    get(target, prop) {
      if (prop === 'then') return undefined; // not a thenable
      if (!fns.has(prop)) {
        const own = (target as Record<PropertyKey, unknown>)[prop];
        fns.set(prop, typeof own === 'function' ? jest.fn(own as (...args: unknown[]) => unknown) : jest.fn());
      }
      return fns.get(prop);
    },
  }) as Fake<T>;
}

/** The transaction a fake repository hands to `work`. */
export const FAKE_EM = { fake: 'entity manager' } as unknown as EntityManager;

/** A fake of a repository whose `transaction(work)` runs `work(FAKE_EM)`. */
export function fakeRepository<T extends { transaction<R>(work: (em: EntityManager) => Promise<R>): Promise<R> }>(impl: Partial<T> = {}): Fake<T> {
  return fake<T>({ transaction: (work: (em: EntityManager) => Promise<unknown>) => work(FAKE_EM), ...impl });
}

/** A ConfigService fake reading from `values`. */
export function fakeConfig<V extends Record<string, unknown>>(values: V) {
  return { get: jest.fn((key: keyof V) => values[key]) } as never;
}

export function newTestService<M extends Record<string, unknown>, S>(mocks: M, build: (mocks: M) => S): { sut: S; mocks: M } {
  return { sut: build(mocks), mocks };
}

let seq = 0;
/** A caller of the given role (ids unique per call). */
export function userOf(role: AuthUser['role'] = 'member', over: Partial<AuthUser> = {}): AuthUser {
  seq++;
  return { id: `user-${seq}`, username: `u${seq}`, displayName: `用户${seq}`, role, unitId: 'unit-1', ...over };
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** A pg error as TypeORM wraps it (QueryFailedError.driverError.code). */
export function pgError(code: string): Error {
  return Object.assign(new Error(`pg ${code}`), { driverError: { code } });
}
