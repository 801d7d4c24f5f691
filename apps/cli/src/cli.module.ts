import { DynamicModule, Module } from '@nestjs/common';
import { QfConfigModule } from '@qf/config';
import { DatabaseModule } from '@qf/database';
import { DemoModule } from '@qf/demo';
import { IdentityModule } from '@qf/identity';

/**
 * What the operator commands need: config, database, identity and the demo loader (no queue, no
 * HTTP). Built when called, so the configuration reads the environment as the command set it.
 */
@Module({})
export class CliModule {
  static create(): DynamicModule {
    return { module: CliModule, imports: [QfConfigModule.forRoot(), DatabaseModule, IdentityModule, DemoModule] };
  }
}
