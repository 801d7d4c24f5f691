import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_ROLE } from './roles';

/**
 * At start-up, warns when the process connects as a role that could rewrite the append-only
 * attendance log (the tables' owner, a superuser, or a member of the owner): see README
 * "Database roles". A warning, not a refusal, so that old single-role setups keep running.
 */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('DatabaseRoles');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const [r] = await this.dataSource.query(
        `SELECT current_user AS "user",
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
                coalesce((SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class WHERE oid = to_regclass('public.attendance_log')), false) AS owner,
                EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER') AS app`,
        [APP_ROLE],
      );
      if (r.superuser || r.owner) {
        this.logger.warn(
          `connected to PostgreSQL as "${r.user}", which ${r.superuser ? 'is a superuser' : 'owns the tables'}: it could disable the attendance log's triggers. ` +
            `Set DATABASE_URL to a login in ${APP_ROLE} and MIGRATION_DATABASE_URL to the owner (README, "Database roles").`,
        );
      } else if (!r.app) {
        this.logger.warn(`connected to PostgreSQL as "${r.user}", which is not a member of ${APP_ROLE}: it may lack grants (README, "Database roles").`);
      }
    } catch (err) {
      this.logger.warn(`could not check the database role: ${(err as Error).message}`);
    }
  }
}
