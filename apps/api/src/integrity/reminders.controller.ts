import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { PageQueryDto } from '../common/page-query';
import { RemindersService } from '@qf/integrity';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { IdParam } from '../common/id-param';
import { CreateReminderDto, ReceivedReminderDto, ReminderDto, ReminderPageDto, ReminderReportDto } from './dto/reminder.dto';

@ApiTags('integrity')
@Authenticated()
@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post('reminders')
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'A holiday integrity reminder (节日廉政提醒) to your units or people, at sendAt or N working days before a holiday' })
  @ApiCreatedResponse({ type: ReminderDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateReminderDto): Promise<ReminderDto> {
    return this.reminders.create(caller, dto);
  }

  @Post('reminders/:id/acknowledge')
  @Roles('member', 'organiser', 'admin') // auditors change nothing (and are never among a reminder's people)
  @HttpCode(204)
  @ApiOperation({ summary: 'A recipient acknowledges a sent reminder (已阅知晓); idempotent' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'not a recipient (or not sent yet)' })
  acknowledge(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<void> {
    return this.reminders.acknowledge(caller, id);
  }

  @Get('reminders')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'Reminders you may follow (those you sent, or whose audience is all of your units; auditors and admins all), with acknowledgement counts, latest first' })
  @ApiOkResponse({ type: ReminderPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() q: PageQueryDto): Promise<ReminderPageDto> {
    return this.reminders.list(caller, q.limit, q.offset);
  }

  @Get('me/reminders/:id')
  @ApiOperation({ summary: 'A reminder you received, with when you acknowledged it (404 to anyone else, and before it is sent)' })
  @ApiOkResponse({ type: ReceivedReminderDto })
  @ApiNotFoundResponse()
  received(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<ReceivedReminderDto> {
    return this.reminders.received(caller, id);
  }

  @Get('reminders/:id')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'A reminder with who has not acknowledged it (sender, organisers of every audience unit, auditors, admins)' })
  @ApiOkResponse({ type: ReminderReportDto })
  @ApiNotFoundResponse()
  report(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<ReminderReportDto> {
    return this.reminders.report(caller, id);
  }
}
