import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@qf/common';
import { ReadingListsService, ReadingProgressService } from '@qf/reading';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { CreateReadingListDto, ListReadingListsQueryDto, ReadingListDetailDto, ReadingListDto, ReadingListPageDto } from './dto/reading-list.dto';
import { OwnProgressDto } from './dto/reading-list.dto';
import { ProgressReportDto, ProgressReportQueryDto, PutProgressDto } from './dto/reading-progress.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';
import { IdParam } from '../common/id-param';

@ApiTags('reading lists')
@Authenticated()
@Controller('reading-lists')
export class ReadingListsController {
  constructor(
    private readonly lists: ReadingListsService,
    private readonly progress: ReadingProgressService,
  ) {}

  @Post()
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary: 'Create a year’s reading list (年度党风党纪教育清单)',
    description:
      'Organisers create lists for their units (their own unit when unitId is omitted); admins for any unit or, without unitId, ' +
      'for the whole organisation. The same title for the same year and scope is 409.',
  })
  @ApiConflict('A list of that title for that year already exists in this scope')
  @ApiCreatedResponse({ type: ReadingListDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateReadingListDto): Promise<ReadingListDto> {
    return this.lists.create(user, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Reading lists visible to the caller, newest year first, with the caller’s own totals',
    description:
      'Visible as sessions are: organisation-wide lists to everyone; a unit’s list to the people of its subtree, ' +
      'to organisers managing the unit, to auditors and admins.',
  })
  @ApiOkResponse({ type: ReadingListPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListReadingListsQueryDto): Promise<ReadingListPageDto> {
    return this.lists.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One list with its items and the caller’s own progress on each' })
  @ApiOkResponse({ type: ReadingListDetailDto })
  @ApiNotFoundResponse({ description: 'Missing or not visible to the caller' })
  detail(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<ReadingListDetailDto> {
    return this.lists.detail(user, id);
  }

  @Put(':id/items/:itemId/progress')
  @Roles('member', 'organiser', 'admin')
  @ApiOperation({
    summary: 'Set the caller’s own progress on an item',
    description: 'Only ever the caller’s own record. An unknown item, an item of another list or a list the caller cannot see is 404.',
  })
  @ApiOkResponse({ type: OwnProgressDto })
  @ApiNotFoundResponse({ description: 'Missing or not visible to the caller' })
  putProgress(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Body() dto: PutProgressDto,
  ): Promise<OwnProgressDto> {
    return this.progress.putOwn(user, id, itemId, dto);
  }

  @Get(':id/progress')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Per-member progress on a list',
    description:
      'Members: the people of the list’s unit subtree (everyone for an organisation-wide list), narrowed to unitId’s subtree. ' +
      'Organisers report on their units only; without unitId they get the list’s unit if they manage it, else their own unit. ' +
      'completion = finishedRequired / required, 4 decimals.',
  })
  @ApiOkResponse({ type: ProgressReportDto })
  @ApiNotFoundResponse({ description: 'Missing or not visible to the caller' })
  report(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: ProgressReportQueryDto,
  ): Promise<ProgressReportDto> {
    return this.progress.report(user, id, query.unitId);
  }
}
