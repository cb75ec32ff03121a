import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { SIMULATOR_IDENTITY } from '../src/main.js';
import { signZaloBody } from '../src/zalo/signature.js';
import { constantRate } from './constant-rate.js';
const mode = process.argv[2]!;
const rate = Number(process.argv[3] ?? 500);
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook-server.ts', mode], { env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:6399' } });
const rl = createInterface({ input: child.stdout! });
const lines: string[] = [];
let wake: (() => void) | null = null;
rl.on('line', (l) => { lines.push(l); wake?.(); });
const next = async () => { while (!lines.length) await new Promise<void>((r) => (wake = r)); return JSON.parse(lines.shift()!); };
const { port } = await next();
const cmd = async (c: string) => { child.stdin!.write(c + '\n'); return next(); };
if (mode === 'bot') await cmd('pause');
const mk = () => {
  const event = { app_id: SIMULATOR_IDENTITY.appId, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: '2468000000000000123' }, recipient: { id: SIMULATOR_IDENTITY.oaId }, message: { msg_id: randomBytes(10).toString('hex'), text: 'xin chào' } };
  const body = JSON.stringify(event);
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': signZaloBody(body, event.app_id, event.timestamp, SIMULATOR_IDENTITY.oaSecretKey) } };
};
await constantRate({ port, path: '/webhook/zalo', rate: 200, durationS: 2, next: mk }); // warm-up
const c0 = (await cmd('stats')).cpuUs;
const r = await constantRate({ port, path: '/webhook/zalo', rate, durationS: 4, next: mk });
const c1 = (await cmd('stats')).cpuUs;
console.log(mode, 'rate', rate, 'cpu/req µs', ((c1 - c0) / r.sent).toFixed(0), 'p50', r.p50.toFixed(2), 'p99', r.p99.toFixed(2));
child.kill('SIGKILL');
