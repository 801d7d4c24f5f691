import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { many, one, sql } from '@qf/database';
import { DataSource, EntityManager } from 'typeorm';

export const DEMO_FLAG_KEY = 'demo_data';

/** The demo's own row of `app_meta`: whether the demo organisation was loaded. */
@Injectable()
export class DemoFlagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async isSet(): Promise<boolean> {
    return (await one(this.dataSource, sql`SELECT 1 FROM app_meta WHERE key = ${DEMO_FLAG_KEY}`)) !== undefined;
  }

  /** Waits for any other loader (a transaction-scoped advisory lock), then sets the flag; false when it was set already. */
  async claim(em: EntityManager): Promise<boolean> {
    await many(em, sql`SELECT pg_advisory_xact_lock(7263003)`);
    const rows = await many(
      em,
      sql`INSERT INTO app_meta (key, value) VALUES (${DEMO_FLAG_KEY}, jsonb_build_object('loadedAt', now())) ON CONFLICT (key) DO NOTHING RETURNING key`,
    );
    return rows.length > 0;
  }
}
