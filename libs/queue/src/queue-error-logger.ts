import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QueueName } from './jobs';

/**
 * Gives every queue handle an 'error' listener: while Redis is down they report connection errors
 * again and again. /health tells the truth; the log gets one line a minute per queue.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('queues');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      let last = 0;
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }).on('error', (err: Error) => {
        if (Date.now() - last < 60_000) return;
        last = Date.now();
        this.logger.warn(`queue ${name}: ${err.message}`);
      });
    }
  }
}
