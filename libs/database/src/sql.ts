import sql, { bulk, empty, join, raw, Sql } from 'sql-template-tag';

/**
 * The one way repositories build SQL: a tagged template (`sql-template-tag`) that numbers the
 * placeholders itself, so no file hand-rolls `$${params.push(v)}` or offsets. Fragments nest:
 *
 *   const where = unitId ? sql`AND s.unit_id = ${unitId}` : empty;
 *   await many<SessionRow>(em, sql`SELECT … FROM sessions s WHERE s.status = ${status} ${where} ${page(limit, offset)}`);
 *
 * Set-based statements stay plain SQL (INSERT … SELECT, UNNEST of arrays, one GROUP BY).
 */
export { bulk, empty, join, raw, sql, Sql };

/** A DataSource, an EntityManager or a QueryRunner: anything that runs `query(text, values)`. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** Rows of a SELECT (or of an INSERT/DELETE … RETURNING). */
export async function many<T>(db: Queryable, q: Sql): Promise<T[]> {
  return (await db.query(q.text, q.values)) as T[];
}

/** The first row, or undefined. */
export async function one<T>(db: Queryable, q: Sql): Promise<T | undefined> {
  return (await many<T>(db, q))[0];
}

/**
 * Rows of an UPDATE … RETURNING. TypeORM's postgres driver answers a bare UPDATE with
 * `[rows, affectedCount]` instead of the rows, unlike SELECT/INSERT/DELETE.
 */
export async function updated<T>(db: Queryable, q: Sql): Promise<T[]> {
  const result: unknown = await db.query(q.text, q.values);
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}

/** `LIMIT … OFFSET …` of a paginated list. */
export function page(limit: number, offset: number): Sql {
  return sql`LIMIT ${limit} OFFSET ${offset}`;
}

/** `= ANY(array)`: one bind parameter whatever the list's length (never past 65,535 parameters). */
export function anyOf(values: readonly unknown[], cast = 'uuid'): Sql {
  return sql`= ANY(${values}::${raw(cast)}[])`;
}

/** PostgreSQL error codes the code base reacts to (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PgErrorCode = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  lockNotAvailable: '55P03',
  queryCanceled: '57014',
} as const;

/** The SQLSTATE of a pg error, whether TypeORM wrapped it (QueryFailedError.driverError) or not. */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { driverError?: { code?: unknown }; code?: unknown } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export const isUniqueViolation = (err: unknown): boolean => pgErrorCode(err) === PgErrorCode.uniqueViolation;

/**
 * A text fragment built around placeholders (such as `peopleOfUnit(unitId)` in @qf/identity, which
 * takes the SQL text of each value) as a nestable Sql with those values bound:
 * `sql\`… IN (${bound(subtreeUnitIds, unitId)})\``.
 */
export function bound(fragmentOf: (...placeholders: string[]) => string, ...values: unknown[]): Sql {
  const text = fragmentOf(...values.map((_, i) => `\u0000${i}\u0000`));
  /* eslint-disable no-control-regex -- NUL characters mark the placeholders */
  const parts = text.split(/\u0000\d+\u0000/);
  const order = [...text.matchAll(/\u0000(\d+)\u0000/g)].map((m) => values[Number(m[1])]);
  /* eslint-enable no-control-regex */
  return new Sql(parts, order);
}

/**
 * A page and its total, in parallel: `rows` selects the page (with its `page(limit, offset)`),
 * `count` is `SELECT count(*)::int AS total FROM … WHERE <the same filter>`.
 */
export async function pageWithTotal<T>(db: Queryable, rows: Sql, count: Sql): Promise<{ items: T[]; total: number }> {
  const [items, counted] = await Promise.all([many<T>(db, rows), one<{ total: number }>(db, count)]);
  return { items, total: counted?.total ?? 0 };
}
