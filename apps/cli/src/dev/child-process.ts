import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A node child process (api or worker) whose output goes to a log file. */
export class ManagedChild {
  readonly process: ChildProcess;
  private stopping = false;

  constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    readonly logFile: string,
    onUnexpectedExit: (child: ManagedChild, code: number | null, signal: NodeJS.Signals | null) => void,
  ) {
    mkdirSync(dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    // Own process group: a terminal's Ctrl-C reaches only the launcher, which stops everything in order.
    this.process = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.process.stdout?.pipe(log);
    this.process.stderr?.pipe(log);
    this.process.on('exit', (code, signal) => {
      if (!this.stopping) onUnexpectedExit(this, code, signal);
    });
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    await new Promise<void>((done) => {
      this.process.once('exit', () => done());
      this.process.kill('SIGTERM');
      setTimeout(() => this.process.kill('SIGKILL'), timeoutMs).unref();
    });
  }
}
