export * from './demo-fixtures';
export * from './demo-data.service';
export * from './demo.module';
