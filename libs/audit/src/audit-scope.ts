import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BadInputError, localDateRange, NotFoundError } from '@qf/common';
import type { CompletedSessionsRange } from '@qf/attendance';
import { Env } from '@qf/config';
import { UnitRepository } from '@qf/identity';

/** What an audit query covers: a unit subtree (or the whole organisation) and local calendar dates. */
export interface AuditRangeInput {
  unitId?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive. */
  from?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive. */
  to?: string;
}

export interface AuditScope extends CompletedSessionsRange {
  unitId: string | null;
  /** Name of the unit, or null for the whole organisation. */
  unitName: string | null;
  from: string | null;
  to: string | null;
  /** Half-open instant range [start, end) of the local dates. */
  start: Date | null;
  end: Date | null;
  zone: string;
}

/**
 * Resolves and checks an audit range (404 for an unknown unit, 400 for `from` after `to`). Every
 * audit query covers what AttendanceRepository's one filter selects from a scope (a
 * CompletedSessionsRange): the COMPLETED sessions of the unit's subtree that START inside the local
 * date range. A session at 23:30 local on the `to` date counts; one at 00:30 the day after does not.
 */
@Injectable()
export class AuditScopeResolver {
  constructor(
    private readonly units: UnitRepository,
    private readonly config: ConfigService<Env, true>,
  ) {}

  get zone(): string {
    return this.config.get('ORG_TIMEZONE', { infer: true });
  }

  async resolve(input: AuditRangeInput): Promise<AuditScope> {
    if (input.from && input.to && input.from > input.to) throw new BadInputError('from must not be after to');
    let unitName: string | null = null;
    if (input.unitId) {
      const name = await this.units.nameOf(input.unitId);
      if (name === undefined) throw new NotFoundError('unit');
      unitName = name;
    }
    const zone = this.zone;
    let range: { start?: Date; end?: Date };
    try {
      range = localDateRange(input.from, input.to, zone);
    } catch {
      throw new BadInputError('from and to must be calendar dates (YYYY-MM-DD)');
    }
    return {
      unitId: input.unitId ?? null,
      unitName,
      from: input.from ?? null,
      to: input.to ?? null,
      start: range.start ?? null,
      end: range.end ?? null,
      zone,
    };
  }
}
