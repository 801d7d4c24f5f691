import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAccessLogService } from '@qf/audit';
import { Authenticated, Roles } from '../common/auth.decorators';
import { AuditAccessPageDto, AuditAccessQueryDto } from './dto/evidence.dto';

/** Who read audit data, when, and with which parameters (append-only). */
@ApiTags('audit')
@Authenticated()
@Controller('audit/access-log')
export class AuditAccessController {
  constructor(private readonly accessLog: AuditAccessLogService) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Reads of audit data (summary, log, export, anomalies, verify, checkpoints), newest first, paginated' })
  @ApiOkResponse({ type: AuditAccessPageDto })
  list(@Query() query: AuditAccessQueryDto): Promise<AuditAccessPageDto> {
    return this.accessLog.list(query);
  }
}
