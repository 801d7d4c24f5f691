export * from './entities';
export * from './data-source-options';
export * from './database.module';
export * from './roles';
export * from './database-role.check';
export * from './sql';
export * from './cursor';
