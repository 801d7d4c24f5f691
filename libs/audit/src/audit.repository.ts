import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page } from '@qf/common';
import { empty, join, many, one, page, Sql, sql } from '@qf/database';
import { DataSource } from 'typeorm';

/** A row of audit_access_log as read back. */
export interface AuditAccessEntry {
  id: number;
  at: Date;
  userId: string;
  username: string;
  role: string;
  action: string;
  params: Record<string, unknown>;
}

export interface NewAuditAccess {
  userId: string;
  username: string;
  role: string;
  action: string;
  params: Record<string, unknown>;
}

export interface AuditAccessFilter {
  limit: number;
  offset: number;
  userId?: string;
  action?: string;
}

/**
 * All SQL of the audit's own table, audit_access_log (append-only: its triggers refuse UPDATE,
 * DELETE and TRUNCATE, and the app role may only SELECT and INSERT it). The attendance tables the
 * audit reads are AttendanceRepository's.
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordAccess(e: NewAuditAccess): Promise<void> {
    await many(
      this.dataSource,
      sql`INSERT INTO audit_access_log (user_id, username, role, action, params)
          VALUES (${e.userId}, ${e.username}, ${e.role}, ${e.action}, ${JSON.stringify(e.params)}::jsonb)`,
    );
  }

  /** Newest first. */
  async accessPage(f: AuditAccessFilter): Promise<Page<AuditAccessEntry>> {
    const conditions: Sql[] = [];
    if (f.userId) conditions.push(sql`user_id = ${f.userId}::uuid`);
    if (f.action) conditions.push(sql`action = ${f.action}`);
    const where = conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : empty;
    const [items, count] = await Promise.all([
      many<AuditAccessEntry>(
        this.dataSource,
        sql`SELECT id::float8 AS id, at, user_id AS "userId", username, role, action, params
              FROM audit_access_log ${where} ORDER BY id DESC ${page(f.limit, f.offset)}`,
      ),
      one<{ total: number }>(this.dataSource, sql`SELECT count(*)::float8 AS total FROM audit_access_log ${where}`),
    ]);
    return { items, total: count!.total };
  }
}
