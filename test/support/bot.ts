import { pino } from 'pino';
import express from 'express';
import type { Server } from 'node:http';
import { loadConfig } from '../../src/config.js';
import { start, type RunningBot } from '../../src/main.js';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { signZaloBody } from '../../src/zalo/signature.js';
import { sharedContentDir } from './content.js';

/**
 * Starts the whole bot in-process on a free loopback port, exactly as `npm start` wires it. The content is
 * intents/ with the sample of the official tier (sharedContentDir) unless `env` sets CONTENT_DIR ('' loads
 * intents/ with the whole catalogue, as `npm start` does). `now`: the clock of the watcher and the notices.
 */
export async function startBot(env: Record<string, string> = {}, opts: { now?: () => number } = {}): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CONTENT_DIR: sharedContentDir(), ...env });
  return start(config, { logger: pino({ level: env.LOG_LEVEL ?? 'silent' }), now: opts.now });
}

/** A fake Zalo OA API on its own loopback server, shared by several bot instances. */
export async function startFakeZalo(opts: { appId: string; appSecret: string; accessToken: string; refreshToken: string; followers?: string[] }) {
  const fake = new FakeZaloApi(opts);
  const app = express();
  app.use('/api', fake.apiRouter());
  app.use('/oauth', fake.oauthRouter());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  return {
    fake,
    apiBaseUrl: `http://127.0.0.1:${port}/api`,
    oauthBaseUrl: `http://127.0.0.1:${port}/oauth`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Posts an event to a running bot's webhook, signed like Zalo signs it. */
export async function postEvent(baseUrl: string, event: Record<string, unknown>, secret: string, headers: Record<string, string> = {}): Promise<Response> {
  const body = JSON.stringify(event);
  const signature = signZaloBody(body, String(event.app_id), String(event.timestamp), secret);
  return fetch(`${baseUrl}/webhook/zalo`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-ZEvent-Signature': signature, ...headers }, body });
}

export async function waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 5000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
