import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { PageQueryDto } from '../common/page-query';
import { TalkPlansService, TalksService } from '@qf/integrity';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { CoverageDto, CreateTalkPlanDto, TalkPlanDto, TalkPlanPageDto } from './dto/talk-plan.dto';
import { CreateTalkDto, ListTalksQueryDto, TalkDto, TalkPageDto } from './dto/talk.dto';
import { IdParam } from '../common/id-param';

@ApiTags('integrity')
@Authenticated()
@Controller()
export class TalksController {
  constructor(
    private readonly talks: TalksService,
    private readonly plans: TalkPlansService,
  ) {}

  @Post('talks')
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Record an integrity talk (廉政谈话) with a person of your units; follow-ups become talk_followup supervision items' })
  @ApiCreatedResponse({ type: TalkDto })
  record(@CurrentUser() caller: AuthUser, @Body() dto: CreateTalkDto): Promise<TalkDto> {
    return this.talks.record(caller, dto);
  }

  @Get('talks')
  @ApiOperation({ summary: 'Talks the caller may see (talker, talkee, organisers of the talkee’s units, auditors, admins), newest first' })
  @ApiOkResponse({ type: TalkPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() q: ListTalksQueryDto): Promise<TalkPageDto> {
    return this.talks.list(caller, q);
  }

  @Get('talks/:id')
  @ApiOperation({ summary: 'A talk (404 to those who may not see it; the talkee of a private talk reads no summary)' })
  @ApiOkResponse({ type: TalkDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<TalkDto> {
    return this.talks.get(caller, id);
  }

  @Post('talk-plans')
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'A talk plan: every person of the unit must have a talk of the kind within the period (谈话全覆盖)' })
  @ApiCreatedResponse({ type: TalkPlanDto })
  createPlan(@CurrentUser() caller: AuthUser, @Body() dto: CreateTalkPlanDto): Promise<TalkPlanDto> {
    return this.plans.create(caller, dto);
  }

  @Get('talk-plans')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'Talk plans of your units (organisers), all plans (auditors, admins), latest period first' })
  @ApiOkResponse({ type: TalkPlanPageDto })
  listPlans(@CurrentUser() caller: AuthUser, @Query() q: PageQueryDto): Promise<TalkPlanPageDto> {
    return this.plans.list(caller, q.limit, q.offset);
  }

  @Get('talk-plans/:id/coverage')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'Coverage of a plan: required vs done, who is missing, follow-ups open/closed/overdue' })
  @ApiOkResponse({ type: CoverageDto })
  @ApiNotFoundResponse()
  coverage(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<CoverageDto> {
    return this.plans.coverage(caller, id);
  }
}
