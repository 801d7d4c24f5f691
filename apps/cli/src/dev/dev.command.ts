import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { migrationDatabaseUrl, runMigrations } from '@qf/database';
import { DemoDataService } from '@qf/demo';
import { AdminBootstrapService, DEV_ADMIN_PASSWORD, UserRepository } from '@qf/identity';
import { EmbeddedPostgres, freePort, PrivateRedis } from '@qf/infra';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { devEnvFile, withContext } from '../cli-context';
import { projectDir } from '../project-dir';
import { printLogins } from './banner';
import { devSigningKeyFile, prepareDevDatabase } from './dev-database';
import { ManagedChild } from './child-process';

const DATABASE = 'qingfeng';
const truthy = (v?: string) => ['1', 'true', 'yes', 'on'].includes(String(v ?? '').toLowerCase());

/**
 * `npm start`: with DATABASE_URL / REDIS_URL unset, an embedded PostgreSQL and a private Redis
 * (data under .data/); migrations; the admin; the demo data once; then api and worker as child
 * processes until Ctrl-C, which stops them, then Redis, then PostgreSQL.
 */
export async function devCommand(): Promise<void> {
  const root = projectDir();
  const dataDir = join(root, '.data');
  mkdirSync(dataDir, { recursive: true });
  const servers: { pg?: EmbeddedPostgres; redis?: PrivateRedis } = {};
  const children: ManagedChild[] = [];
  let shuttingDown = false;

  const shutdown = async (code: number, why?: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (why) console.error(why);
    console.log('stopping…');
    await Promise.all(children.map((c) => c.stop()));
    await servers.redis?.stop().catch(() => undefined);
    await servers.pg?.stop().catch(() => undefined);
    rmSync(devEnvFile(), { force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  process.on('uncaughtException', (err) => void shutdown(1, `launcher error: ${err?.stack ?? err}`));
  process.on('unhandledRejection', (err) => void shutdown(1, `launcher error: ${(err as Error)?.stack ?? (err as string)}`));
  // Last resort if the launcher exits any other way: no api or worker outlives it.
  process.on('exit', () => children.forEach((c) => c.running && c.process.kill('SIGKILL')));

  try {
    process.env.NODE_ENV ??= 'development';
    const external = Boolean(process.env.DATABASE_URL);
    if (!process.env.DATABASE_URL) {
      console.log('starting embedded PostgreSQL (.data/postgres)…');
      servers.pg = new EmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), detached: true });
      for (const note of servers.pg.notes) console.log(`  note: ${note}`);
      await servers.pg.start();
      // Two roles: the owner migrates; the api and worker log in as a role that owns nothing.
      const roles = await prepareDevDatabase(servers.pg.url(), DATABASE, dataDir);
      if (roles.note) console.log(`  note: ${roles.note}`);
      process.env.DATABASE_URL = roles.appUrl;
      process.env.MIGRATION_DATABASE_URL = roles.migrationUrl;
    }
    if (!process.env.AUDIT_SIGNING_KEY && !process.env.AUDIT_SIGNING_KEY_FILE) process.env.AUDIT_SIGNING_KEY_FILE = devSigningKeyFile(dataDir);
    if (!process.env.REDIS_URL) {
      console.log(`starting private Redis (${PrivateRedis.systemBinary() ?? 'redis-memory-server'})…`);
      servers.redis = await new PrivateRedis({ dir: join(dataDir, 'redis'), detached: true }).start();
      process.env.REDIS_URL = servers.redis.url;
    }
    if (servers.pg || servers.redis) {
      writeFileSync(
        devEnvFile(),
        JSON.stringify({ DATABASE_URL: process.env.DATABASE_URL, MIGRATION_DATABASE_URL: process.env.MIGRATION_DATABASE_URL, REDIS_URL: process.env.REDIS_URL }),
        { mode: 0o600 },
      );
    }

    await runMigrations(migrationDatabaseUrl(process.env, (line) => console.log(`  ${line}`)), (line) => console.log(`  ${line}`));
    // Demo data by default on the embedded database, only with DEMO_DATA=1 on a given one.
    const wantDemo = external ? truthy(process.env.DEMO_DATA) : process.env.DEMO_DATA === undefined || truthy(process.env.DEMO_DATA);
    const setup = await withContext(async (ctx) => {
      const demo = ctx.get(DemoDataService);
      const demoLoaded = wantDemo ? (await demo.load()).loaded : false;
      const admin = await ctx.get(AdminBootstrapService).ensureAdmin();
      const config = ctx.get(ConfigService<Env, true>);
      const adminUnit = await ctx.get(UserRepository).unitNameOf(admin.username);
      return {
        adminUnit,
        demoLoaded,
        hasDemo: await demo.isLoaded(),
        logins: demo.logins(),
        admin,
        adminPassword: config.get('ADMIN_PASSWORD', { infer: true }) ?? DEV_ADMIN_PASSWORD,
        adminPasswordFromEnv: Boolean(process.env.ADMIN_PASSWORD),
      };
    });
    if (setup.demoLoaded) console.log('  demo data loaded');

    const port = await choosePort(Number(process.env.PORT ?? 3000));
    // Demo passwords are public: listen on this machine only, unless HOST says otherwise.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: process.env.HOST ?? '127.0.0.1' };
    const onExit = (child: ManagedChild, code: number | null, signal: NodeJS.Signals | null) => {
      const tail = existsSync(child.logFile) ? readFileSync(child.logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      void shutdown(1, `${child.name} exited unexpectedly (${signal ?? `code ${code}`}); last lines of ${child.logFile}:\n${tail}`);
    };
    const logs = join(dataDir, 'logs');
    children.push(new ManagedChild('api', join(root, 'dist/apps/api/src/main.js'), env, join(logs, 'api.log'), onExit));
    children.push(new ManagedChild('worker', join(root, 'dist/apps/worker/src/main.js'), env, join(logs, 'worker.log'), onExit));

    const url = `http://localhost:${port}`;
    await waitForHealth(`http://127.0.0.1:${port}/api/v1/health`, () => shuttingDown);
    if (shuttingDown) return;

    console.log('');
    console.log(`清风 Qingfeng is running (NODE_ENV=${process.env.NODE_ENV})`);
    console.log(`  Web app       ${url}/   (log in with a demo account below)`);
    console.log(`  API           ${url}/api/v1   (health: ${url}/api/v1/health)`);
    console.log(`  API docs      ${url}/api/docs`);
    console.log(`  Bull Board    ${url}/admin/queues   (admin token as Bearer header or qf_token cookie)`);
    console.log(`  database      ${servers.pg ? 'embedded PostgreSQL, data in .data/postgres' : 'DATABASE_URL'}; redis ${servers.redis ? 'private, .data/redis' : 'REDIS_URL'}`);
    console.log(`  logs          .data/logs/api.log, .data/logs/worker.log`);
    console.log('');
    const adminNote = setup.admin.created ? setup.adminUnit : `${setup.adminUnit ?? ''} (existed already: password as first set)`;
    const adminPassword = setup.adminPasswordFromEnv ? `${setup.adminPassword} (ADMIN_PASSWORD)` : setup.adminPassword;
    console.log('Logins:');
    printLogins(setup.hasDemo ? setup.logins : [], { username: setup.admin.username, password: adminPassword, note: adminNote });
    console.log('');
    console.log(`Try: curl -s ${url}/api/v1/auth/login -H 'content-type: application/json' -d '{"username":"${setup.admin.username}","password":"${setup.adminPassword}"}'`);
    console.log('Ctrl-C stops everything.');
  } catch (err) {
    await shutdown(1, `error: ${err?.message ?? err}`);
  }
}

/** `wanted` when nothing listens there, else a free port. */
async function choosePort(wanted: number): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(wanted, () => server.close(() => resolve(true)));
  });
  if (free) return wanted;
  const port = await freePort();
  console.log(`  port ${wanted} is busy; using ${port}`);
  return port;
}

async function waitForHealth(url: string, aborted: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!aborted()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (see .data/logs/)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
