import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service';

/** Demo organisation for development (needs QfConfigModule, DatabaseModule and IdentityModule). */
@Module({ providers: [DemoDataService], exports: [DemoDataService] })
export class DemoModule {}
