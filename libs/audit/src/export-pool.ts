import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { dataSourceOptions } from '@qf/database';
import { DataSource } from 'typeorm';

/**
 * The exports' own small pool (EXPORT_POOL_SIZE connections, `qingfeng-export` in pg_stat_activity):
 * a slow download holds one of these, never one of the main pool that check-ins use. Opened on the
 * first export. Its idle-in-transaction timeout is longer (EXPORT_IDLE_IN_TRANSACTION_TIMEOUT_MS):
 * the cursor's transaction idles while the client drains the response.
 */
@Injectable()
export class ExportPool implements OnModuleDestroy {
  private ready?: Promise<DataSource>;

  constructor(private readonly config: ConfigService<Env, true>) {}

  dataSource(): Promise<DataSource> {
    this.ready ??= new DataSource({
      ...dataSourceOptions(
        this.config.get('DATABASE_URL', { infer: true }),
        this.config.get('EXPORT_POOL_SIZE', { infer: true }),
        {
          statementMs: this.config.get('DB_STATEMENT_TIMEOUT_MS', { infer: true }),
          idleInTransactionMs: this.config.get('EXPORT_IDLE_IN_TRANSACTION_TIMEOUT_MS', { infer: true }),
        },
        'qingfeng-export',
      ),
      entities: [],
      migrations: [],
    })
      .initialize()
      .catch((err) => {
        this.ready = undefined;
        throw err;
      });
    return this.ready;
  }

  async onModuleDestroy(): Promise<void> {
    const ready = this.ready;
    this.ready = undefined;
    const ds = await ready?.catch(() => undefined);
    if (ds?.isInitialized) await ds.destroy();
  }
}
