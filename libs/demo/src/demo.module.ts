import { Module } from '@nestjs/common';
import { AttendanceRepository } from '@qf/attendance';
import { CatalogRepository, SessionRepository } from '@qf/sessions';
import { DemoDataService } from './demo-data.service';
import { DemoExtrasRepository } from './demo-extras.repository';
import { DemoFlagRepository } from './demo-flag.repository';

/**
 * Demo organisation for development (needs QfConfigModule, DatabaseModule and IdentityModule, whose
 * repositories it uses; the sessions and attendance repositories it provides itself, without their
 * modules' queues).
 */
@Module({ providers: [DemoDataService, DemoFlagRepository, DemoExtrasRepository, CatalogRepository, SessionRepository, AttendanceRepository], exports: [DemoDataService] })
export class DemoModule {}
