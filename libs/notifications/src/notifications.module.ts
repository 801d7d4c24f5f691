import { Global, Module } from '@nestjs/common';
import { NotificationRepository } from './notification.repository';
import { NotificationsService } from './notifications.service';

@Global()
@Module({ providers: [NotificationsService, NotificationRepository], exports: [NotificationsService, NotificationRepository] })
export class NotificationsModule {}
