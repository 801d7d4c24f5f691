import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { OptionalUuid } from '../../common/dto-properties';

export class SignedCheckpointDto {
  @ApiProperty({ description: 'The sealed head: the highest sealed seq (0 for an empty chain)', minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq: number;

  @ApiProperty({ description: 'The chain hash at seq (SHA-256 hex)', pattern: '^[0-9a-f]{64}$' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be 64 lowercase hex digits' })
  hash: string;

  @ApiProperty({ description: 'When the checkpoint was taken (ISO-8601, exactly as issued: it is signed)', example: '2026-12-02T16:05:00.000Z' })
  @IsString()
  @IsISO8601({ strict: true })
  at: string;

  @ApiProperty({
    description:
      'Base64 Ed25519 signature, by the key of GET /audit/attendance/public-key, over the UTF-8 text ' +
      '"qingfeng attendance checkpoint v1\\nseq=<seq>\\nhash=<hash>\\nat=<at>\\n"',
  })
  @IsString()
  @IsBase64()
  signature: string;
}

export class CheckpointVerificationDto {
  @ApiProperty({ description: 'The chain up to seq still hashes to the checkpoint’s hash, and the signature is this server’s' }) ok: boolean;
  @ApiPropertyOptional({ description: 'First seq where a seal does not hold, or the checkpoint’s seq when the chain up to it no longer ends in its hash (history rewritten at or before it)' })
  brokenAt?: number;
  @ApiPropertyOptional({ enum: ['signature', 'chain', 'missing', 'rewritten'] }) reason?: string;
}

export class AuditAccessQueryDto extends PageQueryDto {
  @OptionalUuid('Only reads by this user')
  userId?: string;

  @ApiPropertyOptional({ enum: ['summary', 'log', 'export', 'anomalies', 'verify', 'checkpoint', 'verify_checkpoint'] })
  @IsOptional()
  @IsIn(['summary', 'log', 'export', 'anomalies', 'verify', 'checkpoint', 'verify_checkpoint'])
  action?: string;
}

export class AuditAccessEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() at: Date;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'The username at the time of the read' }) username: string;
  @ApiProperty({ enum: ['admin', 'auditor'] }) role: string;
  @ApiProperty({ enum: ['summary', 'log', 'export', 'anomalies', 'verify', 'checkpoint', 'verify_checkpoint'] }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The query parameters (or the POST body) as sent' }) params: Record<string, unknown>;
}

export class AuditAccessPageDto {
  @ApiProperty({ type: [AuditAccessEntryDto] }) items: AuditAccessEntryDto[];
  @ApiProperty() total: number;
}
