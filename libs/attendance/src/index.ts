export * from './attendance-log.service';
