export * from './attendance-log.service';
export * from './log-hash';
