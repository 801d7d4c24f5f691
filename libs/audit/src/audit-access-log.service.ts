import { Injectable } from '@nestjs/common';
import type { AuthUser, Page } from '@qf/common';
import { AuditAccessEntry, AuditAccessFilter, AuditRepository } from './audit.repository';

/** What was read: one value per audited route. */
export type AuditAccessAction = 'summary' | 'log' | 'export' | 'anomalies' | 'verify' | 'checkpoint' | 'verify_checkpoint';

export type AuditAccessQuery = AuditAccessFilter;

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
  constructor(private readonly repo: AuditRepository) {}

  async record(user: AuthUser, action: AuditAccessAction, params: Record<string, unknown>): Promise<void> {
    await this.repo.recordAccess({ userId: user.id, username: user.username, role: user.role, action, params: boundedParams(params) });
  }

  /** Newest first. */
  list(q: AuditAccessQuery): Promise<Page<AuditAccessEntry>> {
    return this.repo.accessPage(q);
  }
}
