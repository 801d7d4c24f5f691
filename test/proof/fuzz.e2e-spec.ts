import fc from 'fast-check';
import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed, Caller } from '../support/seed';
import { ApiRoute, apiRoutes, bodyProperties, fillPath } from '../support/routes';

/**
 * Property: nothing a client sends yields a 5xx. Random JSON bodies (and bodies built from each
 * operation's own field names with random values), random query strings and random path ids go
 * to every route the app registers, as an admin, an organiser and a member.
 */
describe('bad-input fuzzing: no 5xx from any route (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let routes: ApiRoute[];
  let doc: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    ({ routes, doc } = await apiRoutes(t));
  });
  afterAll(() => t.close());

  const callers: Caller[] = ['admin', 'organiserA', 'memberA'];
  const scalar = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('', ' ', '0', '-1', '1e309', 'null', 'true', '2026-02-30', '25:61', '\u0000', '中文', 'a'.repeat(3000)),
  );
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }));

  it('answers every fuzzed request with a status below 500', async () => {
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of routes) {
      const fields = bodyProperties(doc, route.operation);
      const queryNames = (route.operation.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name as string);
      const body = fc.oneof(
        fc.jsonValue(),
        fields.length ? fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }) : fc.object(),
      );
      const query = fc.dictionary(fc.constantFrom(...queryNames, 'limit', 'offset', 'x'), fc.oneof(fc.string(), fc.integer().map(String)), { maxKeys: 4 });
      const pathId = fc.oneof(fc.uuid(), fc.string({ minLength: 1 }), fc.constantFrom(seed.users.memberA.id, seed.units.branchA, '0', '..', '%00'));
      // A failed property (a 5xx, a request that threw, a crashed api) is recorded with fast-check's
      // counterexample and fails the test below; every route still gets its run.
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...callers), body, query, pathId, async (caller, b, q, id) => {
          const url = fillPath(route.path, () => id);
          let req = t.http()[route.method](url).set('Authorization', seed.auth(caller)).query(q);
          if (route.method !== 'get' && route.method !== 'delete') req = req.set('Content-Type', 'application/json').send(JSON.stringify(b));
          const res = await req;
          if (res.status >= 500) failures.push(`${route.method.toUpperCase()} ${url} as ${caller} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)} body=${JSON.stringify(b).slice(0, 200)}`);
          return res.status < 500;
        }),
        { numRuns: 12, seed: 20261127 },
      ).catch((err: Error) => failures.push(`${route.method.toUpperCase()} ${route.path}: ${err.message.slice(0, 1500)}`));
    }
    expect(failures).toEqual([]);
  });
});
