import { Worker } from 'node:worker_threads';
import type { DecodeRequest, DecodeResponse } from './decode-worker.js';

/**
 * Reads QR codes and barcodes in a worker thread so a 12-megapixel photo never blocks the event loop. One worker,
 * started on first use and kept; requests queue in order. A decode that overruns its deadline terminates the
 * worker (a new one starts for the next image) and fails with a timeout.
 */

export type ReadOutcome = { texts: string[] } | { unsupported: string } | { timeout: true } | { error: string };

interface Pending {
  req: DecodeRequest;
  resolve: (outcome: ReadOutcome) => void;
}

/** Under tsx/vitest the worker is TypeScript: it registers tsx first. Built code (dist/) runs the .js directly. */
function workerSource(): { code: string } {
  const here = import.meta.url;
  const ts = here.endsWith('.ts');
  const target = new URL(`./decode-worker.${ts ? 'ts' : 'js'}`, here).href;
  if (!ts) return { code: `import(${JSON.stringify(target)});` };
  const tsx = import.meta.resolve('tsx/esm/api');
  return { code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });` };
}

export class CodeReader {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private current: (Pending & { timer: NodeJS.Timeout }) | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly timeoutMs: number) {}

  read(bytes: Uint8Array): Promise<ReadOutcome> {
    if (this.closed) return Promise.resolve({ error: 'reader closed' });
    return new Promise((resolve) => {
      this.queue.push({ req: { id: this.nextId++, bytes }, resolve });
      this.pump();
    });
  }

  private spawn(): Worker {
    const w = new Worker(workerSource().code, { eval: true });
    w.unref();
    w.on('message', (res: DecodeResponse) => this.finish(res.id, 'texts' in res ? { texts: res.texts } : 'unsupported' in res ? { unsupported: res.unsupported } : { error: res.error }));
    w.on('error', (err) => this.crash(w, err.message));
    w.on('exit', (code) => this.crash(w, `decode worker exited (${code})`));
    return w;
  }

  private pump(): void {
    if (this.current || this.queue.length === 0 || this.closed) return;
    const next = this.queue.shift()!;
    this.worker ??= this.spawn();
    const timer = setTimeout(() => {
      // A runaway decode: drop the worker (and its CPU), answer "timeout", serve the queue with a fresh one.
      const w = this.worker;
      this.worker = null;
      void w?.terminate();
      this.finish(next.req.id, { timeout: true });
    }, this.timeoutMs);
    this.current = { ...next, timer };
    // The bytes are copied, not transferred: the caller may still hold the buffer (a pooled Buffer cannot be moved).
    this.worker.postMessage(next.req);
  }

  private finish(id: number, outcome: ReadOutcome): void {
    if (!this.current || this.current.req.id !== id) return;
    clearTimeout(this.current.timer);
    const { resolve } = this.current;
    this.current = null;
    resolve(outcome);
    this.pump();
  }

  private crash(w: Worker, message: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    if (this.current) this.finish(this.current.req.id, { error: message });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve({ error: 'reader closed' });
    if (this.current) this.finish(this.current.req.id, { error: 'reader closed' });
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}
