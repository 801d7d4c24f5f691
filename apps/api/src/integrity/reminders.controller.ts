import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { RemindersService } from '@qf/integrity';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { CreateReminderDto, ReminderDto, ReminderReportDto } from './dto/reminder.dto';
import { IdParam } from '../common/id-param';

@ApiTags('integrity')
@Authenticated()
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post()
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'A holiday integrity reminder (节日廉政提醒) to your units or people, at sendAt or N working days before a holiday' })
  @ApiCreatedResponse({ type: ReminderDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateReminderDto): Promise<ReminderDto> {
    return this.reminders.create(caller, dto);
  }

  @Post(':id/acknowledge')
  @Roles('member', 'organiser', 'admin') // auditors change nothing (and are never among a reminder's people)
  @HttpCode(204)
  @ApiOperation({ summary: 'A recipient acknowledges a sent reminder (已阅知晓); idempotent' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'not a recipient (or not sent yet)' })
  acknowledge(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<void> {
    return this.reminders.acknowledge(caller, id);
  }

  @Get(':id')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'A reminder with who has not acknowledged it (sender, organisers of every audience unit, auditors, admins)' })
  @ApiOkResponse({ type: ReminderReportDto })
  @ApiNotFoundResponse()
  report(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<ReminderReportDto> {
    return this.reminders.report(caller, id);
  }
}
