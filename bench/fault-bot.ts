import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * bench:faults helper — one real bot process (`src/main.ts`, exactly as `npm run dev` starts it) whose log goes
 * to a file; resolves once it listens. The benchmark may SIGKILL it at any moment and start another one.
 */
export class BotProcess {
  /** Every bot process still running, for clean-up when the benchmark itself is interrupted. */
  static readonly running = new Set<ChildProcess>();

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly port: number,
    private readonly log: string[],
  ) {}

  static async start(name: string, env: Record<string, string>, logFile: string): Promise<BotProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    BotProcess.running.add(child);
    child.once('exit', () => BotProcess.running.delete(child));
    const out = createWriteStream(logFile, { flags: 'a' });
    const log: string[] = [];
    child.stderr!.pipe(out);
    const port = await new Promise<number>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => {
        out.write(d);
        const text = d.toString();
        buf += text;
        for (const line of text.split('\n')) if (line) log.push(line);
        if (log.length > 5000) log.splice(0, log.length - 5000);
        const m = /"port":(\d+)/.exec(buf);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code, signal) => reject(new Error(`bot ${name} exited before listening (${code ?? signal}); see ${logFile}`)));
    });
    return new BotProcess(name, child, port, log);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Whether the process logged a line matching `pattern` (e.g. that it holds the forwarder lease). */
  logged(pattern: RegExp): boolean {
    return this.log.some((l) => pattern.test(l));
  }

  /** Sends `signal`; a process that has not exited 5 s later (e.g. one frozen by a slow regex) gets SIGKILL. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill(signal);
    const late = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(late);
  }
}
