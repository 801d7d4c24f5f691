import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import Redis from 'ioredis';
import { freePort, waitFor } from './free-port';

/**
 * A private Redis on its own port: the system `redis-server` when it is on PATH, else the binary
 * that `redis-memory-server` builds. It keeps nothing on disk (like ours in production, where the
 * outbox makes that safe) and evicts nothing (`noeviction`, as BullMQ needs).
 * `stop()` and `start()` again keep the port, so tests can take Redis away and bring it back.
 */
export class PrivateRedis {
  port = 0;
  private process?: ChildProcess;
  private memoryServer?: { stop(): Promise<boolean> };

  /** `detached`: own process group (system binary only), so a terminal's Ctrl-C reaches only the launcher. */
  constructor(private readonly opts: { dir: string; maxmemory?: string; detached?: boolean } = { dir: '.data/redis' }) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static systemBinary(): string | undefined {
    const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
    return found.status === 0 ? found.stdout.trim() : undefined;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    mkdirSync(this.opts.dir, { recursive: true });
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', this.opts.dir];
    if (this.opts.maxmemory) args.push('--maxmemory', this.opts.maxmemory);
    const binary = PrivateRedis.systemBinary();
    if (binary) {
      this.process = spawn(binary, args, { stdio: 'ignore', detached: this.opts.detached });
    } else {
      const { RedisMemoryServer } = await import('redis-memory-server');
      this.memoryServer = await RedisMemoryServer.create({ instance: { port: this.port, args: args.slice(2) } });
    }
    await waitFor('Redis', async () => {
      const client = new Redis({ port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
      } finally {
        client.disconnect();
      }
    });
    return this;
  }

  async stop(): Promise<void> {
    if (this.memoryServer) {
      await this.memoryServer.stop();
      this.memoryServer = undefined;
    }
    const proc = this.process;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((done) => {
      proc.once('exit', () => done());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5_000).unref();
    });
    this.process = undefined;
  }
}
