import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Server } from 'node:http';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { postEvent, waitFor } from '../support/bot.js';
import { sharedContentDir } from '../support/content.js';

const APP = '4120118000000000001';
const OA = '3660000000000000004';
const SECRET = 'oa-secret-shutdown-0123456789';

describe('graceful shutdown on SIGTERM', () => {
  it('stops accepting, finishes every accepted event, then exits 0', async () => {
    const fake = new FakeZaloApi({ appId: APP, appSecret: 'app-secret', accessToken: 'at-1', refreshToken: 'rt-1' });
    const app = express();
    // A slow Zalo API so that work is still in flight when SIGTERM arrives.
    app.use('/api', (_req, _res, next) => void setTimeout(next, 300), fake.apiRouter());
    const server: Server = await new Promise((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s));
    });
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        REDIS_URL: '',
        PORT: '0',
        // The curated content with a sample of the catalogue: the whole one is seconds of start-up this test is not about.
        CONTENT_DIR: sharedContentDir(),
        LOG_LEVEL: 'info',
        WORKER_CONCURRENCY: '2',
        ZALO_APP_ID: APP,
        ZALO_OA_ID: OA,
        ZALO_OA_SECRET_KEY: SECRET,
        ZALO_APP_SECRET: 'app-secret',
        ZALO_ACCESS_TOKEN: 'at-1',
        ZALO_REFRESH_TOKEN: 'rt-1',
        ZALO_API_BASE_URL: `${base}/api`,
        ZALO_OAUTH_BASE_URL: `${base}/oauth`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const port = await waitFor(() => Number(/"port":(\d+)/.exec(out)?.[1]) || undefined, 15_000, 'listening');
    const users = Array.from({ length: 6 }, (_, i) => `24680000000000020${10 + i}`);
    for (const u of users) {
      const event = { app_id: APP, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: u }, recipient: { id: OA }, message: { msg_id: randomBytes(10).toString('hex'), text: 'xin chào' } };
      expect((await postEvent(`http://127.0.0.1:${port}`, event, SECRET)).status).toBe(200);
    }
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    for (const u of users) expect(fake.messagesFor(u)).toHaveLength(1);
    expect(out).toContain('shutdown complete');
    await new Promise((r) => server.close(r));
  }, 40_000);
});
