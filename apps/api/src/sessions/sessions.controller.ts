import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { SessionSeriesService, SessionsService } from '@qf/sessions';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import {
  CancelSessionDto,
  CreateSeriesDto,
  CreateSessionDto,
  ListSessionsQueryDto,
  SeriesResultDto,
  SessionDto,
  SessionPageDto,
  UpdateSessionDto,
} from './dto/session.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';
import { IdParam } from '../common/id-param';

@ApiTags('sessions')
@Authenticated()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly series: SessionSeriesService,
  ) {}

  @Post()
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Create a draft session in one of your units; a friday_study menu must cover the required kinds with main items' })
  @ApiConflict('Another session of the unit already starts at that time')
  @ApiCreatedResponse({ type: SessionDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateSessionDto): Promise<SessionDto> {
    return this.sessions.create(caller, dto);
  }

  @Post('series')
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary:
      'Weekly friday_study drafts on a weekday (default Friday) in the org time zone, at most 60; existing sessions at the same start are returned in skipped',
  })
  @ApiCreatedResponse({ type: SeriesResultDto })
  createSeries(@CurrentUser() caller: AuthUser, @Body() dto: CreateSeriesDto): Promise<SeriesResultDto> {
    return this.series.create(caller, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Visible sessions ordered by startsAt; from/to are inclusive local dates' })
  @ApiOkResponse({ type: SessionPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() query: ListSessionsQueryDto): Promise<SessionPageDto> {
    return this.sessions.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A session (404 unless visible to the caller)' })
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<SessionDto> {
    return this.sessions.get(caller, id);
  }

  @Patch(':id')
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Change a draft or published session; the roster of a published one is told of a new time or place' })
  @ApiOkResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'completed or cancelled, or another session of the unit starts at that time' })
  update(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: UpdateSessionDto): Promise<SessionDto> {
    return this.sessions.update(caller, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: "Publish a draft: the roster becomes the unit's people at this moment, who are notified" })
  @ApiOkResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'not a draft' })
  publish(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<SessionDto> {
    return this.sessions.publish(caller, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Cancel a draft or published session; the roster is notified' })
  @ApiOkResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'already completed or cancelled' })
  cancel(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: CancelSessionDto): Promise<SessionDto> {
    return this.sessions.cancel(caller, id, dto.reason);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Complete a started session: every expected record becomes absent; completing twice is harmless' })
  @ApiOkResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'not published, or startsAt has not passed' })
  complete(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<SessionDto> {
    return this.sessions.complete(caller, id);
  }
}
