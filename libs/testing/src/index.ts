/// <reference types="jest" />
/**
 * Fast service tests (immich's `newTestService` pattern): build a service with typed fakes of its
 * collaborators — repositories, the access policy, the outbox, config — and get `{ sut, mocks }`.
 * No database, no Nest container: a rule is tested in milliseconds.
 *
 *   const { sut, mocks } = newTestService((m) => new NotificationsService(m.repo), { repo: fake<NotificationRepository>() });
 *   mocks.repo.markRead.mockResolvedValue(false);
 *   await expect(sut.markRead('u', 'n')).rejects.toThrow(NotFoundError);
 *
 * Test-only: never import it from production code (import it as @qf/testing from specs only).
 */
import type { AuthUser } from '@qf/common';

type AnyFn = (...args: never[]) => unknown;

/** A fake of `T`: every method is a jest mock with `T`'s signature; other members are plain values. */
export type Fake<T> = {
  [K in keyof T]: T[K] extends AnyFn ? jest.Mock<ReturnType<T[K]>, Parameters<T[K]>> & T[K] : T[K];
} & T;

const NOT_MEMBERS = new Set<PropertyKey>(['then', 'asymmetricMatch', '$$typeof', 'nodeType', 'toJSON', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', '_isMockFunction']);

/** A function becomes a jest mock running it (so calls are recorded); a mock or a plain value stays as it is. */
const spied = (value: unknown): unknown =>
  typeof value === 'function' && !jest.isMockFunction(value) ? jest.fn(value as (...args: unknown[]) => unknown) : value;

/**
 * A fake whose methods spring into existence as `jest.fn()` on first access (returning undefined
 * unless told otherwise, so `await repo.save(…)` just works), so a test states only what matters to it.
 * `init` sets members up front: a function there becomes a mock with that behaviour, other values stay plain.
 */
export function fake<T extends object>(init: Partial<Record<keyof T, unknown>> = {}): Fake<T> {
  const members = new Map<PropertyKey, unknown>(Object.entries(init).map(([key, value]) => [key, spied(value)]));
  return new Proxy({} as Fake<T>, {
    get(_target, key) {
      if (!members.has(key)) {
        // Not a thenable (`await fake()` is the fake itself), and nothing jest's matchers and printer probe for.
        if (typeof key === 'symbol' || NOT_MEMBERS.has(key)) return undefined;
        members.set(key, jest.fn());
      }
      return members.get(key);
    },
    set(_target, key, value) {
      members.set(key, value);
      return true;
    },
  });
}

/** A ConfigService fake answering `get(key)` from `values` (typed `never`, so it fits any constructor slot). */
export function fakeConfig(values: Record<string, unknown>) {
  return fake<{ get(key: string, opts?: unknown): unknown }>({ get: jest.fn((key: string) => values[key]) }) as never;
}

/** An EntityManager-like token handed to repository methods inside a fake transaction. */
export const FAKE_EM = Object.freeze({ fake: 'entity-manager' }) as never;

/** `transaction(fn)` that runs `fn` at once with FAKE_EM (what a repository's `transaction` does, minus PostgreSQL). */
export const fakeTransaction = () => jest.fn(<R>(work: (em: never) => Promise<R>): Promise<R> => work(FAKE_EM));

/** A fake of a repository whose `transaction(work)` runs `work(FAKE_EM)` (see fakeTransaction). */
export function fakeRepository<T extends { transaction: AnyFn }>(init: Partial<Record<keyof T, unknown>> = {}): Fake<T> {
  return fake<T>({ transaction: fakeTransaction(), ...init });
}

/** The service under test and the fakes it was built with. */
export function newTestService<S, M extends Record<string, unknown>>(build: (mocks: M) => S, mocks: M): { sut: S; mocks: M } {
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
