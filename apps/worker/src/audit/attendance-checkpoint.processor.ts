import { Injectable, Logger } from '@nestjs/common';
import { AttendanceCheckpointService, SignedCheckpoint } from '@qf/audit';
import { JobHandler, JobName } from '@qf/queue';

/**
 * Daily at 00:05 local: writes a signed checkpoint of the attendance log's sealed head into the
 * worker's log (ship logs off the machine: a checkpoint is evidence only where the database's
 * owner cannot reach it). The job's return value keeps it in Redis too, for Bull Board.
 */
@Injectable()
export class AttendanceCheckpointProcessor {
  private readonly logger = new Logger('AttendanceCheckpoint');

  constructor(private readonly checkpoints: AttendanceCheckpointService) {}

  @JobHandler(JobName.AttendanceCheckpoint)
  async checkpoint(): Promise<SignedCheckpoint> {
    const checkpoint = await this.checkpoints.take();
    this.logger.log({ msg: 'attendance log checkpoint', checkpoint });
    return checkpoint;
  }
}
