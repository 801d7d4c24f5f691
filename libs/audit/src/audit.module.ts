import { Module } from '@nestjs/common';
import { AttendanceModule } from '@qf/attendance';
import { AttendanceAnomaliesService } from './attendance-anomalies.service';
import { AttendanceChainVerifier } from './attendance-chain-verifier';
import { AttendanceExportRows } from './attendance-export-rows';
import { AttendanceExportService } from './attendance-export.service';
import { AttendanceLogQueryService } from './attendance-log-query.service';
import { AttendanceSummaryService } from './attendance-summary.service';
import { AuditHeavyReads } from './audit-heavy-reads';
import { AuditScopeResolver } from './audit-scope';
import { AttendanceCheckpointService } from './attendance-checkpoint.service';
import { AuditAccessLogService } from './audit-access-log.service';
import { AuditRepository } from './audit.repository';
import { CheckpointSigner } from './checkpoint-signer';
import { ExportPool } from './export-pool';

const services = [
  AuditScopeResolver,
  AttendanceSummaryService,
  AttendanceLogQueryService,
  AttendanceChainVerifier,
  AttendanceExportRows,
  AttendanceExportService,
  AttendanceAnomaliesService,
  CheckpointSigner,
  AttendanceCheckpointService,
  AuditAccessLogService,
  AuditRepository,
  AuditHeavyReads,
  ExportPool,
];

/** Read-only attendance audit for admins and discipline inspectors (auditors). */
@Module({ imports: [AttendanceModule], providers: services, exports: services })
export class AuditModule {}
