import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { AssignmentsService } from '@qf/reflections';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import {
  AssignmentCreatedDto,
  AssignmentDto,
  AssignmentPageDto,
  CreateAssignmentDto,
  ListAssignmentsQueryDto,
  ListTasksQueryDto,
} from './dto/assignment.dto';
import { TaskPageDto } from './dto/task.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';
import { IdParam } from '../common/id-param';

@ApiTags('reflections')
@Authenticated()
@Controller('reflections/assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post()
  @HttpCode(202)
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary: 'Assign a reflection essay; the worker creates one task per person of the audience, then opens it',
    description: 'Organisers: every audience unit, user and session must be in their units. Unknown units, users or sessions are 400.',
  })
  @ApiAcceptedResponse({ type: AssignmentCreatedDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAssignmentDto): Promise<AssignmentCreatedDto> {
    return this.assignments.create(user, dto) as Promise<AssignmentCreatedDto>;
  }

  @Get()
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Assignments with counts: organisers see theirs (owned by or addressed to their units, or holding a task of their people), auditors and admins all',
    description: 'Counts cover the tasks the caller may read: an organiser counts only the people of their units.',
  })
  @ApiOkResponse({ type: AssignmentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListAssignmentsQueryDto): Promise<AssignmentPageDto> {
    return this.assignments.list(user, query);
  }

  @Get(':id')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'One assignment with counts (an organiser’s counts cover only the people of their units)' })
  @ApiOkResponse({ type: AssignmentDto })
  get(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<AssignmentDto> {
    return this.assignments.get(user, id);
  }

  @Get(':id/tasks')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The assignment’s tasks, filterable by status and warning colour (computed from the clock)',
    description: 'Auditors and admins: every task; an organiser: only the tasks of people of their units (by the person’s unit, not the assignment’s).',
  })
  @ApiOkResponse({ type: TaskPageDto })
  tasks(@CurrentUser() user: AuthUser, @IdParam() id: string, @Query() query: ListTasksQueryDto): Promise<TaskPageDto> {
    return this.assignments.tasks(user, id, query);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary: 'Close the assignment: no more drafts or submissions',
    description:
      'The creator, an organiser of every audience unit (and of every task owner’s unit), or an admin; another organiser who reads the assignment gets 403.',
  })
  @ApiConflict('The assignment is still being dispatched')
  @ApiOkResponse({ type: AssignmentDto })
  close(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<AssignmentDto> {
    return this.assignments.close(user, id);
  }
}
