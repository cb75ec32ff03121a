import { Agent, request } from 'node:http';

export interface RateResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Open-loop load at a constant rate: request i leaves at start + i/rate whatever the earlier ones are doing,
 * so latency is the server's, not an artefact of bursts (a closed-loop tool's rate limit sends each
 * second's quota in a burst). Loopback only; bounded by `durationS`.
 */
export async function constantRate(opts: {
  port: number;
  path: string;
  rate: number;
  durationS: number;
  next: () => { body: string; headers: Record<string, string> };
}): Promise<RateResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(opts.rate * opts.durationS);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { body, headers } = opts.next();
    pending.push(
      new Promise<void>((resolve) => {
        const t0 = performance.now();
        const req = request({ host: '127.0.0.1', port: opts.port, path: opts.path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) ok++;
            else non2xx++;
            resolve();
          });
        });
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { sent: total, ok, non2xx, errors, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? NaN };
}
