import { BadRequestException, type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { parseTrustProxy } from '@qf/config';
import { AuthService } from '@qf/identity';
import { QueueName } from '@qf/queue';
import type { Queue } from 'bullmq';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { mountWebApp } from './web/web-app';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@qf/config';

export const BODY_LIMIT = 256 * 1024;
export const CSV_BODY_LIMIT = 8 * 1024 * 1024;
/** The only route that takes a body other than JSON (text/csv or text/plain, up to CSV_BODY_LIMIT). */
const CSV_ROUTES = new Set(['POST /api/v1/users/import']);
const CSV_TYPES = new Set(['text/csv', 'text/plain']);

/** Every api route lives under /api/v1 (Bull Board aside); shared with the standalone document build. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: ['admin/queues', 'admin/queues/*path'] });
}

/** Builds the api application exactly as production runs it (used by main.ts and the e2e tests). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  // Client addresses (login limits, logs) come from the socket unless TRUST_PROXY names the proxies
  // (hop count or CIDRs); validated with the rest of the environment when the app module starts.
  const trustProxy = parseTrustProxy(process.env.TRUST_PROXY) ?? false;
  // (Fastify takes a hop count too; Nest's adapter type leaves `number` out.)
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: trustProxy as string[] | false, requestIdHeader: 'x-request-id' });
  // abortOnError: false — a failed start throws to the caller (main.ts exits; tests clean up) instead of process.exit.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  applyGlobalPrefix(app);
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
  // Bodies are JSON (≤ 256 KiB, Fastify answers 413 from Content-Length or as soon as a chunked body
  // passes it). Only the user import takes CSV, up to 8 MiB; anywhere else a non-JSON body is refused
  // with 415 here, before a byte of it is read.
  fastify.addHook('onRequest', async (req, reply) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody) return;
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json') return;
    if (CSV_TYPES.has(type) && CSV_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) return;
    await reply
      .code(415)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ statusCode: 415, message: `unsupported content type ${type || '(none)'}: send application/json`, error: 'Unsupported Media Type' });
  });
  fastify.addContentTypeParser([...CSV_TYPES], { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) => done(null, body));

  SwaggerModule.setup('api/docs', app, await buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  await mountBullBoard(app);
  await mountWebApp(app, app.get(ConfigService<Env, true>).get('ORG_TIMEZONE', { infer: true }));
  return app;
}

/**
 * Bull Board at /admin/queues, for admins only: a bearer token, or the `qf_token` cookie (HttpOnly,
 * SameSite=Strict, Secure behind https) set when an admin opens it with the bearer header.
 */
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
        if (user.mustChangePassword) return reply.code(403).send({ statusCode: 403, message: 'password change required', error: 'Forbidden' });
        if (user.role !== 'admin') return reply.code(403).send({ statusCode: 403, message: 'admins only', error: 'Forbidden' });
        if (token !== cookie) {
          // The board's page calls its own api from the browser: hand it the token as a cookie that
          // scripts cannot read and other sites cannot send.
          const secure = req.protocol === 'https' ? '; Secure' : '';
          reply.header('set-cookie', `qf_token=${token}; Path=/admin/queues; HttpOnly; SameSite=Strict${secure}`);
        }
      });
      await scope.register(serverAdapter.registerPlugin() as never, { prefix: '/admin/queues' });
    },
  );
}
