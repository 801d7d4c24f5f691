import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege for the api and the worker. Migrations run as the owner of the tables
 * (MIGRATION_DATABASE_URL); the api and the worker log in as a role that is a member of
 * `qingfeng_app`, a role that owns nothing and has DML only: no ALTER, no TRUNCATE, no TRIGGER, so
 * no DISABLE TRIGGER on the append-only tables. SELECT/INSERT/UPDATE on the existing tables, DELETE
 * only on the four the code deletes from; append-only tables (attendance_log, attendance_log_seals,
 * audit_access_log) are SELECT and INSERT only.
 *
 * Tables created later by the same owner get SELECT/INSERT/UPDATE through ALTER DEFAULT PRIVILEGES;
 * a later migration GRANTs DELETE on a table whose rows the code deletes, and REVOKEs UPDATE on an
 * append-only one. The test
 * test/platform/database-roles.e2e-spec.ts lists the expected grants of every table and fails on
 * a table it does not know.
 *
 * The owner needs CREATEROLE for this migration to create `qingfeng_app`, or an operator creates it
 * first (`CREATE ROLE qingfeng_app NOLOGIN`, see README "Database roles").
 */
/** Spelled out here (migrations never change); libs/database/src/roles.ts names it for the code. */
const APP_ROLE = 'qingfeng_app';

export class AppRole1764202810000 implements MigrationInterface {
  name = 'AppRole1764202810000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
          EXCEPTION
            -- Several databases of one server migrating at once (test runs): another one created it.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'role ${APP_ROLE} does not exist and % may not create it: run CREATE ROLE ${APP_ROLE} NOLOGIN as a superuser first (README, "Database roles")', current_user;
          END;
        END IF;
      END $$;
    `);
    await q.query(`
      GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
      -- DELETE only where the code deletes: pruning, retries and replaced sets.
      GRANT DELETE ON login_failures, outbox, reflection_lsh_buckets, session_menu_items TO ${APP_ROLE};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
      -- Append-only: the triggers refuse UPDATE/DELETE/TRUNCATE even to the owner; the app may not even ask.
      REVOKE UPDATE, DELETE ON attendance_log, attendance_log_seals, audit_access_log FROM ${APP_ROLE};
      -- Migration bookkeeping is the owner's alone.
      REVOKE ALL ON migrations FROM ${APP_ROLE};
      -- Tables and sequences this owner creates later get the same grants (DELETE, where needed, in their migration).
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO ${APP_ROLE};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE};
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE};
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE};
      REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE};
    `);
  }
}
