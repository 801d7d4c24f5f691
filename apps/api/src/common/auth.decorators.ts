import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '@qf/common';
import type { Role } from '@qf/database';
import { PUBLIC_EXTENSION } from '../openapi/contract-defaults';

export const IS_PUBLIC = 'qf:public';
export const ROLES = 'qf:roles';
export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'qf:allowed-before-password-change';

/** No token needed (login, health); the OpenAPI document says `security: []` for it. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Callable while an admin-reset password still has to be changed (GET /me, POST /me/password). */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

/**
 * Roles allowed to call the endpoint (any authenticated caller when absent). Object-level checks
 * (which unit, whose record) happen in the services through AccessPolicy.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiExtension('x-roles', roles),
    ApiForbiddenResponse({ description: `Only ${roles.join(', ')} (and only within their scope)` }),
  );

/** Marks a controller as needing a bearer token, in the OpenAPI document. */
export const Authenticated = () => applyDecorators(ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Missing or invalid token' }));

/** The authenticated caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
