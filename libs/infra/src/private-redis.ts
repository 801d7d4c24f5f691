import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync } from 'node:fs';
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
    const fixedPort = this.port !== 0; // a restart keeps its port
    for (let attempt = 1; ; attempt++) {
      this.port = fixedPort ? this.port : await freePort();
      try {
        await this.spawnAndWait();
        return this;
      } catch (err) {
        await this.stop();
        if (fixedPort || attempt >= 5) throw err;
      }
    }
  }

  private async spawnAndWait(): Promise<void> {
    mkdirSync(this.opts.dir, { recursive: true });
    const dir = realpathSync(this.opts.dir);
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', dir];
    if (this.opts.maxmemory) args.push('--maxmemory', this.opts.maxmemory);
    const binary = PrivateRedis.systemBinary();
    let exited = false;
    if (binary) {
      this.process = spawn(binary, args, { stdio: 'ignore', detached: this.opts.detached });
      this.process.on('exit', () => (exited = true));
    } else {
      const { RedisMemoryServer } = await import('redis-memory-server');
      this.memoryServer = await RedisMemoryServer.create({ instance: { port: this.port, args: args.slice(2) } });
    }
    await waitFor('Redis', async () => {
      if (exited) throw Object.assign(new Error(`redis-server exited (port ${this.port} taken?)`), { fatal: true });
      const client = new Redis({ port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        // Make sure the server on this port is ours, not another run's that took the port first.
        const [, actualDir] = (await client.config('GET', 'dir')) as string[];
        if (binary && actualDir !== dir) throw new Error(`port ${this.port} is another Redis's`);
      } finally {
        client.disconnect();
      }
    });
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
