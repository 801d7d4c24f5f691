import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthService } from '@qf/identity';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/auth.decorators';
import { LoginDto } from './dto/login.dto';
import { LoginResultDto } from './dto/user.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password' })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this username or address' })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginResultDto> {
    return this.auth.login(dto.username, dto.password, req.ip);
  }
}
