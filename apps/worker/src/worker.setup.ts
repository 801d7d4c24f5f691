import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** Builds the worker as production runs it (used by main.ts and the e2e tests): no HTTP server. */
export async function createWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
