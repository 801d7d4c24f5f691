import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { AuthService } from '@qf/identity';
import { QueueName } from '@qf/queue';
import type { Queue } from 'bullmq';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { mountWebApp } from './web/web-app';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@qf/config';

export const BODY_LIMIT = 256 * 1024;
export const CSV_BODY_LIMIT = 8 * 1024 * 1024;

/** Builds the api application exactly as production runs it (used by main.ts and the e2e tests). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: true, requestIdHeader: 'x-request-id' });
  // abortOnError: false — a failed start throws to the caller (main.ts exits; tests clean up) instead of process.exit.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix('api/v1', { exclude: ['admin/queues', 'admin/queues/*path'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException(
          errors.flatMap(function messages(e): string[] {
            const own = Object.values(e.constraints ?? {});
            return [...own, ...(e.children ?? []).flatMap(messages).map((m) => (own.length ? m : `${e.property}.${m}`))];
          }),
        ),
    }),
  );

  const fastify = app.getHttpAdapter().getInstance();
  // User import posts CSV; it may be larger than a JSON body.
  fastify.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('清风 Qingfeng API')
      .setDescription(
        'Study sessions and warning education. Roles: member, organiser (their unit and descendants), auditor (reads everything), admin. ' +
          'Every endpoint but login, health and these docs needs `Authorization: Bearer <accessToken>`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await mountBullBoard(app);
  await mountWebApp(app, app.get(ConfigService<Env, true>).get('ORG_TIMEZONE', { infer: true }));
  return app;
}

/** Bull Board at /admin/queues, for admins only (bearer token, or the `qf_token` cookie for a browser). */
async function mountBullBoard(app: NestFastifyApplication): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath('/admin/queues');
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: false })),
    serverAdapter,
  });
  const auth = app.get(AuthService);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        const header = req.headers.authorization;
        const cookie = /(?:^|;\s*)qf_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
        const token = (typeof header === 'string' && /^Bearer\s+(\S+)$/i.exec(header)?.[1]) || cookie;
        const user = token ? await auth.authenticate(token) : null;
        if (!user) return reply.code(401).send({ statusCode: 401, message: 'a valid bearer token is required', error: 'Unauthorized' });
        if (user.role !== 'admin') return reply.code(403).send({ statusCode: 403, message: 'admins only', error: 'Forbidden' });
      });
      await scope.register(serverAdapter.registerPlugin() as never, { prefix: '/admin/queues' });
    },
  );
}
