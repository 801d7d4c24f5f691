import { readFileSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../libs/infra/src';

export default async function globalTeardown(): Promise<void> {
  const file = process.env.QF_TEST_ENV_FILE;
  if (!file) return;
  const { serverUrl, template, runDir } = JSON.parse(readFileSync(file, 'utf8'));
  const pg = (globalThis as { __QF_PG__?: EmbeddedPostgres }).__QF_PG__;
  if (pg) {
    await pg.stop();
    rmSync(pg.dataDir, { recursive: true, force: true });
  } else {
    // A shared server: drop what this run created.
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`${template}_%`, template]);
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => undefined);
    await client.end();
  }
  rmSync(runDir, { recursive: true, force: true });
}
