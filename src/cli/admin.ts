/**
 * Console accounts from the command line (the first admin cannot be created in the console itself).
 *   npm run admin -- create-user <username> --role admin|staff [--password <p>]
 * The password comes from --password, else ADMIN_PASSWORD, else a prompt on the terminal.
 * Users live in Redis: without REDIS_URL there is nowhere to keep them, so the command refuses.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { createStore } from '../store/create-store.js';
import { ROLES, UserDirectory, UserError } from '../admin/users.js';
import { AuditLog } from '../admin/audit.js';
import type { Role } from '../admin/auth.js';

const USAGE = 'usage: npm run admin -- create-user <username> --role admin|staff [--password <password>] [--replace]';

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

async function createUser(args: string[]): Promise<void> {
  const username = args[0];
  if (!username || username.startsWith('--')) fail(USAGE, 64);
  const role = option(args, '--role') as Role | undefined;
  if (!role || !ROLES.includes(role)) fail(`--role must be admin or staff\n${USAGE}`, 64);

  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  if (!config.REDIS_URL) {
    fail(
      'REDIS_URL is not set. Console users are kept in Redis; without it the bot uses an in-memory store that is lost when this command exits.\n' +
        'Set REDIS_URL to the Redis the bot uses (for example REDIS_URL=redis://localhost:6379) and run the command again.\n' +
        '(In simulator mode without Redis, the demo accounts "admin" and "staff" with password "simulator" exist automatically.)',
    );
  }
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

const [command, ...rest] = process.argv.slice(2);
if (command === 'create-user') await createUser(rest);
else fail(USAGE, 64);
