import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../libs/database/src/data-source-options';
import { ensureAppLogin } from '../../libs/database/src/roles';
import { EmbeddedPostgres } from '../../libs/infra/src';

/**
 * Once per `npm test`: a PostgreSQL server (TEST_DATABASE_URL's, else a private embedded one) and a
 * fresh template database with every migration applied. Each test file then gets its own database
 * copied from the template, and its own private Redis.
 */
export default async function globalSetup(): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'qf-test-'));
  // mkdtemp makes the directory private; PostgreSQL runs as the OS user postgres and must enter it
  // (else its data would go elsewhere and outlive the run).
  chmodSync(runDir, 0o755);
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const pg = await new EmbeddedPostgres({ dataDir: join(runDir, 'pg'), fast: true }).start();
    (globalThis as { __QF_PG__?: EmbeddedPostgres }).__QF_PG__ = pg;
    serverUrl = pg.url();
  }
  const template = `qf_template_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = withDatabase(serverUrl, template);
  await runMigrations(templateUrl);
  // The api and the worker of every e2e test log in as a member of qingfeng_app (owns nothing, DML
  // only), as in production: the whole suite proves the grants suffice. Tests that play the
  // attacker with the owner's password use TestApp.owner.
  await ensureAppLogin(serverUrl, TEST_APP_LOGIN.user, TEST_APP_LOGIN.password);
  // One checkpoint signing key for the run: the api and the worker of a test sign with the same key.
  const signingKeyFile = join(runDir, 'audit-signing-key.pem');
  writeFileSync(signingKeyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  const info = { serverUrl, template, runDir, appLogin: TEST_APP_LOGIN, signingKeyFile };
  const file = join(runDir, 'test-env.json');
  writeFileSync(file, JSON.stringify(info));
  process.env.QF_TEST_ENV_FILE = file;
}

/** Roles belong to the server, so every run (and every engineer's run on a shared server) uses the same login. */
export const TEST_APP_LOGIN = { user: 'qingfeng_test_app', password: 'qingfeng-test-app' };

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
