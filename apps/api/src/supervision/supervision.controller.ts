import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { SupervisionReportService, SupervisionService } from '@qf/supervision';
import type { FastifyReply } from 'fastify';
import { attachment } from '../common/attachment';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import {
  CloseItemDto,
  CreateItemDto,
  DecideExtensionDto,
  ItemDto,
  ItemPageDto,
  ListItemsQueryDto,
  NoteDto,
  RequestExtensionDto,
  ReturnItemDto,
} from './dto/supervision-item.dto';
import { SupervisionReportDto, SupervisionReportQueryDto } from './dto/supervision-report.dto';
import { IdParam } from '../common/id-param';

@ApiTags('supervision')
@Authenticated()
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly items: SupervisionService,
    private readonly reports: SupervisionReportService,
  ) {}

  @Post('items')
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Assign a supervised matter (督办事项) to a person of your units; dueAt defaults to timeLimitDays working days, 18:00 local; the owner is notified' })
  @ApiCreatedResponse({ type: ItemDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateItemDto): Promise<ItemDto> {
    return this.items.create(caller, dto);
  }

  @Get('items')
  @ApiOperation({ summary: 'Items: owners see theirs, supervisors and organisers their units’, auditors and admins all; ordered by dueAt' })
  @ApiOkResponse({ type: ItemPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() q: ListItemsQueryDto): Promise<ItemPageDto> {
    return this.items.list(caller, q);
  }

  @Get('items/:id')
  @ApiOperation({ summary: 'An item (owner, supervisor, organisers of the owner’s units, auditors, admins; else 404)' })
  @ApiOkResponse({ type: ItemDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<ItemDto> {
    return this.items.get(caller, id);
  }

  @Post('items/:id/accept')
  @HttpCode(200)
  @Roles('member', 'organiser')
  @ApiOperation({ summary: 'The owner accepts (签收) an assigned item' })
  @ApiOkResponse({ type: ItemDto })
  @ApiConflictResponse({ description: 'not assigned' })
  accept(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<ItemDto> {
    return this.items.accept(caller, id);
  }

  @Post('items/:id/progress')
  @HttpCode(200)
  @Roles('member', 'organiser')
  @ApiOperation({ summary: 'The owner records progress on an accepted or reported item' })
  @ApiOkResponse({ type: ItemDto })
  @ApiConflictResponse({ description: 'not accepted yet, or closed' })
  progress(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: NoteDto): Promise<ItemDto> {
    return this.items.progress(caller, id, dto.note);
  }

  @Post('items/:id/report')
  @HttpCode(200)
  @Roles('member', 'organiser')
  @ApiOperation({ summary: 'The owner reports the item done (办结报告) → reported; the supervisor is notified' })
  @ApiOkResponse({ type: ItemDto })
  @ApiConflictResponse({ description: 'not accepted' })
  reportDone(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: NoteDto): Promise<ItemDto> {
    return this.items.report(caller, id, dto.note);
  }

  @Post('items/:id/close')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Close (销号) a reported item: the supervisor, an organiser of the owner’s units or an admin, never the owner; late if after dueAt' })
  @ApiOkResponse({ type: ItemDto })
  @ApiConflictResponse({ description: 'not reported' })
  close(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: CloseItemDto): Promise<ItemDto> {
    return this.items.close(caller, id, dto.comment);
  }

  @Post('items/:id/return')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Return a reported item to the owner (→ accepted), with a comment; the owner is notified' })
  @ApiOkResponse({ type: ItemDto })
  @ApiConflictResponse({ description: 'not reported' })
  return(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: ReturnItemDto): Promise<ItemDto> {
    return this.items.return(caller, id, dto.comment);
  }

  @Post('items/:id/extensions')
  @Roles('member', 'organiser')
  @ApiOperation({ summary: 'The owner asks for a later due time; the supervisor decides. The original due time stays on record' })
  @ApiCreatedResponse({ type: ItemDto })
  @ApiConflictResponse({ description: 'closed, or a request is already pending' })
  requestExtension(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: RequestExtensionDto): Promise<ItemDto> {
    return this.items.requestExtension(caller, id, dto.to, dto.reason);
  }

  @Post('items/:id/extensions/:n/decide')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Approve or refuse extension request n: the supervisor, an organiser of the owner’s units or an admin, never the owner' })
  @ApiOkResponse({ type: ItemDto })
  @ApiConflictResponse({ description: 'already decided, or the item is closed' })
  decide(
    @CurrentUser() caller: AuthUser,
    @IdParam() id: string,
    @Param('n', new ParseIntPipe()) n: number,
    @Body() dto: DecideExtensionDto,
  ): Promise<ItemDto> {
    return this.items.decideExtension(caller, id, n, dto.approve);
  }

  @Get('report')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Per unit: items assigned in [from, to] (local dates) and how they stand (科室目标考核); JSON, CSV (UTF-8 with BOM, formula-safe) or XLSX',
    description:
      'Organisers: their units (a unitId outside them is 403, or 404 when not visible); auditors and admins: all. Items count for the owner’s unit at assignment. ' +
      '`overdue`: not closed and past dueAt now; `unacknowledged`: not accepted within one working day; ' +
      '`onTimeRate` = closedOnTime / (closedOnTime + closedLate + overdue), 4 decimals, 0 when that is 0.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: SupervisionReportDto })
  async report(@CurrentUser() caller: AuthUser, @Query() q: SupervisionReportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const report = await this.reports.report(caller, q);
    const format = q.format ?? 'json';
    if (format === 'json') return void (await reply.send(report));
    const name = `supervision-report-${q.from ?? 'all'}-${q.to ?? 'all'}.${format}`;
    const [type, body] =
      format === 'csv'
        ? ['text/csv; charset=utf-8', this.reports.csv(report)]
        : ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await this.reports.xlsx(report)];
    await reply.header('content-type', type).header('content-disposition', attachment(name, name)).header('cache-control', 'no-store').send(body);
  }
}
