import { Injectable } from '@nestjs/common';
import { AttendanceRepository, SealedLogEntry } from '@qf/attendance';
import { BadInputError, localDateRange, Page } from '@qf/common';
import { AuditScopeResolver } from './audit-scope';

export interface AuditLogQuery {
  sessionId?: string;
  userId?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive, on the entry's `at`. */
  from?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive, on the entry's `at`. */
  to?: string;
  limit: number;
  offset: number;
}

/** A log entry with its seal (see HashableLogEntry for the fields the chain covers). */
export type AuditLogEntry = SealedLogEntry;

/**
 * The attendance log in `seq` order with its seals (AttendanceRepository.logPage), filtered by
 * session, person and local dates.
 */
@Injectable()
export class AttendanceLogQueryService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly scopes: AuditScopeResolver,
  ) {}

  async list(q: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    if (q.from && q.to && q.from > q.to) throw new BadInputError('from must not be after to');
    let range: { start?: Date; end?: Date };
    try {
      range = localDateRange(q.from, q.to, this.scopes.zone);
    } catch {
      throw new BadInputError('from and to must be calendar dates (YYYY-MM-DD)');
    }
    return this.attendance.logPage({ sessionId: q.sessionId, userId: q.userId, start: range.start, end: range.end, limit: q.limit, offset: q.offset });
  }
}
