export * from './supervision-kinds';
export * from './supervision-item.repository';
export * from './supervision.service';
export * from './supervision-warnings.service';
export * from './supervision-digest.service';
export * from './supervision-report.service';
export * from './supervision.module';
