export * from './notifications.service';
export * from './notifications.module';
export * from './notification.repository';
