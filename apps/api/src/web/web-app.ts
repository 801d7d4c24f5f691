import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the server: an unknown one is a JSON 404, never the web app. */
const SERVER_PATHS = /^\/(api|admin)(\/|$)/;

/** The built web app: WEB_DIST_DIR, else apps/web/dist of this checkout (or image). */
export function webDistDir(): string {
  if (process.env.WEB_DIST_DIR) return resolve(process.env.WEB_DIST_DIR);
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'qingfeng') return join(dir, 'apps', 'web', 'dist');
  }
  return resolve('apps', 'web', 'dist');
}

/**
 * Serves the web app at `/`: hashed assets from /assets/ (cached for a year, precompressed), and index.html — with
 * the organisation's time zone written in — for every other GET outside /api and /admin (history
 * fallback, so that /check-in/… opened from a QR code works). Unknown /api paths keep their JSON 404.
 * Without a build (tests that do not build the web app) the api still runs and `/` says how to build.
 */
export async function mountWebApp(app: NestFastifyApplication, orgTimeZone: string, dir = webDistDir()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const indexFile = join(dir, 'index.html');
  const built = existsSync(indexFile);
  const indexHtml = built
    ? readFileSync(indexFile, 'utf8').replace(/(<meta name="qf-org-timezone" content=")[^"]*(")/, `$1${escapeAttr(orgTimeZone)}$2`)
    : null;

  if (built && existsSync(join(dir, 'assets'))) {
    await fastify.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      wildcard: false,
      index: false,
      maxAge: '365d',
      immutable: true,
      // The build writes .br and .gz beside each script and style sheet (apps/web/vite.config.mts):
      // sent to browsers that accept them, the uncompressed file to the others.
      preCompressed: true,
    });
  }

  const page = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    if (SERVER_PATHS.test(path) || path.startsWith('/assets/')) {
      return reply
        .code(404)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ statusCode: 404, message: `Cannot GET ${path}`, error: 'Not Found' }));
    }
    if (!indexHtml) {
      return reply
        .code(200)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('清风 Qingfeng API is running; the web app is not built (npm run build:web). API: /api/v1, docs: /api/docs\n');
    }
    return reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  };
  fastify.get('/', page);
  fastify.get('/*', page);
}

function escapeAttr(value: string): string {
  return value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
