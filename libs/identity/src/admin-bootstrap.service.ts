import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env } from '@qf/config';
import { DataSource } from 'typeorm';
import { UnitsService } from './units.service';
import { UsersService } from './users.service';

export const DEV_ADMIN_PASSWORD = 'qingfeng-admin-2026';

/** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists. */
@Injectable()
export class AdminBootstrapService {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async ensureAdmin(): Promise<{ created: boolean; username: string }> {
    const username = this.config.get('ADMIN_USERNAME', { infer: true });
    return this.dataSource.transaction(async (em) => {
      // Several processes may boot at once; one creates the admin.
      await em.query('SELECT pg_advisory_xact_lock(7263002)');
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`);
      if (n > 0) return { created: false, username };
      const password = this.config.get('ADMIN_PASSWORD', { infer: true }) ?? DEV_ADMIN_PASSWORD;
      const [root] = await em.query(`SELECT id FROM units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`);
      const unitId = root?.id ?? (await this.units.create({ name: '机关党委' })).id;
      await this.users.create({ username, displayName: '系统管理员', password, role: 'admin', unitId });
      this.logger.log(`created admin "${username}"`);
      return { created: true, username };
    });
  }
}
