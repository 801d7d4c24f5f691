export * from './embedded-postgres';
export * from './private-redis';
export * from './free-port';
