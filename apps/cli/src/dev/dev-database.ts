import { ensureAppLogin, ensureOwnerLogin, withCredentials } from '@qf/database';
import { CheckpointSigner } from '@qf/audit';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** The two roles `npm start` makes on its embedded server (README "Database roles"). */
export const DEV_OWNER = 'qingfeng_owner';
export const DEV_APP_LOGIN = 'qingfeng_api';

interface DevCredentials {
  ownerPassword: string;
  appPassword: string;
}

/** Passwords made once per .data directory (the embedded server trusts local connections anyway; they make the URLs real). */
function devCredentials(dataDir: string): DevCredentials {
  const file = join(dataDir, 'db-credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const creds = { ownerPassword: randomBytes(12).toString('hex'), appPassword: randomBytes(12).toString('hex') };
  writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/**
 * On the embedded server (as its superuser): the owner role `qingfeng_owner`, which owns the
 * database and runs migrations, and the app login `qingfeng_api` (member of qingfeng_app, owns
 * nothing), which the api and worker use. A database from before the split (its tables owned by
 * the superuser) keeps migrating as the superuser: its tables cannot change hands silently.
 */
export async function prepareDevDatabase(superuserUrl: string, database: string, dataDir: string): Promise<{ appUrl: string; migrationUrl: string; note?: string }> {
  const creds = devCredentials(dataDir);
  await ensureOwnerLogin(superuserUrl, DEV_OWNER, creds.ownerPassword);
  await ensureAppLogin(superuserUrl, DEV_APP_LOGIN, creds.appPassword);
  const admin = new Client({ connectionString: superuserUrl });
  await admin.connect();
  let legacy = false;
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${admin.escapeIdentifier(DEV_OWNER)}`);
  } finally {
    await admin.end();
  }
  const superDb = withCredentials(superuserUrl, new URL(superuserUrl).username);
  const dbUrl = (u: string) => {
    const url = new URL(u);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const probe = new Client({ connectionString: dbUrl(superDb) });
  await probe.connect();
  try {
    const { rows } = await probe.query(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = to_regclass('public.migrations')`);
    legacy = rows.length > 0 && rows[0].owner !== DEV_OWNER;
  } finally {
    await probe.end();
  }
  return {
    appUrl: dbUrl(withCredentials(superuserUrl, DEV_APP_LOGIN, creds.appPassword)),
    migrationUrl: legacy ? dbUrl(superDb) : dbUrl(withCredentials(superuserUrl, DEV_OWNER, creds.ownerPassword)),
    note: legacy ? `the tables of .data/postgres belong to the superuser (made before the role split): migrating as it; the api and worker still use ${DEV_APP_LOGIN}` : undefined,
  };
}

/** AUDIT_SIGNING_KEY_FILE for `npm start` when no key is configured: .data/audit-signing-key.pem, made once. */
export function devSigningKeyFile(dataDir: string): string {
  const file = join(dataDir, 'audit-signing-key.pem');
  if (!existsSync(file)) writeFileSync(file, CheckpointSigner.generatePem(), { mode: 0o600 });
  return file;
}
