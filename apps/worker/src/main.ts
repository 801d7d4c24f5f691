// First: stops a wrong Node with a message before a native module can crash it.
import '../../../libs/common/src/supported-node';
import { createServer } from 'node:http';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { RedisProbe } from '@qf/queue';
import { DataSource } from 'typeorm';
import { createWorker } from './worker.setup';

async function main(): Promise<void> {
  const worker = await createWorker();
  await worker.init();
  const port = worker.get(ConfigService<Env, true>).get('WORKER_HEALTH_PORT', { infer: true });
  if (port > 0) {
    // Optional liveness port for orchestrators: 200 when PostgreSQL and Redis answer, else 503.
    const db = worker.get(DataSource);
    const redis = worker.get(RedisProbe);
    createServer((_req, res) => {
      Promise.all([db.query('SELECT 1'), redis.ping(800)])
        .then(() => res.writeHead(200).end('{"status":"ok"}'))
        .catch((err) => res.writeHead(503).end(JSON.stringify({ status: 'error', message: err.message })));
    }).listen(port);
  }
}

main().catch((err) => {
  console.error(err?.message ?? err);
  process.exit(1);
});
