import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MyAttendanceService } from '@qf/attendance';
import { AuthUser } from '@qf/common';
import { PageQueryDto } from '../common/page-query';
import { Authenticated, CurrentUser } from '../common/auth.decorators';
import { MyAttendancePageDto } from './dto/attendance.dto';

@ApiTags('me')
@Authenticated()
@Controller('me')
export class MyAttendanceController {
  constructor(private readonly mine: MyAttendanceService) {}

  @Get('attendance')
  @ApiOperation({ summary: 'The caller’s own attendance records, newest session first, with the session and the make-up study (补学)' })
  @ApiOkResponse({ type: MyAttendancePageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): Promise<MyAttendancePageDto> {
    return this.mine.list(user, q);
  }
}
