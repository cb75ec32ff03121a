import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { buildConsole } from '../../scripts/build-console.js';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

async function waitForRedis(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (r.stdout?.trim() === 'PONG') return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('redis-server did not answer PING within 10 s');
}

let child: ChildProcess | undefined;

/**
 * Real Redis for the tests: REDIS_URL when set; otherwise a private redis-server on a free port;
 * when neither exists the Redis tests are skipped, loudly.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The admin console is served from its esbuild bundle: build it once per run (under a second).
  await buildConsole();
  let url = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? '';
  if (!url) {
    const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
    if (which.status === 0) {
      const port = await freePort();
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
      await waitForRedis(port, child);
      url = `redis://127.0.0.1:${port}`;
    } else {
      const bar = '!'.repeat(78);
      console.error(`\n${bar}\n!! REDIS TESTS SKIPPED: REDIS_URL is unset and redis-server is not installed.\n!! Install it (apt-get install -y redis-server) or set REDIS_URL to run them.\n${bar}\n`);
    }
  }
  project.provide('redisUrl', url);
  return async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
  };
}
