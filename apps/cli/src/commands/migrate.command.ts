import { runMigrations } from '@qf/database';
import { resolveDatabaseUrl } from '../cli-context';

export async function migrateCommand(): Promise<void> {
  const applied = await runMigrations(resolveDatabaseUrl(), (line) => console.log(line));
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
}
