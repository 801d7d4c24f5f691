// Standalone data source for the TypeORM CLI: `npx typeorm -d dist/libs/database/src/data-source.js migration:run`.
// It migrates, so it connects as the tables' owner: MIGRATION_DATABASE_URL, else DATABASE_URL.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qingfeng'));
