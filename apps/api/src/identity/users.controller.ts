import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, BadInputError } from '@qf/common';
import { AuthService, UserImportService, UsersService } from '@qf/identity';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { CreateUserDto, ImportResultDto, ListUsersQueryDto, ResetPasswordDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';
import { IdParam } from '../common/id-param';

@ApiTags('users')
@Authenticated()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly importer: UserImportService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user; a taken username is 409' })
  @ApiConflict('The username is taken (whatever its case)')
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'CSV with header `username,displayName,role,unit,password`; unit = unit id or exact name',
    schema: { type: 'string', example: 'username,displayName,role,unit,password\nliming,李明,member,第一党支部,change-me-2026' },
  })
  @ApiOperation({ summary: 'Import users from CSV: bad lines are reported with their line number, existing usernames skipped' })
  @ApiOkResponse({ type: ImportResultDto })
  import(@Req() req: FastifyRequest): Promise<ImportResultDto> {
    if (typeof req.body !== 'string') throw new BadInputError('send the CSV as the body with Content-Type: text/csv');
    return this.importer.import(req.body);
  }

  @Get()
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'Users: organisers see their units, auditors and admins everyone' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(caller, query);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a user (deactivating one revokes their tokens)' })
  @ApiOkResponse({ type: UserDto })
  update(@IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }

  @Post(':id/password')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Reset a forgotten password (admin)',
    description:
      'Every token of the user is revoked; their next login answers `user.mustChangePassword: true`, and until they change it ' +
      'through POST /me/password every call but GET /me answers 403 `password change required`.',
  })
  @ApiNoContentResponse()
  async resetPassword(@IdParam() id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.auth.resetPassword(id, dto.newPassword);
  }
}
