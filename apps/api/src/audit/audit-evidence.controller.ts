import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AttendanceCheckpointService } from '@qf/audit';
import type { FastifyReply } from 'fastify';
import { Authenticated, Roles } from '../common/auth.decorators';
import { AuditedRead } from './audited-read.interceptor';
import { CheckpointVerificationDto, SignedCheckpointDto } from './dto/evidence.dto';

/** Signed checkpoints of the attendance log: evidence an inspector keeps outside the system. */
@ApiTags('audit')
@Authenticated()
@Controller('audit/attendance')
export class AuditEvidenceController {
  constructor(private readonly checkpoints: AttendanceCheckpointService) {}

  @Get('checkpoint')
  @Roles('admin', 'auditor')
  @AuditedRead('checkpoint')
  @ApiOperation({
    summary: 'The sealed head of the attendance log’s hash chain, signed with the server’s Ed25519 key',
    description:
      'Keep checkpoints outside the system (print, mail, a file of your own). POST one back to verify-checkpoint later: ' +
      'a history rewritten after it was taken fails even if the rewritten chain is self-consistent. `at`: when it was taken.',
  })
  @ApiOkResponse({ type: SignedCheckpointDto })
  checkpoint(): Promise<SignedCheckpointDto> {
    return this.checkpoints.take();
  }

  @Get('public-key')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The server’s Ed25519 public key (SPKI PEM) that signs checkpoints' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'PEM text', schema: { type: 'string', example: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n' } })
  async publicKey(@Res() reply: FastifyReply): Promise<void> {
    await reply.type('text/plain; charset=utf-8').send(this.checkpoints.publicKeyPem());
  }

  @Post('verify-checkpoint')
  @HttpCode(200)
  @Roles('admin', 'auditor')
  @AuditedRead('verify_checkpoint')
  @ApiOperation({
    summary: 'Prove the chain up to a checkpoint’s seq still hashes to its hash',
    description: '`ok: false` with `reason`: `signature` (not signed by this server), `chain` (a seal up to seq does not hold), `missing`, or `rewritten`.',
  })
  @ApiOkResponse({ type: CheckpointVerificationDto })
  verifyCheckpoint(@Body() body: SignedCheckpointDto): Promise<CheckpointVerificationDto> {
    return this.checkpoints.verify(body);
  }
}
