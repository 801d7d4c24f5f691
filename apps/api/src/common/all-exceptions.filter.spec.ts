import type { ArgumentsHost } from '@nestjs/common';
import { BadInputError, ConflictError, DomainError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '@qf/common';
import { RetryLaterError } from '@qf/attendance';
import { AllExceptionsFilter } from './all-exceptions.filter';

/** Runs the filter on one exception; returns the status, headers and JSON body it sent. */
function reply(exception: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const res = {
    status(s: number) {
      sent.status = s;
      return res;
    },
    header(k: string, v: string) {
      sent.headers[k] = v;
      return res;
    },
    send(b: string) {
      sent.body = JSON.parse(b);
      return res;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter: domain error kinds → HTTP', () => {
  it.each<[DomainError, number, string]>([
    [new BadInputError('bad'), 400, 'Bad Request'],
    [new UnauthorizedError('who'), 401, 'Unauthorized'],
    [new ForbiddenError('no'), 403, 'Forbidden'],
    [new NotFoundError('session'), 404, 'Not Found'],
    [new ConflictError('state'), 409, 'Conflict'],
    [new TooManyRequestsError('slow down'), 429, 'Too Many Requests'],
    [new RetryLaterError('busy'), 503, 'Service Unavailable'],
  ])('%s → %i', (err, status, error) => {
    const sent = reply(err);
    expect(sent.status).toBe(status);
    expect(sent.body).toEqual({ statusCode: status, message: err.message, error });
  });

  it('asks for a retry after a second on 503', () => {
    expect(reply(new RetryLaterError('busy')).headers['retry-after']).toBe('1');
  });

  it('keeps anything unknown a 500 with an error id and nothing internal', () => {
    const sent = reply(new Error('secret detail'));
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ statusCode: 500, message: 'Internal server error', error: 'Internal Server Error', errorId: expect.any(String) });
  });
});
