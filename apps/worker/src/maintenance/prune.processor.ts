import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobHandler, JobName } from '@qf/queue';
import { DataSource } from 'typeorm';

@Injectable()
export class PruneProcessor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @JobHandler(JobName.Prune)
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM outbox WHERE done_at < now() - interval '7 days'`);
    await this.dataSource.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
  }
}
