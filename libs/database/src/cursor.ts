import { raw, Sql, sql } from './sql';

/**
 * Server-side cursors (inside a transaction), for reads too large to hold: a repository writes the
 * query, the reader declares it and fetches batches. `name` is an identifier the code writes
 * (letters, digits, underscores), never input.
 */
function cursorName(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`not a cursor name: ${name}`);
  return raw(name);
}

/** `DECLARE name NO SCROLL CURSOR FOR <query>`, the query's values bound. */
export function declareCursor(name: string, query: Sql): Sql {
  return sql`DECLARE ${cursorName(name)} NO SCROLL CURSOR FOR ${query}`;
}

/** `FETCH count FROM name` (FETCH takes no bind parameters: `count` is written in). */
export function fetchFrom(name: string, count: number): Sql {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`not a fetch size: ${count}`);
  return sql`FETCH ${raw(String(count))} FROM ${cursorName(name)}`;
}

export function closeCursor(name: string): Sql {
  return sql`CLOSE ${cursorName(name)}`;
}
