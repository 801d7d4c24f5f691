/**
 * Domain errors thrown by feature services (which the worker runs too), mapped to HTTP statuses in one
 * place: the api's exception filter. Messages are safe to show to the client.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the input breaks a business rule that validation could not see. */
export class BadInputError extends DomainError {
  readonly status = 400;
}
/** 403: the caller's role or scope forbids the action on an object they may see. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}
/** 404: missing, or not visible to the caller (never leak existence). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what = 'resource') {
    super(`${what} not found`);
  }
}
/** 409: the object's state forbids the action. */
export class ConflictError extends DomainError {
  readonly status = 409;
}
/** 429: too many attempts. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
}
/** 401: bad credentials or token. */
export class UnauthorizedError extends DomainError {
  readonly status = 401;
}
