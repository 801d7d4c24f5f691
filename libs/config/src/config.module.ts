import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { validateEnv } from './env';

/** Validated, typed configuration: inject `ConfigService<Env, true>` and read with `get(key, { infer: true })`. */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnv })],
})
export class QfConfigModule {}
