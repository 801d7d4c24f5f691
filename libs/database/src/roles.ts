import { Client } from 'pg';

/** The role that owns nothing and holds the api's and worker's DML grants (AppRole1764202810000); login roles are members of it. */
export const APP_ROLE = 'qingfeng_app';

/** Tables the app may only SELECT and INSERT (their triggers refuse UPDATE, DELETE and TRUNCATE even to the owner). */
export const APPEND_ONLY_TABLES = ['attendance_log', 'attendance_log_seals', 'audit_access_log', 'dossier_access_log'] as const;

/** `url` with another user and password. */
export function withCredentials(url: string, user: string, password?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/**
 * The URL migrations run with: MIGRATION_DATABASE_URL (the tables' owner), else DATABASE_URL with a
 * warning — old setups where the api itself connects as the owner keep working.
 */
export function migrationDatabaseUrl(env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = (l) => console.warn(l)): string {
  if (env.MIGRATION_DATABASE_URL) return env.MIGRATION_DATABASE_URL;
  if (!env.DATABASE_URL) throw new Error('MIGRATION_DATABASE_URL (or DATABASE_URL) is not set');
  warn(
    'warning: MIGRATION_DATABASE_URL is not set; migrating as DATABASE_URL. Run the api and the worker as a role that owns nothing ' +
      `(a member of ${APP_ROLE}) and migrations as the owner: see README, "Database roles".`,
  );
  return env.DATABASE_URL;
}

const ignoreRace = (err: { code?: string }) => {
  // Parallel runs against one server: another process created the role first.
  if (err.code !== '42710' && err.code !== '23505') throw err;
};

/**
 * As a role with CREATEROLE (normally a superuser): makes sure the NOLOGIN role `qingfeng_app`
 * exists and that `login` is a login role, member of it, with `password`. Roles belong to the
 * server, not a database: safe to call from several processes at once.
 */
export async function ensureAppLogin(adminUrl: string, login: string, password: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const exists = async (name: string) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount! > 0;
    if (!(await exists(APP_ROLE))) await c.query(`CREATE ROLE ${APP_ROLE} NOLOGIN`).catch(ignoreRace);
    const name = c.escapeIdentifier(login);
    if (!(await exists(login))) await c.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`).catch(ignoreRace);
    await c.query(`ALTER ROLE ${name} PASSWORD ${c.escapeLiteral(password)}`);
    await c.query(`GRANT ${APP_ROLE} TO ${name}`).catch(ignoreRace);
  } finally {
    await c.end();
  }
}

/**
 * As a superuser: makes sure `owner` is a login role with `password` that may create databases'
 * contents it owns (no superuser). Used by `npm start` on its embedded server.
 */
export async function ensureOwnerLogin(adminUrl: string, owner: string, password: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const name = c.escapeIdentifier(owner);
    const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [owner]);
    if (!rowCount) await c.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`).catch(ignoreRace);
    await c.query(`ALTER ROLE ${name} PASSWORD ${c.escapeLiteral(password)}`);
  } finally {
    await c.end();
  }
}
