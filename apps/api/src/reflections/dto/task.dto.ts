import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_STATUSES, WARNINGS } from '@qf/reflections';
import type { TaskStatus, Warning } from '@qf/reflections';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NotAfterYear9999 } from '../../common/instant';

/** Characters of a body (UTF-16 units) accepted before counting 字: 20,000 字 never need more. */
const MAX_BODY_LENGTH = 100_000;

export class TaskBodyDto {
  /** The essay. Counted in 字 (see the API's counting rule); submissions need the assignment's minChars and at most 20,000. */
  @ApiProperty({ example: '观看警示教育片后，我深受触动……' })
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  body: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'])
  decision: 'approve' | 'return';

  /** Required to return. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ExtendDto {
  /** A personal due time, later than the assignment's. */
  @ApiProperty({ example: '2026-12-18T10:00:00.000Z' })
  @Type(() => Date)
  @IsDate()
  @NotAfterYear9999()
  dueAt: Date;
}

export class SimilarityDto {
  /** Similarity (Dice coefficient of character 3-grams, punctuation and spaces ignored) with the closest other submission of the assignment, in [0, 1]. */
  @ApiProperty() score: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) similarTaskId: string | null;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() assignmentTitle: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  /** The assignment's due time, or this person's extension. */
  @ApiProperty() dueAt: Date;
  @ApiProperty() extended: boolean;
  @ApiProperty() minChars: number;
  @ApiProperty() body: string;
  @ApiProperty() charCount: number;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty() late: boolean;
  /**
   * For reviewers only: absent from the owner's own view of their task (GET /me/reflection-tasks,
   * GET /reflection-tasks/:id, draft and submit responses, and their own row in a task list);
   * organisers, auditors and admins get it, null until the worker has collected the latest submission.
   */
  @ApiPropertyOptional({ type: SimilarityDto, nullable: true, description: 'absent in the owner’s own view; null until collected' })
  similarity?: SimilarityDto | null;
  @ApiProperty({ nullable: true, type: String }) reviewComment: string | null;
  @ApiProperty({ enum: WARNINGS }) warning: Warning;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
  @ApiProperty() total: number;
}
