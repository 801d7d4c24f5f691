/**
 * What went wrong, in domain terms. libs know no HTTP: the api's exception filter
 * (apps/api/src/common/all-exceptions.filter.ts) maps each kind to a status; the worker logs them.
 */
export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_many' | 'unavailable';

/** Domain errors thrown by feature services (which the worker runs too). Messages are safe to show to the client. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input breaks a business rule that validation could not see. */
export class BadInputError extends DomainError {
  readonly kind = 'invalid';
}
/** The caller's role or scope forbids the action on an object they may see. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}
/** Missing, or not visible to the caller (never leak existence). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(what = 'resource') {
    super(`${what} not found`);
  }
}
/** The object's state forbids the action. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}
/** Too many attempts. */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'too_many';
}
/** Bad credentials or token. */
export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}
