import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { PageQueryDto } from '../common/page-query';
import { RectificationCampaignsService } from '@qf/supervision';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { IdParam } from '../common/id-param';
import { CampaignDto, CampaignPageDto, CreateCampaignDto, FiledListDto, FileListDto, MyListDto } from './dto/rectification.dto';

@ApiTags('rectification')
@Authenticated()
@Controller('rectification/campaigns')
export class RectificationController {
  constructor(private readonly campaigns: RectificationCampaignsService) {}

  @Post()
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Open a rectification campaign (整改清单) for your units; their people are told to file a list by listDueAt' })
  @ApiCreatedResponse({ type: CampaignDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(caller, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Campaigns: the ones you created, must file in, or that cover your units (auditors and admins: all); latest filing deadline first' })
  @ApiOkResponse({ type: CampaignPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() q: PageQueryDto): Promise<CampaignPageDto> {
    return this.campaigns.list(caller, q);
  }

  @Get(':id/my-list')
  @ApiOperation({ summary: 'Your own list in a campaign you must file in: whether you filed, and your entries (404 to anyone else)' })
  @ApiOkResponse({ type: MyListDto })
  @ApiNotFoundResponse()
  myList(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<MyListDto> {
    return this.campaigns.myList(caller, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Who filed, who has not, and the entries’ open / closed / overdue counts (creator, organisers of its units, auditors, admins)' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<CampaignDto> {
    return this.campaigns.get(caller, id);
  }

  @Post(':id/my-list')
  @Roles('member', 'organiser')
  @ApiOperation({ summary: 'File your list once: each entry becomes a rectification item you own and the campaign’s creator supervises' })
  @ApiCreatedResponse({ type: FiledListDto })
  @ApiConflictResponse({ description: 'already filed' })
  file(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: FileListDto): Promise<FiledListDto> {
    return this.campaigns.fileMyList(caller, id, dto.items);
  }
}
