import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditAccessAction, AuditAccessLogService } from '@qf/audit';
import type { AuthUser } from '@qf/common';
import { from, Observable, switchMap } from 'rxjs';

const AUDITED_READ = 'qf:audited-read';

/**
 * Writes one audit_access_log row (who, which read, the query parameters — or the body of a POST)
 * before the handler runs: a read of audit data that could not be logged does not happen.
 */
@Injectable()
export class AuditedReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AuditAccessLogService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<AuditAccessAction>(AUDITED_READ, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest<{ user?: AuthUser; query?: Record<string, unknown>; body?: unknown; method: string }>();
    if (!action || !req.user) return next.handle();
    const params = req.method === 'GET' ? (req.query ?? {}) : typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    return from(this.accessLog.record(req.user, action, params)).pipe(switchMap(() => next.handle()));
  }
}

/** The route reads audit data: each call is recorded in the audit access log (GET /audit/access-log). */
export const AuditedRead = (action: AuditAccessAction) => applyDecorators(SetMetadata(AUDITED_READ, action), UseInterceptors(AuditedReadInterceptor));
