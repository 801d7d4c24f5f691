import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { TasksService } from '@qf/reflections';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { MyTasksQueryDto } from './dto/assignment.dto';
import { ExtendDto, ReviewDto, TaskBodyDto, TaskDto, TaskPageDto } from './dto/task.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';
import { IdParam } from '../common/id-param';

@ApiTags('reflections')
@Authenticated()
@Controller()
export class ReflectionTasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('me/reflection-tasks')
  @ApiOperation({ summary: 'Own reflection tasks, soonest due first (without similarity: it is for reviewers)' })
  @ApiOkResponse({ type: TaskPageDto })
  mine(@CurrentUser() user: AuthUser, @Query() query: MyTasksQueryDto): Promise<TaskPageDto> {
    return this.tasks.mine(user, query);
  }

  @Get('reflection-tasks/:id')
  @ApiOperation({
    summary: 'A task: its owner (without similarity), organisers of the owner’s unit, auditors and admins (others get 404)',
  })
  @ApiOkResponse({ type: TaskDto })
  get(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<TaskDto> {
    return this.tasks.get(user, id);
  }

  @Put('reflection-tasks/:id/draft')
  @Roles('member', 'organiser', 'admin')
  @ApiOperation({ summary: 'Save a draft of one’s own task (assigned, draft or returned; assignment open)' })
  @ApiConflict('The assignment is closed, or the task is submitted or approved')
  @ApiOkResponse({ type: TaskDto })
  draft(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: TaskBodyDto): Promise<TaskDto> {
    return this.tasks.saveDraft(user, id, dto.body);
  }

  @Post('reflection-tasks/:id/submit')
  @HttpCode(200)
  @Roles('member', 'organiser', 'admin')
  @ApiOperation({
    summary: 'Submit one’s own task; committed to the database before the response (works with Redis down)',
    description:
      'Needs the assignment’s minChars 字 and at most 20,000; allowed while assigned, draft, submitted or returned and the assignment is open (else 409). ' +
      'At most 5 accepted submissions per task per minute (else 429); each accepted submission queues its own similarity job.',
  })
  @ApiConflict('The assignment is closed, or the task is approved')
  @ApiOkResponse({ type: TaskDto })
  @ApiTooManyRequestsResponse({ description: 'more than 5 accepted submissions of this task within a minute' })
  submit(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: TaskBodyDto): Promise<TaskDto> {
    return this.tasks.submit(user, id, dto.body);
  }

  @Post('reflection-tasks/:id/review')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary: 'Approve or return (comment required) a submitted task; the owner is notified',
    description: 'Organisers of the owner’s unit and admins (another organiser: 404). Nobody but an admin reviews their own task: 403.',
  })
  @ApiConflict('The task is not submitted')
  @ApiOkResponse({ type: TaskDto })
  review(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: ReviewDto): Promise<TaskDto> {
    return this.tasks.review(user, id, dto.decision, dto.comment);
  }

  @Post('reflection-tasks/:id/extend')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary: 'Give one person a later due time than the assignment’s; its yellow and red reminders start afresh',
    description: 'Organisers of the owner’s unit and admins (another organiser: 404). Nobody but an admin extends their own task: 403.',
  })
  @ApiConflict('The task is approved')
  @ApiOkResponse({ type: TaskDto })
  extend(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: ExtendDto): Promise<TaskDto> {
    return this.tasks.extend(user, id, dto.dueAt);
  }
}
