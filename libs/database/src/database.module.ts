import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '@qf/config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseRoleCheck } from './database-role.check';
import { ENTITIES } from './entities';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        ...dataSourceOptions(config.get('DATABASE_URL', { infer: true }), config.get('DB_POOL_SIZE', { infer: true }), {
          statementMs: config.get('DB_STATEMENT_TIMEOUT_MS', { infer: true }),
          idleInTransactionMs: config.get('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', { infer: true }),
        }),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [DatabaseRoleCheck],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
