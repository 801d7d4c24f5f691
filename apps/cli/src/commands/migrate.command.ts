import { runMigrations } from '@qf/database';
import { resolveMigrationDatabaseUrl } from '../cli-context';

export async function migrateCommand(): Promise<void> {
  const applied = await runMigrations(resolveMigrationDatabaseUrl(), (line) => console.log(line));
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
}
