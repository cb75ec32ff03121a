/**
 * Server side of bench:webhook, run in its own process so the load tool never shares its event loop.
 * Mode "bot": the real bot (Redis dedupe + durable queue + worker). Mode "bare": an Express endpoint
 * that only reads the body and computes its SHA-256. Prints the port on stdout when listening.
 */
import { createHash } from 'node:crypto';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { start } from '../src/main.js';

const mode = process.argv[2];
if (mode === 'bare') {
  const app = express();
  app.post('/webhook/zalo', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    createHash('sha256').update(req.body as Buffer).digest('hex');
    res.status(200).json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
  process.stdin.on('data', () => {
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ cpuUs: cpu.user + cpu.system }));
  });
} else {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SIMULATOR: 'on',
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: `bench${process.pid}:`,
    PROCESS_ROLE: process.env.PROCESS_ROLE,
    WEBHOOK_RATE_LIMIT_PER_MIN: '1000000',
    ZALO_RATE_LIMIT_PER_MIN: '100000',
  });
  const bot = await start(config, { logger: pino({ level: 'silent' }) });
  console.log(JSON.stringify({ port: bot.port }));
  process.on('SIGTERM', () => void bot.stop().then(() => process.exit(0)));
  // "stats" on stdin (one per line) answers with a line: events not yet handled, replies sent, CPU time used.
  let buffered = '';
  process.stdin.on('data', async (chunk) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const cmd = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (cmd !== 'stats') continue;
      const cpu = process.cpuUsage();
      console.log(JSON.stringify({ depth: (await bot.queue.depth()) + (await bot.inbox.backlog()), sent: bot.fakeZalo?.messages.length ?? 0, cpuUs: cpu.user + cpu.system }));
    }
  });
}
