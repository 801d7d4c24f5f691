import { Body, Controller, Get, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@qf/common';
import { AuthService, UsersService } from '@qf/identity';
import { Authenticated, CurrentUser } from '../common/auth.decorators';
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
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    const view = await this.users.findView(user.id);
    if (!view) throw new NotFoundException('user not found');
    return view;
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the own password (new one ≥ 10 characters); older tokens stop working' })
  @ApiNoContentResponse()
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user.id, dto.currentPassword, dto.newPassword);
  }
}
