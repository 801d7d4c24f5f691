import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import {
  AttendanceAnomaliesService,
  AttendanceChainVerifier,
  AttendanceExportService,
  AttendanceLogQueryService,
  AttendanceSummaryService,
  AuditHeavyReads,
} from '@qf/audit';
import type { AuthUser } from '@qf/common';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { AuditedRead } from './audited-read.interceptor';
import { AuditExportQueryDto, AuditLogQueryDto, AuditRangeQueryDto } from './dto/audit-query.dto';
import { AttendanceAnomaliesDto, AttendanceSummaryDto, AuditLogPageDto, ChainVerificationDto } from './dto/audit-result.dto';
import { ApiFileResponse, CSV, XLSX } from '../openapi/api-responses.decorators';

/** Read-only attendance audit, for admins and auditors (discipline inspectors). */
@ApiTags('audit')
@Authenticated()
@Controller('audit/attendance')
export class AuditController {
  constructor(
    private readonly summaries: AttendanceSummaryService,
    private readonly log: AttendanceLogQueryService,
    private readonly verifier: AttendanceChainVerifier,
    private readonly exports: AttendanceExportService,
    private readonly anomalies: AttendanceAnomaliesService,
    private readonly heavy: AuditHeavyReads,
  ) {}

  @Get('summary')
  @Roles('admin', 'auditor')
  @AuditedRead('summary')
  @ApiOperation({
    summary: 'Attendance per member and in total over the completed sessions of a unit subtree starting in a local date range',
    description:
      '`expected` is the number of roster records the member has in those sessions, whatever their status ' +
      '(so expected = present + late + excused + absent: an excused person was still expected). ' +
      '`attendanceRate` = (present + late) / expected, rounded to 4 decimals, 0 when expected is 0. ' +
      '`madeUp` counts records with a make-up (补学) on file; make-ups never change the status, so they do not raise the rate. ' +
      '`from`/`to` are inclusive calendar dates in ORG_TIMEZONE on the session start.',
  })
  @ApiOkResponse({ type: AttendanceSummaryDto })
  async summary(@Query() query: AuditRangeQueryDto, @Res() reply: FastifyReply): Promise<void> {
    // The document is assembled by PostgreSQL (AttendanceSummaryDto shape): sent as it comes.
    await reply.type('application/json; charset=utf-8').send(await this.summaries.summariseJson(query));
  }

  @Get('log')
  @Roles('admin', 'auditor')
  @AuditedRead('log')
  @ApiOperation({
    summary: 'Attendance log entries in seq order, paginated',
    description: '`from`/`to`: inclusive calendar dates in ORG_TIMEZONE on the entry time. `prevHash`/`hash` are null until the entry is sealed.',
  })
  @ApiOkResponse({ type: AuditLogPageDto })
  listLog(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.log.list(query);
  }

  @Get('verify')
  @Roles('admin', 'auditor')
  @AuditedRead('verify')
  @ApiOperation({
    summary: 'Recompute the whole sealed hash chain of the attendance log, and replay the log against every attendance record',
    description:
      '`entries`: entries covered by the sealed chain; `unsealed`: entries written after the sealed end (sealed within seconds). ' +
      '`brokenAt`: the first seq whose seal does not match the entry, the previous hash, or that was left unsealed below the sealed end. ' +
      '`recordMismatches`: (session, person) pairs whose attendance record is not the status the log implies (its last entry), in one set-based pass; any makes `ok` false. ' +
      'Counts against the caps on concurrent exports and verifications (429 past them).',
  })
  @ApiOkResponse({ type: ChainVerificationDto })
  @ApiTooManyRequestsResponse({ description: 'Too many exports or verifications running (for the caller, or in total)' })
  verify(@CurrentUser() caller: AuthUser): Promise<ChainVerificationDto> {
    return this.heavy.run(caller.id, () => this.verifier.verify());
  }

  @Get('export')
  @Roles('admin', 'auditor')
  @AuditedRead('export')
  @ApiOperation({
    summary: 'Download the attendance records of completed sessions (CSV in UTF-8 with BOM, or XLSX)',
    description:
      'One row per record of the completed sessions that the summary counts, ordered by session start and username. ' +
      'Columns: 日期, 学习会, 单位 (the session’s unit), 用户名, 姓名, 状态 (出席/迟到/请假/缺席/应到), 签到时间, 补学时间, ' +
      '本人所在单位 (the person’s own unit), 补学字数, 补学心得 (the make-up study, empty without one). Times are local (ORG_TIMEZONE). Streamed: any size. ' +
      'Cells that a spreadsheet would run as formulas (starting with = + - @, tab or CR) are written with a leading `\'` in CSV. ' +
      'At most AUDIT_HEAVY_MAX_PER_USER exports and verifications per caller and AUDIT_HEAVY_MAX_TOTAL in all run at once (429 past them).',
  })
  @ApiFileResponse('The file, as an attachment named after the unit and the range', CSV, XLSX)
  @ApiTooManyRequestsResponse({ description: 'Too many exports or verifications running (for the caller, or in total)' })
  async export(@CurrentUser() caller: AuthUser, @Query() query: AuditExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exports.open(caller.id, query.format, query);
    await reply.header('content-type', file.contentType).header('content-disposition', file.contentDisposition).header('cache-control', 'no-store').send(file.stream);
  }

  @Get('anomalies')
  @Roles('admin', 'auditor')
  @AuditedRead('anomalies')
  @ApiOperation({
    summary: 'Attendance anomalies over the completed sessions of a unit subtree in a local date range',
    description:
      '`repeated_absence`: ≥ 3 `absent` records (absent is unexcused; made-up absences still count, the item says how many were made up). ' +
      '`repeated_late`: ≥ 3 `late` records. `changed_after_completion`: one item per record with log entries written after its session ' +
      'was completed, other than the completion itself and make-ups (补学 is expected after completion and never changes the status).',
  })
  @ApiOkResponse({ type: AttendanceAnomaliesDto })
  findAnomalies(@Query() query: AuditRangeQueryDto): Promise<AttendanceAnomaliesDto> {
    return this.anomalies.find(query);
  }
}
