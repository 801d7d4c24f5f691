import { QueryFailedError } from 'typeorm';
import { anyOf, bound, empty, isUniqueViolation, many, page, pageWithTotal, pgErrorCode, sql, updated } from './sql';

describe('sql helper', () => {
  it('numbers placeholders across nested fragments', () => {
    const unitId = 'u1';
    const where = sql`AND s.unit_id = ${unitId}`;
    const q = sql`SELECT 1 FROM sessions s WHERE s.status = ${'published'} ${where} ${empty} ${page(50, 100)}`;
    expect(q.text).toBe('SELECT 1 FROM sessions s WHERE s.status = $1 AND s.unit_id = $2  LIMIT $3 OFFSET $4');
    expect(q.values).toEqual(['published', 'u1', 50, 100]);
  });

  it('passes a list as one array parameter', () => {
    const q = sql`SELECT 1 WHERE id ${anyOf(['a', 'b'])}`;
    expect(q.text).toBe('SELECT 1 WHERE id = ANY($1::uuid[])');
    expect(q.values).toEqual([['a', 'b']]);
  });

  it('runs a query with text and values', async () => {
    const calls: unknown[][] = [];
    const db = { query: async (text: string, values?: unknown[]) => (calls.push([text, values]), [{ n: 1 }]) };
    await expect(many<{ n: number }>(db, sql`SELECT ${1}::int AS n`)).resolves.toEqual([{ n: 1 }]);
    expect(calls).toEqual([['SELECT $1::int AS n', [1]]]);
  });

  it('unwraps the [rows, count] TypeORM returns for UPDATE', async () => {
    const db = { query: async () => [[{ id: 'x' }], 1] };
    await expect(updated(db, sql`UPDATE t SET a = 1 RETURNING id`)).resolves.toEqual([{ id: 'x' }]);
  });

  it('reads the SQLSTATE of wrapped and bare pg errors', () => {
    const bare = Object.assign(new Error('duplicate key'), { code: '23505' });
    const wrapped = new QueryFailedError('INSERT', [], bare);
    expect(pgErrorCode(bare)).toBe('23505');
    expect(isUniqueViolation(wrapped)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });
});

describe('bound', () => {
  it('binds the values of a placeholder-text fragment, in any order and repeated', () => {
    const q = sql`SELECT 1 WHERE a = ${'x'} AND b IN (${bound((u: string, v: string) => `SELECT ${u}, ${v}, ${u}`, 'U', 'V')})`;
    expect(q.text).toBe('SELECT 1 WHERE a = $1 AND b IN (SELECT $2, $3, $4)');
    expect(q.values).toEqual(['x', 'U', 'V', 'U']);
  });
});


describe('pageWithTotal', () => {
  it('runs the page and its count and returns both', async () => {
    const db = { query: async (text: string) => (text.startsWith('SELECT count') ? [{ total: 7 }] : [{ id: 'a' }]) };
    await expect(pageWithTotal(db, sql`SELECT id FROM t ${page(1, 0)}`, sql`SELECT count(*)::int AS total FROM t`)).resolves.toEqual({ items: [{ id: 'a' }], total: 7 });
  });
});
