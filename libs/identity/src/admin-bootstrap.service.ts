import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { UnitRepository } from './unit.repository';
import { UnitsService } from './units.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

export const DEV_ADMIN_PASSWORD = 'qingfeng-admin-2026';

/** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists. */
@Injectable()
export class AdminBootstrapService {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly userRows: UserRepository,
    private readonly unitRows: UnitRepository,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async ensureAdmin(): Promise<{ created: boolean; username: string }> {
    const username = this.config.get('ADMIN_USERNAME', { infer: true });
    return this.userRows.transaction(async (em) => {
      // Several processes may boot at once; one creates the admin.
      await this.userRows.lockAdminBootstrap(em);
      if ((await this.userRows.countActiveAdmins(em)) > 0) return { created: false, username };
      const password = this.config.get('ADMIN_PASSWORD', { infer: true }) ?? DEV_ADMIN_PASSWORD;
      const unitId = (await this.unitRows.firstRootId(em)) ?? (await this.units.create({ name: '机关党委' })).id;
      await this.users.create({ username, displayName: '系统管理员', password, role: 'admin', unitId });
      this.logger.log(`created admin "${username}"`);
      return { created: true, username };
    });
  }
}
