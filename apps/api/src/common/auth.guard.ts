import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@qf/database';
import { AuthService } from '@qf/identity';
import { ALLOWED_BEFORE_PASSWORD_CHANGE, IS_PUBLIC, ROLES } from './auth.decorators';

/**
 * Global guard: a valid bearer token on every route not marked @Public; a user whose password an
 * admin reset gets 403 `password change required` everywhere but GET /me and POST /me/password; then
 * the @Roles check.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers?.authorization;
    const token = typeof header === 'string' && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) throw new UnauthorizedException('a valid bearer token is required');
    request.user = user;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)) {
      throw new ForbiddenException('password change required');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`this action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
