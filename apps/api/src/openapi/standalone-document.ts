import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-document';

/** Placeholders so the environment validates; in preview mode nothing connects to them. */
const PLACEHOLDER_ENV: Record<string, string> = {
  DATABASE_URL: 'postgres://openapi.invalid/none',
  REDIS_URL: 'redis://openapi.invalid:6379',
};

/**
 * The api's OpenAPI document without a server, a database or Redis: the real module graph in Nest's
 * preview mode, which resolves modules and routes but instantiates no provider (no TypeORM connection,
 * no BullMQ queue). The result is the document /api/docs-json serves.
 */
export async function buildStandaloneDocument(): Promise<OpenAPIObject> {
  const saved = { ...process.env };
  Object.assign(process.env, { NODE_ENV: 'development', ...PLACEHOLDER_ENV });
  try {
    // Imported late: the app module reads the environment when it is evaluated.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AppModule } = require('../app.module') as typeof import('../app.module');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { applyGlobalPrefix } = require('../app.setup') as typeof import('../app.setup');
    const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
    applyGlobalPrefix(app);
    try {
      return await buildOpenApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    for (const key of Object.keys(PLACEHOLDER_ENV).concat('NODE_ENV')) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}
