import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { BadInputError, localDateRange, NotFoundError } from '@qf/common';
import { Env } from '@qf/config';
import { subtreeUnitIds } from '@qf/identity';
import { DataSource } from 'typeorm';

/** What an audit query covers: a unit subtree (or the whole organisation) and local calendar dates. */
export interface AuditRangeInput {
  unitId?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive. */
  from?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive. */
  to?: string;
}

export interface AuditScope {
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
 * Resolves and checks an audit range (404 for an unknown unit, 400 for `from` after `to`), and
 * builds the one SQL filter every audit query shares: the COMPLETED sessions of the unit's subtree
 * that START inside the local date range. A session at 23:30 local on the `to` date counts; one at
 * 00:30 the day after does not.
 */
@Injectable()
export class AuditScopeResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
  ) {}

  get zone(): string {
    return this.config.get('ORG_TIMEZONE', { infer: true });
  }

  async resolve(input: AuditRangeInput): Promise<AuditScope> {
    if (input.from && input.to && input.from > input.to) throw new BadInputError('from must not be after to');
    let unitName: string | null = null;
    if (input.unitId) {
      const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM units WHERE id = $1`, [input.unitId]);
      if (rows.length === 0) throw new NotFoundError('unit');
      unitName = rows[0].name;
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

/**
 * SQL condition on the sessions alias `s` selecting the scope's completed sessions, with its bind
 * parameters numbered from `firstParam`. Backed by sessions_completed_idx (unit_id, starts_at)
 * and units_path_idx.
 */
export function completedSessionsFilter(scope: AuditScope, firstParam = 1, alias = 's'): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const conditions = [`${alias}.status = 'completed'`];
  if (scope.unitId) {
    conditions.push(`${alias}.unit_id IN (${subtreeUnitIds(p(scope.unitId))})`);
  }
  if (scope.start) conditions.push(`${alias}.starts_at >= ${p(scope.start)}`);
  if (scope.end) conditions.push(`${alias}.starts_at < ${p(scope.end)}`);
  return { sql: conditions.join(' AND '), params };
}
