import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { validateEnv } from './env';

/**
 * Validated, typed configuration: inject `ConfigService<Env, true>` and read with
 * `get(key, { infer: true })`. `forRoot()` reads process.env when it is called (when the app module
 * is imported), so importing this library never freezes an environment that is not set up yet.
 */
@Module({})
export class QfConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: QfConfigModule,
      global: true,
      imports: [NestConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnv })],
    };
  }
}
