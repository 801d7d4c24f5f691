import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { NotificationsService } from '@qf/notifications';
import { Authenticated, CurrentUser } from '../common/auth.decorators';
import { InboxQueryDto, NotificationPageDto } from './dto/notification.dto';
import { IdParam } from '../common/id-param';

@ApiTags('notifications')
@Authenticated()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Own notifications, newest first' })
  @ApiOkResponse({ type: NotificationPageDto })
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto): Promise<NotificationPageDto> {
    return this.notifications.inbox(user.id, query);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one own notification read (another person’s is 404)' })
  @ApiNoContentResponse()
  async read(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    await this.notifications.markRead(user.id, id);
  }
}
