import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError } from '@qf/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Keeps NestJS's error body `{statusCode, message, error}`. Domain errors map to their status; client
 * errors raised by Fastify (body too large, malformed JSON) keep theirs; database errors caused by
 * input (bad uuid, value out of range) become 400, and transient conflicts that rolled everything back
 * (serialization failure, deadlock) 503. Anything else is a real 500: the body carries an
 * error id that is also in the log, and nothing internal.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    const request = host.switchToHttp().getRequest();
    const { status, body } = this.toResponse(exception);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) {
      const errorId = randomUUID();
      this.logger.error({ err: exception, errorId, reqId: request?.id, url: request?.url }, `unhandled error ${errorId}`);
      Object.assign(body, { errorId });
    }
    if (status === HttpStatus.SERVICE_UNAVAILABLE) reply.header('retry-after', '1');
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  }

  private toResponse(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const body = typeof res === 'string' ? { statusCode: status, message: res, error: STATUS_CODES[status] } : { ...(res as object) };
      return { status, body: status === HttpStatus.INTERNAL_SERVER_ERROR ? this.internal(status) : body };
    }
    if (exception instanceof DomainError) {
      return { status: exception.status, body: { statusCode: exception.status, message: exception.message, error: STATUS_CODES[exception.status] } };
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        status: fastifyStatus,
        body: { statusCode: fastifyStatus, message: (exception as Error).message, error: STATUS_CODES[fastifyStatus] },
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string })?.code ?? '';
      // 22xxx: data exception (invalid text representation, out of range…) — the input was bad.
      if (code.startsWith('22')) return { status: 400, body: { statusCode: 400, message: 'invalid value in request', error: 'Bad Request' } };
      // 40001 serialization failure (e.g. an attendance entry caught behind the sealed end of the
      // chain), 40P01 deadlock, 55P03 lock not available: nothing was committed; the client retries.
      if (['40001', '40P01', '55P03'].includes(code)) return { status: 503, body: { statusCode: 503, message: 'busy, nothing was changed; please retry', error: 'Service Unavailable' } };
      // 57014 query canceled: statement_timeout (DB_STATEMENT_TIMEOUT_MS) cut it short; rolled back.
      if (code === '57014') return { status: 503, body: { statusCode: 503, message: 'the database took too long, nothing was changed; please retry', error: 'Service Unavailable' } };
    }
    if (isConnectionLoss(exception)) {
      // The database connection went away mid-request (restart, failover). Write paths are
      // idempotent, so the client can safely retry.
      return { status: 503, body: { statusCode: 503, message: 'database connection lost; please retry', error: 'Service Unavailable' } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: this.internal(500) };
  }

  private internal(status: number): Record<string, unknown> {
    return { statusCode: status, message: 'Internal server error', error: STATUS_CODES[status] };
  }
}

/** Connection lost: admin shutdown / crash (57P01–57P03), connection exceptions (08xxx) or a client-side close. */
function isConnectionLoss(exception: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection dies; the next query (or the
  // COMMIT, which then never reached the server: nothing was committed) says so, in one of two classes.
  if (exception instanceof QueryRunnerProviderAlreadyReleasedError || exception instanceof QueryRunnerAlreadyReleasedError) return true;
  const err = (exception instanceof QueryFailedError ? exception.driverError : exception) as { code?: string; message?: string } | undefined;
  const code = err?.code ?? '';
  return code.startsWith('57P') || code.startsWith('08') || /Connection terminated|connection error|not queryable|connection timeout|ECONNREFUSED|ECONNRESET/i.test(err?.message ?? '');
}
