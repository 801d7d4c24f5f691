import type { Response } from 'supertest';
import { apiRoutes, fillPath } from '../support/routes';
import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { buildMatrixFixtures, MatrixFixtures } from './authorization-fixtures';
import { CORE_CALLERS, MatrixCaller, matrixRows, objectScopeRows, Row, runOrder } from './authorization-rows';

/**
 * The authorisation matrix (issue 8): every endpoint the app registers, called as every kind of
 * caller — a member of the unit that owns the object (memberA, branchA), a member of a sibling unit
 * (memberB, branchB), the unit's organiser (organiserA), a sibling unit's organiser (organiserB), an
 * auditor, an admin and no token — with the status API.md promises. All objects belong to branchA.
 * Some rows add object-level callers (memberA1 in branchA's group, memberDept in the parent unit):
 * another person's task, leave request, notification and progress are 404 (or absent) to them.
 *
 * The table lives in authorization-rows.ts; the first test fails when the app registers a route
 * the table has no row for, or the table names a route the app does not register.
 *
 * A second table (objectScopeRows) holds multi-unit objects — an assignment whose audience spans the
 * sibling units branchA and branchB, called also by organiserDept, the organiser of their common
 * ancestor — and own records (nobody but an admin approves themselves).
 */
describe('authorisation matrix (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let fx: MatrixFixtures;
  let rows: Row[];
  let scopeRows: Row[];

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
    fx = await buildMatrixFixtures(t, seed);
    rows = matrixRows(t, seed, fx);
    scopeRows = objectScopeRows(t, seed, fx);
  });
  afterAll(() => t?.close());

  it('has exactly one row per registered route', async () => {
    const { routes } = await apiRoutes(t);
    const registered = new Set(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    const inTable = rows.map((r) => r.route);
    const duplicates = inTable.filter((k, i) => inTable.indexOf(k) !== i);
    expect({
      withoutRow: [...registered].filter((k) => !inTable.includes(k)).sort(),
      notRegistered: inTable.filter((k) => !registered.has(k)).sort(),
      duplicates,
    }).toEqual({ withoutRow: [], notRegistered: [], duplicates: [] });
    expect(scopeRows.map((r) => r.route).filter((k) => !registered.has(k))).toEqual([]);
    for (const row of [...rows, ...scopeRows]) {
      for (const caller of CORE_CALLERS) expect({ route: row.route, caller, has: row.expect[caller] !== undefined }).toEqual({ route: row.route, caller, has: true });
    }
  });

  // Before the main table: its last row changes every seeded caller's password (and ends their tokens).
  it('scopes multi-unit objects to their people’s units, and lets nobody but an admin approve themselves', async () => {
    expect(await wrongAnswers(scopeRows)).toEqual([]);
  });

  it('answers every route as every kind of caller with the status API.md promises', async () => {
    expect(await wrongAnswers(rows)).toEqual([]);
  });

  /** Every row as every caller it names: the statuses and checks that came out wrong. */
  async function wrongAnswers(table: Row[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const row of table) {
      for (const caller of runOrder(row.expect)) {
        const expected = row.expect[caller]!;
        const res = await send(row, caller);
        if (res.status !== expected) {
          wrong.push(`${row.route} as ${caller}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body ?? res.text).slice(0, 160)}`);
          continue;
        }
        // "Auditors change nothing": refused by role, so whatever the body — never a 400 first.
        if (caller === 'auditor' && expected === 403 && !row.route.startsWith('GET ')) {
          const empty = await send(row, caller, {});
          if (empty.status !== 403) wrong.push(`${row.route} as auditor with body {}: expected 403, got ${empty.status} ${JSON.stringify(empty.body).slice(0, 160)}`);
        }
        try {
          if (res.status < 300) await row.check?.(caller, res);
        } catch (err) {
          wrong.push(`${row.route} as ${caller}: ${String((err as Error).message ?? err).split('\n').slice(0, 6).join(' ')}`);
        }
      }
    }
    return wrong;
  }

  /** One request as `caller`; `body` replaces the row's body (and CSV). */
  async function send(row: Row, caller: MatrixCaller, body?: object): Promise<Response> {
    const [method, path] = row.route.split(' ') as [string, string];
    const made = (await row.call?.(caller)) ?? {};
    const call = body ? { ...made, body, csv: undefined } : made;
    const url = fillPath(path, (name) => {
      const v = call.params?.[name];
      if (v === undefined) throw new Error(`${row.route}: no value for {${name}}`);
      return v;
    });
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
    if (caller !== 'anon') req = req.set('Authorization', caller === 'organiserDept' ? fx.organiserDeptAuth : seed.auth(caller));
    if (call.query) req = req.query(call.query);
    if (call.csv !== undefined) return req.set('Content-Type', 'text/csv').send(call.csv);
    if (call.body !== undefined) return req.send(call.body as object);
    return req;
  }
});
