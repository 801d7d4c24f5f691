import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { validateEnv } from './env';

/**
 * Validated, typed configuration: inject `ConfigService<Env, true>` and read with
 * `get(key, { infer: true })`. process.env is read and validated when the application is created
 * (the ConfigService factory), never when a module is imported: tests and tools may import the apps
 * first and set the environment later.
 */
@Module({})
export class QfConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: QfConfigModule,
      global: true,
      providers: [{ provide: ConfigService, useFactory: () => new ConfigService(validateEnv(process.env)) }],
      exports: [ConfigService],
    };
  }
}
