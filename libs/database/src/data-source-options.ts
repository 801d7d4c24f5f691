import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Server-side limits set on every connection of a pool (0 = none). */
export interface ConnectionTimeouts {
  /** statement_timeout: a statement running (or waiting for a lock) longer is cancelled. */
  statementMs: number;
  /** idle_in_transaction_session_timeout: a session idling inside a transaction longer is ended. */
  idleInTransactionMs: number;
}

export function dataSourceOptions(url: string, poolSize = 20, timeouts?: ConnectionTimeouts, applicationName = 'qingfeng'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      application_name: applicationName,
      // Sent in the startup packet, so they hold on every connection from its first statement.
      ...(timeouts && { statement_timeout: timeouts.statementMs, idle_in_transaction_session_timeout: timeouts.idleInTransactionMs }),
      // A connection the server ends (restart, failover, pg_terminate_backend) while it is checked
      // out emits 'error' on the client; without a listener that would crash the process. The query
      // running on it fails on its own and the pool drops the connection.
      onConnect: (client: { on(event: 'error', listener: () => void): void }) => client.on('error', () => undefined),
    },
  };
}

/** Runs pending migrations against `url` and closes the connection. Safe to run from several processes at once. */
export async function runMigrations(url: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(url, 2), migrationsTransactionMode: 'each' });
  await ds.initialize();
  try {
    // One migrator at a time across processes (api, worker and a migrate job may start together).
    await ds.query('SELECT pg_advisory_lock(7263001)');
    const applied = await ds.runMigrations();
    for (const m of applied) log(`applied migration ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock(7263001)').catch(() => undefined);
    await ds.destroy();
  }
}
