import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AttendanceRecordsService, CheckInService, LeaveRequestsService, MakeUpService } from '@qf/attendance';
import { AuthUser } from '@qf/common';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import {
  AttendanceRecordDto,
  AttendanceRecordPageDto,
  CheckInCodeDto,
  CheckInDto,
  MakeUpDto,
  MarkAttendanceDto,
  RosterQueryDto,
} from './dto/attendance.dto';
import { CreateLeaveRequestDto, LeaveRequestDto } from './dto/leave-request.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';
import { IdParam } from '../common/id-param';

@ApiTags('attendance')
@Authenticated()
@Controller('sessions/:id')
export class SessionAttendanceController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly records: AttendanceRecordsService,
    private readonly leave: LeaveRequestsService,
    private readonly makeUps: MakeUpService,
  ) {}

  @Get('check-in-code')
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'The current 6-digit check-in code to show in the room (rotates every 60 s)' })
  @ApiOkResponse({ type: CheckInCodeDto })
  code(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<CheckInCodeDto> {
    return this.checkIns.currentCode(user, id);
  }

  @Post('check-in')
  @HttpCode(200)
  @Roles('member', 'organiser', 'admin')
  @ApiOperation({
    summary:
      'Check in with the code shown in the room: open from startsAt − 30 min to endsAt (else 409); present up to startsAt + grace, late after; ' +
      'again → the same record; wrong or expired code 403; after 5 wrong codes 429 for this session; not on the roster 403',
  })
  @ApiConflict('The session is not published, or check-in is not open (it opens before startsAt and closes at endsAt)')
  @ApiOkResponse({ type: AttendanceRecordDto })
  checkIn(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: CheckInDto): Promise<AttendanceRecordDto> {
    return this.checkIns.checkIn(user, id, dto.code);
  }

  @Get('attendance')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'The roster: one record per person' })
  @ApiOkResponse({ type: AttendanceRecordPageDto })
  roster(@CurrentUser() user: AuthUser, @IdParam() id: string, @Query() q: RosterQueryDto): Promise<AttendanceRecordPageDto> {
    return this.records.roster(user, id, q);
  }

  @Put('attendance/:userId')
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary: 'Mark a person (added to the roster if they are a person of the unit); reason required once completed',
    description: 'Nobody but an admin marks their own record (any status): 403. Organisers mark only people of their units (someone on the roster who moved to another unit: 403).',
  })
  @ApiConflict('The session is neither published nor completed, or the record was just created by someone else')
  @ApiOkResponse({ type: AttendanceRecordDto })
  mark(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @IdParam('userId') userId: string,
    @Body() dto: MarkAttendanceDto,
  ): Promise<AttendanceRecordDto> {
    return this.records.mark(user, id, userId, dto);
  }

  @Post('leave-requests')
  @Roles('member', 'organiser', 'admin')
  @ApiOperation({ summary: 'Ask for leave before the session starts (one open request per person and session, else 409)' })
  @ApiConflict('The session is not published or has started, the record is not expected, or a request is already open')
  @ApiCreatedResponse({ type: LeaveRequestDto })
  requestLeave(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: CreateLeaveRequestDto): Promise<LeaveRequestDto> {
    return this.leave.request(user, id, dto.reason);
  }

  @Post('make-up')
  @HttpCode(200)
  @Roles('member', 'organiser', 'admin')
  @ApiOperation({ summary: 'Make-up study of a missed completed session: summary of at least 100 字; the status does not change' })
  @ApiConflict('The session is not completed, the record is neither absent nor excused, or it was already made up')
  @ApiOkResponse({ type: AttendanceRecordDto })
  makeUp(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: MakeUpDto): Promise<AttendanceRecordDto> {
    return this.makeUps.makeUp(user, id, dto.summary);
  }
}
