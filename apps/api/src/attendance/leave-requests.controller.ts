import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LeaveRequestsService } from '@qf/attendance';
import { AuthUser } from '@qf/common';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { LeaveDecisionDto, LeaveRequestDto, LeaveRequestPageDto, ListLeaveRequestsQueryDto } from './dto/leave-request.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';
import { IdParam } from '../common/id-param';

@ApiTags('attendance')
@Authenticated()
@Controller('leave-requests')
export class LeaveRequestsController {
  constructor(private readonly leave: LeaveRequestsService) {}

  @Get()
  @ApiOperation({ summary: 'Leave requests: organisers see their units’ (and their own), auditors and admins all, members their own' })
  @ApiOkResponse({ type: LeaveRequestPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListLeaveRequestsQueryDto): Promise<LeaveRequestPageDto> {
    return this.leave.list(user, q);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary:
      'Approve (an expected or absent record becomes excused) or reject; the requester is notified. Deciding again the same way returns the request, the other way is 409; nobody but an admin decides their own request (403), and an organiser decides only for people of their units (a requester who moved away: 403)',
  })
  @ApiConflict('The request is already decided, or its session is no longer published')
  @ApiOkResponse({ type: LeaveRequestDto })
  decide(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: LeaveDecisionDto): Promise<LeaveRequestDto> {
    return this.leave.decide(user, id, dto.approve, dto.comment);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('member', 'organiser', 'admin')
  @ApiOperation({ summary: 'The requester withdraws an undecided request (status withdrawn); withdrawing again returns it unchanged' })
  @ApiOkResponse({ type: LeaveRequestDto })
  @ApiConflictResponse({ description: 'already approved or rejected' })
  @ApiNotFoundResponse({ description: 'no such request, or not the caller’s own' })
  withdraw(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<LeaveRequestDto> {
    return this.leave.withdraw(user, id);
  }
}
