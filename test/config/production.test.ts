import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/paths.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { UserDirectory, isSimulatorAccount } from '../../src/admin/users.js';
import { SESSION_KEY_PREFIX } from '../../src/admin/sessions.js';
import { TOKEN_KEY } from '../../src/zalo/token-manager.js';
import { startBot } from '../support/bot.js';
import { sharedContentDir } from '../support/content.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startConsoleHarness } from '../admin/harness.js';

/**
 * Issue 14, point 2: production never starts as the simulator, and the simulator's demo accounts never live in a
 * store a real start uses. The process tests spawn the real entry (`src/main.ts`, `src/cli/admin.ts`) the way an
 * operator runs them, against the suite's real Redis.
 */

const url = testRedisUrl();
const root = projectRoot();
const zalo = {
  ZALO_APP_ID: '4120118000000000001',
  ZALO_OA_ID: '3660000000000000004',
  ZALO_OA_SECRET_KEY: 'oa-secret',
  ZALO_APP_SECRET: 'app-secret',
  ZALO_ACCESS_TOKEN: 'at-real',
  ZALO_REFRESH_TOKEN: 'rt-real',
  // Nothing is called at start-up; an unreachable host keeps the test off the internet.
  ZALO_API_BASE_URL: 'http://127.0.0.1:9',
  ZALO_OAUTH_BASE_URL: 'http://127.0.0.1:9',
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('NODE_ENV=production never means the simulator', () => {
  it('missing Zalo settings: one line naming every missing variable', () => {
    const message = configError({ NODE_ENV: 'production' });
    expect(message).toBe('Invalid configuration: ZALO_APP_ID, ZALO_OA_SECRET_KEY, ZALO_APP_SECRET, ZALO_REFRESH_TOKEN must be set when NODE_ENV is production (the simulator never runs in production)');
    expect(configError({ NODE_ENV: 'production', ...zalo, ZALO_APP_SECRET: '' })).toMatch(/^Invalid configuration: ZALO_APP_SECRET must be set when Zalo credentials are used/);
  });

  it('SIMULATOR=on is refused in production with one line', () => {
    expect(configError({ NODE_ENV: 'production', SIMULATOR: 'on', ...zalo })).toBe('Invalid configuration: SIMULATOR must not be on when NODE_ENV is production (the simulator is for local use; set the ZALO_* credentials)');
  });

  it('production with every Zalo setting is a real start; development without them is still the simulator', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...zalo }).simulator).toBe(false);
    expect(loadConfig({}).simulator).toBe(true);
    // Maintenance commands only need the store.
    expect(loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' }, { tool: true }).simulator).toBe(false);
  });

  it('a demo account seeded by an older version (no mark, created by "simulator") is recognised', () => {
    expect(isSimulatorAccount({ createdBy: 'simulator' })).toBe(true);
    expect(isSimulatorAccount({ createdBy: 'cli' })).toBe(false);
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a project entry with tsx; `untilStdout` keeps it running until that text appears, then SIGTERMs it. */
async function run(entry: string, args: string[], env: Record<string, string>, opts: { untilStdout?: RegExp; onReady?: (stdout: string) => Promise<void> } = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, entry), ...args], { cwd: root, env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', CONTENT_DIR: sharedContentDir(), ...env } });
  let stdout = '';
  let stderr = '';
  let ready = false;
  let readyWork: Promise<void> = Promise.resolve();
  child.stdout.on('data', (d) => {
    stdout += String(d);
    if (!ready && opts.untilStdout?.test(stdout)) {
      ready = true;
      readyWork = (opts.onReady?.(stdout) ?? Promise.resolve()).finally(() => child.kill('SIGTERM'));
    }
  });
  child.stderr.on('data', (d) => (stderr += String(d)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearTimeout(killer);
  await readyWork;
  return { code, stdout, stderr };
}

describe.skipIf(!url)('production start and simulator accounts (processes on a real Redis)', () => {
  const stores: RedisStore[] = [];
  const connect = (prefix: string) => {
    const s = new RedisStore({ url, prefix });
    stores.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('production + REDIS_URL + no ZALO_*: exit 1 with the one line, nothing seeded into that Redis', async () => {
    const prefix = uniquePrefix('prod-nozalo');
    const r = await run('src/main.ts', [], { NODE_ENV: 'production', REDIS_URL: url, REDIS_PREFIX: prefix, PORT: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Invalid configuration: ZALO_APP_ID, ZALO_OA_SECRET_KEY, ZALO_APP_SECRET, ZALO_REFRESH_TOKEN must be set when NODE_ENV is production (the simulator never runs in production)');
    expect(await connect(prefix).scanKeys('*')).toEqual([]);
    expect(await connect(`sim:${prefix}`).scanKeys('*')).toEqual([]);
  }, 45_000);

  it('the simulator on a shared Redis keeps its accounts under its own prefix, so a real start on the same prefix is not refused', async () => {
    const prefix = uniquePrefix('sim-own');
    const sim = await startBot({ REDIS_URL: url, REDIS_PREFIX: prefix });
    try {
      expect(sim.config.simulator).toBe(true);
      expect(sim.config.REDIS_PREFIX).toBe(`sim:${prefix}`);
      const seeded = await new UserDirectory(connect(`sim:${prefix}`)).get('admin');
      expect(seeded).toMatchObject({ username: 'admin', simulator: true, createdBy: 'simulator' });
      expect(await new UserDirectory(connect(prefix)).get('admin')).toBeNull();
      expect(await connect(prefix).get(TOKEN_KEY)).toBeNull();
    } finally {
      await sim.stop();
    }
    const real = await startBot({ ...zalo, REDIS_URL: url, REDIS_PREFIX: prefix });
    expect(real.config.simulator).toBe(false);
    await real.stop();
  }, 45_000);

  it('a store holding simulator accounts: a real start refuses; remove-simulator-accounts cleans it (idempotent); then it starts and admin/simulator no longer logs in', async () => {
    const prefix = uniquePrefix('prod-leftovers');
    const store = connect(prefix);
    // The incident of issue 14: a production Redis that once ran as the simulator, with a console session open.
    const incident = await startConsoleHarness({ store, env: { REDIS_URL: url, REDIS_PREFIX: prefix } });
    const login = await fetch(`${incident.baseUrl}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'simulator' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await incident.close();
    expect(await store.scanKeys(`${SESSION_KEY_PREFIX}*`)).toHaveLength(1);
    const simToken = await store.get(TOKEN_KEY);
    expect(simToken).toContain('sim-rt-');

    const env = { ...zalo, NODE_ENV: 'production', REDIS_URL: url, REDIS_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1' };
    const refused = await run('src/main.ts', [], env);
    expect(refused.code).toBe(1);
    const line = refused.stderr.trim();
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^Refusing to start: the store \(REDIS_PREFIX ".*"\) holds the simulator's demo accounts admin, staff \(password "simulator"\) and the simulator's Zalo token pair; run `npm run admin -- remove-simulator-accounts` with the same REDIS_URL and REDIS_PREFIX, then start again$/);
    // The refused start wrote nothing: the simulator's token record is untouched, its own pair was not seeded.
    expect(await store.get(TOKEN_KEY)).toBe(simToken);

    const removed = await run('src/cli/admin.ts', ['remove-simulator-accounts'], { REDIS_URL: url, REDIS_PREFIX: prefix, NODE_ENV: 'production' });
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed simulator account "admin" (admin).');
    expect(removed.stdout).toContain('Removed simulator account "staff" (staff).');
    expect(removed.stdout).toContain('Removed 1 console session(s) of those accounts.');
    expect(removed.stdout).toContain("Removed the simulator's Zalo token pair");
    expect(await store.scanKeys(`${SESSION_KEY_PREFIX}*`)).toEqual([]);
    expect(await store.get(TOKEN_KEY)).toBeNull();

    const again = await run('src/cli/admin.ts', ['remove-simulator-accounts'], { REDIS_URL: url, REDIS_PREFIX: prefix });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing removed');

    const checks: { login?: number; oldCookie?: number; ready?: number } = {};
    const started = await run('src/main.ts', [], env, {
      untilStdout: /"msg":"listening"/,
      onReady: async (stdout) => {
        const port = (JSON.parse(stdout.split('\n').find((l) => l.includes('"msg":"listening"'))!) as { port: number }).port;
        const base = `http://127.0.0.1:${port}`;
        checks.login = (await fetch(`${base}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'simulator' }) })).status;
        checks.oldCookie = (await fetch(`${base}/admin/api/me`, { headers: { cookie } })).status;
        checks.ready = (await fetch(`${base}/readyz`)).status;
      },
    });
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(checks.login).toBe(401);
    expect(checks.oldCookie).toBe(401);
    // The real start seeded its own pair from the environment.
    expect(JSON.parse((await store.get(TOKEN_KEY))!)).toMatchObject({ refreshToken: 'rt-real' });
    expect(checks.ready).toBe(200);
  }, 120_000);
});
