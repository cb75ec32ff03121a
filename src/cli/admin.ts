/**
 * Maintenance from the command line (all of it works on the store, so REDIS_URL is required):
 *   npm run admin -- create-user <username> --role admin|staff [--password <p>] [--replace]
 *     The password comes from --password, else ADMIN_PASSWORD, else a prompt on the terminal.
 *   npm run admin -- remove-simulator-accounts
 *     Removes the simulator's demo accounts, their sessions and its token pair from the store (idempotent).
 *   npm run admin -- set-zalo-token [--from-env]
 *     Puts a new Zalo token pair (after an OA admin authorised the app again): the OAuth JSON answer, or the
 *     access and refresh tokens on two lines, on stdin; with --from-env, ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/ports.js';
import { ROLES, UserDirectory, UserError } from '../admin/users.js';
import { AuditLog } from '../admin/audit.js';
import type { Role } from '../admin/auth.js';
import { removeSimulatorLeftovers } from '../admin/simulator-accounts.js';
import { putTokenPair, type TokenRecord } from '../zalo/token-manager.js';

const USAGE = [
  'usage: npm run admin -- create-user <username> --role admin|staff [--password <password>] [--replace]',
  '       npm run admin -- remove-simulator-accounts',
  '       npm run admin -- set-zalo-token [--from-env]   (pair on stdin: the OAuth JSON answer, or two lines)',
].join('\n');

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`${name} needs a value\n${USAGE}`, 64);
  return v;
}

/** Reads a password from the terminal without echoing it. */
async function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** The configuration of the store the bot uses; these commands need nothing else (no Zalo settings). */
function storeConfig(): Config {
  let config: Config;
  try {
    config = loadConfig(process.env, { tool: true });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  if (!config.REDIS_URL) {
    fail(
      'REDIS_URL is not set. Console users and the Zalo token are kept in Redis; without it the bot uses an in-memory store that is lost when this command exits.\n' +
        'Set REDIS_URL to the Redis the bot uses (for example REDIS_URL=redis://localhost:6379) and run the command again.\n' +
        '(In simulator mode without Redis, the demo accounts "admin" and "staff" with password "simulator" exist automatically.)',
    );
  }
  return config;
}

async function withStore(config: Config, work: (store: Store) => Promise<void>): Promise<void> {
  const store = createStore(config, pino({ level: 'silent' }));
  try {
    await work(store);
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function createUser(args: string[]): Promise<void> {
  const username = args[0];
  if (!username || username.startsWith('--')) fail(USAGE, 64);
  const role = option(args, '--role') as Role | undefined;
  if (!role || !ROLES.includes(role)) fail(`--role must be admin or staff\n${USAGE}`, 64);

  const config = storeConfig();
  const password = option(args, '--password') ?? process.env.ADMIN_PASSWORD ?? (await promptPassword(`Password for ${username}: `));

  const store = createStore(config, pino({ level: 'silent' }));
  try {
    const users = new UserDirectory(store);
    const user = await users.create({ username, password, role: role!, createdBy: 'cli', replace: args.includes('--replace') });
    await new AuditLog(store).record({ who: 'cli', action: args.includes('--replace') ? 'user.reset' : 'user.create', target: user.username, detail: { role: user.role } });
    process.stdout.write(`User "${user.username}" (${user.role}) saved. Sign in at ${config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`}/admin/\n`);
  } catch (err) {
    if (err instanceof UserError) fail(`${err.field}: ${err.message}${err.message.includes('đã có') ? ' (use --replace to reset it)' : ''}`);
    fail(`could not save the user: ${(err as Error).message}`);
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function removeSimulatorAccounts(): Promise<void> {
  const config = storeConfig();
  await withStore(config, async (store) => {
    const removed = await removeSimulatorLeftovers(store);
    for (const a of removed.accounts) process.stdout.write(`Removed simulator account "${a.username}" (${a.role}).\n`);
    if (removed.accounts.length > 0) process.stdout.write(`Removed ${removed.sessions} console session(s) of those accounts.\n`);
    if (removed.zaloToken) process.stdout.write("Removed the simulator's Zalo token pair; the next real start seeds ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN.\n");
    if (removed.accounts.length === 0 && !removed.zaloToken) {
      process.stdout.write(`No simulator accounts or token in the store (REDIS_PREFIX ${JSON.stringify(config.REDIS_PREFIX)}); nothing removed.\n`);
      return;
    }
    await new AuditLog(store).record({ who: 'cli', action: 'simulator.remove', detail: { accounts: removed.accounts.map((a) => a.username), sessions: removed.sessions, zaloToken: removed.zaloToken } });
  });
}

/** A pair from the OAuth JSON answer (`access_token`, `refresh_token`, `expires_in`) or two whitespace-separated tokens. */
function parsePair(text: string, now: number): TokenRecord | string {
  const trimmed = text.trim();
  let access: unknown;
  let refresh: unknown;
  let expiresIn: unknown;
  if (trimmed.startsWith('{')) {
    try {
      const v = JSON.parse(trimmed) as Record<string, unknown>;
      [access, refresh, expiresIn] = [v.access_token, v.refresh_token, v.expires_in];
    } catch {
      return 'the input starts with "{" but is not valid JSON';
    }
  } else {
    [access, refresh] = trimmed.split(/\s+/);
  }
  const token = /^\S{1,4096}$/;
  if (typeof refresh !== 'string' || !token.test(refresh)) return 'no refresh token (expected the OAuth answer {"access_token", "refresh_token", "expires_in"} or two lines: access token, refresh token)';
  if (typeof access !== 'string' || !token.test(access)) return 'no access token (expected the OAuth answer {"access_token", "refresh_token", "expires_in"} or two lines: access token, refresh token)';
  const seconds = Number(expiresIn);
  // Without a known lifetime the bot refreshes at once, which also proves the pair works.
  return { accessToken: access, refreshToken: refresh, expiresAt: Number.isFinite(seconds) && seconds > 0 ? now + seconds * 1000 : null };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

async function setZaloToken(args: string[]): Promise<void> {
  const config = storeConfig();
  let input: string;
  if (args.includes('--from-env')) input = `${process.env.ZALO_ACCESS_TOKEN ?? ''}\n${process.env.ZALO_REFRESH_TOKEN ?? ''}`;
  else if (process.stdin.isTTY) input = `${await promptPassword('Access token: ')}\n${await promptPassword('Refresh token: ')}`;
  else input = await readAll(process.stdin);
  const pair = parsePair(input, Date.now());
  if (typeof pair === 'string') fail(`set-zalo-token: ${pair}`);
  await withStore(config, async (store) => {
    if (!(await putTokenPair(store, pair))) fail('set-zalo-token: a token refresh is still in progress (the lock stayed taken for 90 s); try again in a minute');
    await new AuditLog(store).record({ who: 'cli', action: 'zalo.token.set', detail: { expiresAt: pair.expiresAt } });
    const expiry = pair.expiresAt === null ? 'expiry unknown: the bot refreshes it within a minute' : `expires ${new Date(pair.expiresAt).toISOString()}`;
    process.stdout.write(`Zalo token pair saved (${expiry}). The token chain is healed: /readyz turns green and waiting replies go out.\n`);
  });
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'create-user') await createUser(rest);
else if (command === 'remove-simulator-accounts') await removeSimulatorAccounts();
else if (command === 'set-zalo-token') await setZaloToken(rest);
else fail(USAGE, 64);
