import { Logger } from '@nestjs/common';
import { APP_ROLE, APPEND_ONLY_TABLES, DatabaseRoleCheck } from '@qf/database';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Least privilege (API.md "Attendance evidence an inspector can trust"): the api and the worker
 * log in as a member of qingfeng_app, which owns nothing and has exactly the DML below; the grants
 * live in migrations (AppRole1764202810000 and later).
 *
 * A NEW TABLE MUST BE ADDED HERE: state what the app may do with it (and grant it in its
 * migration; tables created after AppRole get SELECT/INSERT/UPDATE through ALTER DEFAULT PRIVILEGES —
 * GRANT DELETE where the code deletes rows, REVOKE UPDATE on an append-only table).
 */
const DML = 'SELECT,INSERT,UPDATE,DELETE';
const NO_DELETE = 'SELECT,INSERT,UPDATE';
const APPEND_ONLY = 'SELECT,INSERT';
const EXPECTED: Record<string, string> = {
  app_meta: NO_DELETE,
  attendance_log: APPEND_ONLY,
  attendance_log_seals: APPEND_ONLY,
  attendance_records: NO_DELETE,
  audit_access_log: APPEND_ONLY,
  catalog_items: NO_DELETE,
  checkin_failures: NO_DELETE,
  leave_requests: NO_DELETE,
  login_failures: DML,
  menu_items: NO_DELETE,
  menus: NO_DELETE,
  migrations: '',
  notifications: NO_DELETE,
  outbox: DML,
  reading_items: NO_DELETE,
  reading_lists: NO_DELETE,
  reading_progress: NO_DELETE,
  reflection_assignments: NO_DELETE,
  reflection_lsh_buckets: DML,
  reflection_signatures: NO_DELETE,
  reflection_tasks: NO_DELETE,
  session_menu_items: DML,
  sessions: NO_DELETE,
  units: NO_DELETE,
  users: NO_DELETE,
  calendar_overrides: NO_DELETE,
  rectification_campaigns: NO_DELETE,
  rectification_filings: NO_DELETE,
  supervision_digest_runs: NO_DELETE,
  supervision_extensions: NO_DELETE,
  supervision_items: NO_DELETE,
  supervision_progress: NO_DELETE,
  talks: NO_DELETE,
  talk_followups: NO_DELETE,
  talk_plans: NO_DELETE,
  reminders: NO_DELETE,
  reminder_recipients: NO_DELETE,
  declarations: NO_DELETE,
  dossier_access_log: APPEND_ONLY,
};
const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

describe('database roles: the api and worker own nothing and hold exactly their DML (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('the api connects as a login that is a member of qingfeng_app, not as the owner', async () => {
    const [me] = await t.db.query(
      `SELECT current_user AS "user", r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication,
              pg_has_role(current_user, $1, 'MEMBER') AS "isApp",
              (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'attendance_log'::regclass) AS "logOwner"
         FROM pg_roles r WHERE r.rolname = current_user`,
      [APP_ROLE],
    );
    expect(me).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false, isApp: true });
    expect(me.user).not.toBe(me.logOwner);
    const [owner] = await t.db.query(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS member`, [me.logOwner]);
    expect(owner.member).toBe(false);
  });

  it('every table has exactly its listed grants (a table missing from the list or its grants fails here)', async () => {
    const tables: { name: string }[] = await t.owner.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1`,
    ).then((r) => r.rows);
    const problems: string[] = [];
    for (const { name } of tables) {
      const expected = EXPECTED[name];
      if (expected === undefined) {
        problems.push(`${name}: not listed in test/platform/database-roles.e2e-spec.ts (say what the app may do with it, and grant it in its migration)`);
        continue;
      }
      const { rows } = await t.owner.query(
        `SELECT p FROM unnest($2::text[]) p WHERE has_table_privilege($1, format('public.%I', $3::text), p)`,
        [APP_ROLE, PRIVILEGES, name],
      );
      const actual = rows.map((r: { p: string }) => r.p).join(',');
      if (actual !== expected) problems.push(`${name}: app role has "${actual}", expected "${expected}"`);
    }
    for (const name of Object.keys(EXPECTED)) if (!tables.some((x) => x.name === name)) problems.push(`${name}: listed but gone`);
    expect(problems).toEqual([]);
  });

  it('every table whose triggers refuse changes is append-only for the app; every sequence is usable', async () => {
    const { rows: guarded } = await t.owner.query(
      `SELECT DISTINCT c.relname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
        WHERE p.proname = 'refuse_change' ORDER BY 1`,
    );
    expect(guarded.map((r: { name: string }) => r.name)).toEqual([...APPEND_ONLY_TABLES].sort());
    for (const { name } of guarded) expect([name, EXPECTED[name]]).toEqual([name, APPEND_ONLY]);
    const { rows: sequences } = await t.owner.query(
      `SELECT c.relname AS name, has_sequence_privilege($1, c.oid, 'USAGE') AS usable, has_sequence_privilege($1, c.oid, 'UPDATE') AS settable
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`,
      [APP_ROLE],
    );
    expect(sequences.length).toBeGreaterThan(0);
    for (const s of sequences) expect(s).toMatchObject({ usable: true, settable: false });
  });

  it('the app role owns nothing and may create nothing in the schema', async () => {
    const [owned] = await t.db.query(
      `SELECT (SELECT count(*) FROM pg_class WHERE pg_has_role(current_user, relowner, 'USAGE'))::int
            + (SELECT count(*) FROM pg_proc WHERE pg_has_role(current_user, proowner, 'USAGE'))::int
            + (SELECT count(*) FROM pg_namespace WHERE pg_has_role(current_user, nspowner, 'USAGE'))::int
            + (SELECT count(*) FROM pg_type WHERE pg_has_role(current_user, typowner, 'USAGE'))::int AS n,
              has_schema_privilege('public', 'CREATE') AS "canCreate",
              has_database_privilege(current_database(), 'CREATE') AS "canCreateSchema"`,
    );
    expect(owned).toEqual({ n: 0, canCreate: false, canCreateSchema: false });
  });

  it('as the app role: cannot disable the log’s triggers, truncate, alter, drop, add triggers, or switch triggers off for the session', async () => {
    const attempts = [
      `ALTER TABLE attendance_log DISABLE TRIGGER USER`,
      `ALTER TABLE attendance_log DISABLE TRIGGER attendance_log_no_update`,
      `ALTER TABLE attendance_log_seals DISABLE TRIGGER ALL`,
      `ALTER TABLE audit_access_log DISABLE TRIGGER USER`,
      `TRUNCATE attendance_log CASCADE`,
      `TRUNCATE attendance_log_seals`,
      `TRUNCATE audit_access_log`,
      `TRUNCATE attendance_records`,
      `UPDATE attendance_log SET reason = 'x'`,
      `DELETE FROM attendance_log_seals`,
      `DELETE FROM attendance_records`,
      `DROP TRIGGER attendance_log_no_update ON attendance_log`,
      `DROP TABLE attendance_log_seals`,
      `ALTER TABLE attendance_records ADD COLUMN x int`,
      `CREATE TRIGGER sneak BEFORE UPDATE ON attendance_records FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      `CREATE TABLE sneak (id int)`,
      `SET session_replication_role = replica`,
      `CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
    ];
    for (const sql of attempts) {
      const err = await t.db.query(sql).then(
        () => undefined,
        (e: Error) => e,
      );
      expect([sql, err?.message]).toEqual([sql, expect.stringMatching(/permission denied|must be owner/)]);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'attendance_log'::regclass AND tgenabled = 'O'`);
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it('tables a later migration creates get SELECT/INSERT/UPDATE by default (ALTER DEFAULT PRIVILEGES), DELETE only when granted', async () => {
    await t.owner.query(`CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text)`);
    try {
      await t.db.query(`INSERT INTO later_feature (note) VALUES ('x')`);
      await t.db.query(`UPDATE later_feature SET note = 'y'`);
      expect(await t.db.query(`SELECT note FROM later_feature`)).toEqual([{ note: 'y' }]);
      await expect(t.db.query(`DELETE FROM later_feature`)).rejects.toThrow(/permission denied/);
      await expect(t.db.query(`TRUNCATE later_feature`)).rejects.toThrow(/permission denied/);
      await t.owner.query(`GRANT DELETE ON later_feature TO ${APP_ROLE}`);
      await t.db.query(`DELETE FROM later_feature`);
    } finally {
      await t.owner.query(`DROP TABLE later_feature`);
    }
  });

  it('warns at start-up when a process connects as the owner, and not as the app role', async () => {
    const asOwner = new DataSource({ type: 'postgres', url: t.ownerUrl });
    await asOwner.initialize();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await new DatabaseRoleCheck(asOwner).onApplicationBootstrap();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could disable the attendance log's triggers/));
      warn.mockClear();
      await new DatabaseRoleCheck(t.db).onApplicationBootstrap();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await asOwner.destroy();
    }
  });
});
