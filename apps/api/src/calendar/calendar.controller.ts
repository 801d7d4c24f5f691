import { Body, Controller, Get, Header, Param, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkingDayCalendar } from '@qf/calendar';
import { AuthUser } from '@qf/common';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { CalendarDayDto, CalendarRangeQueryDto, SetCalendarDayDto } from './dto/calendar.dto';

const WARNING_HEADER = 'X-Calendar-Warning';

@ApiTags('calendar')
@Authenticated()
@Controller('calendar/days')
export class CalendarController {
  constructor(private readonly calendar: WorkingDayCalendar) {}

  @Get()
  @ApiOperation({
    summary:
      'Working days in [from, to] (official holidays and 调休, admin overrides). Days of a year without an official calendar are weekends only: source "weekends_only", a warning on each, and the X-Calendar-Warning header',
  })
  @ApiOkResponse({ type: [CalendarDayDto] })
  @ApiHeader({ name: WARNING_HEADER, required: false, description: 'set when some days are weekends only' })
  async list(@Query() q: CalendarRangeQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CalendarDayDto[]> {
    const days = await this.calendar.days(q.from, q.to);
    warn(reply, days);
    return days;
  }

  @Get(':date')
  @ApiOperation({ summary: 'One day of the working-day calendar' })
  @ApiOkResponse({ type: CalendarDayDto })
  async get(@Param('date') date: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CalendarDayDto> {
    const day = await this.calendar.day(date);
    warn(reply, [day]);
    return day;
  }

  @Put(':date')
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Override one day (admin): a working day or a day off, with an optional name' })
  @ApiOkResponse({ type: CalendarDayDto })
  set(@CurrentUser() caller: AuthUser, @Param('date') date: string, @Body() dto: SetCalendarDayDto): Promise<CalendarDayDto> {
    return this.calendar.setOverride(date, dto, caller.id);
  }
}

function warn(reply: FastifyReply, days: CalendarDayDto[]): void {
  const warnings = [...new Set(days.map((d) => d.warning).filter((w): w is string => !!w))];
  if (warnings.length) reply.header(WARNING_HEADER, warnings.join('; '));
}
