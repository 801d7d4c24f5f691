import { Body, Controller, Get, HttpCode, NotFoundException, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { AuthUser } from '@qf/common';
import { AuthService, UsersService } from '@qf/identity';
import type { FastifyRequest } from 'fastify';
import { AllowedBeforePasswordChange, Authenticated, CurrentUser } from '../common/auth.decorators';
import { ChangePasswordDto, UserDto } from './dto/user.dto';

@ApiTags('me')
@Authenticated()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    const view = await this.users.findView(user.id);
    if (!view) throw new NotFoundException('user not found');
    return view;
  }

  @Post('password')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the own password (new one ≥ 10 characters); older tokens stop working',
    description: 'A wrong currentPassword counts as a failed login of the user: past the login limit, 429.',
  })
  @ApiNoContentResponse()
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this user or address' })
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: FastifyRequest): Promise<void> {
    await this.auth.changePassword(user.id, dto.currentPassword, dto.newPassword, req.ip);
  }
}
