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

/**
 * The base of the errors of one kind, so that each error below is its name, its kind and what it
 * means: `export class GoneError extends errorOfKind('not_found') {}`.
 */
export function errorOfKind<K extends DomainErrorKind>(kind: K) {
  abstract class ErrorOfKind extends DomainError {
    readonly kind: K = kind;
  }
  return ErrorOfKind;
}

/** The input breaks a business rule that validation could not see. */
export class BadInputError extends errorOfKind('invalid') {}
/** The caller's role or scope forbids the action on an object they may see. */
export class ForbiddenError extends errorOfKind('forbidden') {}
/** Missing, or not visible to the caller (never leak existence). */
export class NotFoundError extends errorOfKind('not_found') {
  constructor(what = 'resource') {
    super(`${what} not found`);
  }
}
/** The object's state forbids the action. */
export class ConflictError extends errorOfKind('conflict') {}
/** Too many attempts. */
export class TooManyRequestsError extends errorOfKind('too_many') {}
/** Bad credentials or token. */
export class UnauthorizedError extends errorOfKind('unauthorized') {}
