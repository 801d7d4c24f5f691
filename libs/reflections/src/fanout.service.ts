import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { formatOrgTime } from '@qf/common';
import { Env } from '@qf/config';
import { NotificationsService } from '@qf/notifications';
import type { EntityManager } from 'typeorm';
import { ReflectionRepository, ZERO_UUID } from './reflection.repository';

/**
 * Creates an assignment's tasks and `reflection_assigned` notifications, set-based, about
 * REFLECTION_FANOUT_CHUNK people per transaction, walking the audience in user id order. The
 * cursor is committed with each chunk, so a crash resumes where it stopped; unique keys make a
 * repeated chunk (two workers, a retry) harmless. Opens the assignment when done.
 */
@Injectable()
export class ReflectionFanoutService implements OnModuleDestroy {
  private readonly logger = new Logger(ReflectionFanoutService.name);
  private stopping = false;

  constructor(
    private readonly repo: ReflectionRepository,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleDestroy(): void {
    // Shutting down: stop between chunks; the job fails and is retried (or re-derived) later.
    this.stopping = true;
  }

  async fanOut(assignmentId: string, chunk = this.config.get('REFLECTION_FANOUT_CHUNK', { infer: true })): Promise<{ people: number }> {
    const pauseMs = this.config.get('REFLECTION_FANOUT_PAUSE_MS', { infer: true });
    let people = 0;
    for (;;) {
      if (this.stopping) throw new Error(`fan-out of ${assignmentId} interrupted by shutdown; it resumes from its cursor`);
      const step = await this.repo.transaction((em) => this.fanOutChunk(em, assignmentId, chunk));
      people += step.people;
      if (step.done) return { people };
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  }

  /** One chunk in the caller's transaction; the assignment row lock serialises concurrent workers. */
  async fanOutChunk(em: EntityManager, assignmentId: string, chunk: number): Promise<{ people: number; done: boolean }> {
    const a = await this.repo.lockForFanout(em, assignmentId);
    if (!a || a.status !== 'dispatching') return { people: 0, done: true };
    const cursor = a.fanout_cursor ?? ZERO_UUID;
    const step = await this.repo.createTaskChunk(em, a, cursor, chunk);
    if (step.n > 0) {
      await this.notifications.notifyQuery(
        em,
        {
          eventKey: `reflection_assigned:${a.id}`,
          kind: 'reflection_assigned',
          title: `请撰写心得体会：${a.title}`,
          body: `${a.prompt ? `${a.prompt.slice(0, 200)}\n` : ''}截止时间：${formatOrgTime(a.due_at, this.config.get('ORG_TIMEZONE', { infer: true }))}`,
          link: `/me/reflection-tasks`,
        },
        this.repo.taskOwnersBetween(a.id, cursor, step.last!),
      );
      await this.repo.setFanoutCursor(em, a.id, step.last!);
    }
    if (step.n < chunk) {
      await this.repo.openAssignment(em, a.id);
      this.logger.log(`assignment ${a.id} is open`);
      return { people: step.n, done: true };
    }
    return { people: step.n, done: false };
  }
}
