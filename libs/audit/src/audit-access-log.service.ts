import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser, Page } from '@qf/common';
import { DataSource } from 'typeorm';

/** What was read: one value per audited route. */
export type AuditAccessAction = 'summary' | 'log' | 'export' | 'anomalies' | 'verify' | 'checkpoint' | 'verify_checkpoint';

export interface AuditAccessEntry {
  id: number;
  at: Date;
  userId: string;
  username: string;
  role: string;
  action: string;
  params: Record<string, unknown>;
}

export interface AuditAccessQuery {
  limit: number;
  offset: number;
  userId?: string;
  action?: string;
}

/** Longest string kept per parameter (a request's parameters are evidence, not a storage service). */
const MAX_PARAM_CHARS = 500;

function boundedParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {}).slice(0, 20)) {
    if (typeof v === 'string') out[k.slice(0, 100)] = v.slice(0, MAX_PARAM_CHARS);
    else {
      const text = JSON.stringify(v ?? null);
      out[k.slice(0, 100)] = text.length > MAX_PARAM_CHARS ? text.slice(0, MAX_PARAM_CHARS) : (v ?? null);
    }
  }
  return out;
}

/**
 * Reads of audit data are themselves audited: one append-only row per call (audit_access_log; its
 * triggers refuse UPDATE, DELETE and TRUNCATE, and the app role may only SELECT and INSERT it).
 */
@Injectable()
export class AuditAccessLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(user: AuthUser, action: AuditAccessAction, params: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`INSERT INTO audit_access_log (user_id, username, role, action, params) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      user.id,
      user.username,
      user.role,
      action,
      JSON.stringify(boundedParams(params)),
    ]);
  }

  /** Newest first. */
  async list(q: AuditAccessQuery): Promise<Page<AuditAccessEntry>> {
    const where = `($1::uuid IS NULL OR user_id = $1) AND ($2::text IS NULL OR action = $2)`;
    const args = [q.userId ?? null, q.action ?? null];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT id::float8 AS id, at, user_id AS "userId", username, role, action, params
           FROM audit_access_log WHERE ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`,
        [...args, q.limit, q.offset],
      ),
      this.dataSource.query(`SELECT count(*)::float8 AS total FROM audit_access_log WHERE ${where}`, args),
    ]);
    return { items, total };
  }
}
