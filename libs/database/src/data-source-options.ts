import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
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
      application_name: 'qingfeng',
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
