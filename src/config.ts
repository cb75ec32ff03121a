import { validate as validCron } from 'node-cron';
import { z } from 'zod';
import { parseCidrList, type Cidr } from './http/client-ip.js';

/**
 * Every setting comes from the environment and is validated once at start-up.
 * Names are a contract with operators: `.env.example` documents each one.
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const httpUrl = (message: string) => z.url({ protocol: /^https?$/, message });
const optionalUrl = z.preprocess(emptyToUndefined, httpUrl('an http(s) URL such as https://example.gov.vn').optional());
const intIn = (min: number, max: number, def: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number({ message: `an integer from ${min} to ${max}` }).int(`an integer from ${min} to ${max}`).min(min, `an integer from ${min} to ${max}`).max(max, `an integer from ${min} to ${max}`).default(def));
const quietHours = z.preprocess(
  (v) => (v === undefined ? '22-6' : v),
  z
    .string()
    .regex(/^$|^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/, 'empty (off) or "START-END" hours in Vietnam time, e.g. 22-6'),
);

const schema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: intIn(0, 65535, 3000),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'one of fatal, error, warn, info, debug, trace, silent' }).default('info')),
  /** Public base URL of this deployment (links in messages, cookies). */
  PUBLIC_BASE_URL: optionalUrl,

  REDIS_URL: z.preprocess(emptyToUndefined, z.string().regex(/^(rediss?|redis-sentinel|redis-cluster):\/\//, 'a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL').optional()),
  REDIS_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/, 'letters, digits, ":", "_" or "-" (at most 40)').default('zbot:')),

  ZALO_APP_ID: optionalString,
  ZALO_OA_ID: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_APP_SECRET: optionalString,
  ZALO_ACCESS_TOKEN: optionalString,
  ZALO_REFRESH_TOKEN: optionalString,
  ZALO_API_BASE_URL: z.preprocess(emptyToUndefined, httpUrl('an http(s) URL').default('https://openapi.zalo.me')),
  ZALO_OAUTH_BASE_URL: z.preprocess(emptyToUndefined, httpUrl('an http(s) URL').default('https://oauth.zaloapp.com')),
  /** Unconfirmed Zalo facts (reference §8) are settings with the documented default. */
  ZALO_TEXT_MAX_CHARS: intIn(100, 10_000, 2000),
  ZALO_BUTTON_TITLE_MAX: intIn(10, 100, 20),
  ZALO_MAX_BUTTONS: intIn(1, 10, 5),
  ZALO_FREE_REPLIES_PER_TURN: intIn(1, 100, 8),
  ZALO_RATE_LIMIT_PER_MIN: intIn(1, 100_000, 3000),
  ZALO_REQUEST_TIMEOUT_MS: intIn(100, 60_000, 5000),
  /** Timeout of the OAuth refresh, longer than an API call's: a refresh token spent on a timed-out call is lost. */
  ZALO_OAUTH_TIMEOUT_MS: intIn(1000, 120_000, 20_000),
  ZALO_TOKEN_REFRESH_MARGIN_S: intIn(60, 86_400, 3600),

  /** Correctly signed events one instance accepts per minute, all senders together (Zalo sends from a few IPs). */
  WEBHOOK_RATE_LIMIT_PER_MIN: intIn(1, 10_000_000, 120_000),
  /** Requests per minute one IP may send that fail before or at the signature check; then 429 for the minute. */
  WEBHOOK_BAD_REQUESTS_PER_IP_PER_MIN: intIn(1, 1_000_000, 30),
  /** Signed events older than this are acknowledged and dropped; dedupe marks live as long. */
  WEBHOOK_MAX_EVENT_AGE_S: intIn(3600, 7 * 86_400, 86_400),
  /** Reverse proxies (addresses or CIDR blocks, comma-separated) whose X-Forwarded-For is believed; empty: none. */
  TRUSTED_PROXIES: z.preprocess(
    (v) => (v === undefined ? '' : v),
    z.string().refine((v) => !('error' in parseCidrList(v)), 'a comma-separated list of IP addresses or CIDR blocks such as 10.0.0.0/8,::1'),
  ),
  WEBHOOK_QUEUE_PARTITIONS: intIn(1, 256, 16),
  WORKER_CONCURRENCY: intIn(1, 256, 16),
  /**
   * What this process does: `all` (default), `web` (webhook, console and APIs; queues events, runs no jobs) or
   * `worker` (handles events, deliveries and watchers; serves only health and metrics). Split roles share Redis.
   */
  PROCESS_ROLE: z.preprocess(emptyToUndefined, z.enum(['all', 'web', 'worker'], { message: 'one of all, web, worker' }).default('all')),
  SESSION_TTL_S: intIn(60, 7 * 86_400, 1800),
  /** How soon a job whose worker died is taken up again: its lock lapses after this long, ms (checked every second). */
  QUEUE_STALLED_INTERVAL_MS: intIn(500, 600_000, 5000),
  /** Replies waiting for Zalo (network, 5xx, rate limit, token) at most; past it the oldest is dropped, counted and logged. */
  REPLY_RETRY_MAX: intIn(1, 1_000_000, 10_000),

  ONESTOP_ADAPTER: z.preprocess(emptyToUndefined, z.enum(['igate', 'national']).default('igate')),
  ONESTOP_BASE_URL: optionalUrl,
  ONESTOP_SSO_URL: optionalUrl,
  ONESTOP_CLIENT_ID: optionalString,
  ONESTOP_CLIENT_SECRET: optionalString,
  ONESTOP_PORTAL_URL: z.preprocess(emptyToUndefined, httpUrl('an http(s) URL').default('https://dichvucong.quangngai.gov.vn')),
  ONESTOP_TIMEOUT_MS: intIn(100, 60_000, 3000),
  DOSSIER_PROVINCE_PREFIXES: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Y]\d{2}(,[A-Y]\d{2})*$/, 'comma-separated province codes such as H48').default('H48')),
  DOSSIER_LOOKUPS_PER_HOUR: intIn(1, 10_000, 20),
  /** One dossier code, whoever asks: an owner checks a few times a day, a guesser many. */
  DOSSIER_LOOKUPS_PER_CODE_PER_HOUR: intIn(1, 10_000, 10),
  /** All citizens together, per minute: bounds how fast any number of Zalo accounts can walk the codes. */
  DOSSIER_LOOKUPS_GLOBAL_PER_MIN: intIn(1, 1_000_000, 600),
  /** Codes the one-stop system did not know, per hour, that raise an alert (codes tried in a row). */
  DOSSIER_UNKNOWN_CODES_ALERT_PER_HOUR: intIn(1, 1_000_000, 30),
  DOSSIER_WATCH_INTERVAL_S: intIn(10, 86_400, 900),
  DOSSIER_MAX_FOLLOWS: intIn(1, 100, 5),
  /** Dossiers due soon or recently changed are polled this often (capped by DOSSIER_WATCH_INTERVAL_S). */
  DOSSIER_WATCH_HOT_INTERVAL_S: intIn(10, 3600, 60),
  /** At most this many one-stop calls per minute by the watcher, across instances. */
  DOSSIER_WATCH_CALLS_PER_MIN: intIn(1, 100_000, 600),
  /** "Recently changed": a status change or a follow within this many hours. */
  DOSSIER_WATCH_RECENT_H: intIn(0, 24 * 30, 72),
  /** "Due": an appointment date within this many hours (or past). */
  DOSSIER_WATCH_DUE_AHEAD_H: intIn(0, 24 * 30, 24),

  /** ZNS (notices by phone number) host; the simulator points it at its fake. */
  ZALO_ZNS_BASE_URL: z.preprocess(emptyToUndefined, z.url({ message: 'a URL' }).default('https://business.openapi.zalo.me')),
  /** AES-256-GCM key for citizens' phone numbers at rest: 32 bytes, base64. Unset: no phones kept, no ZNS. */
  NOTIFY_PHONE_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, '32 bytes in base64 (e.g. `openssl rand -base64 32`)')
      .optional(),
  ),

  ANNOUNCEMENT_RATE_PER_S: intIn(0, 100_000, 50),
  ANNOUNCEMENT_CONCURRENCY: intIn(1, 512, 8),
  ANNOUNCEMENT_QUIET_HOURS: quietHours,
  ANNOUNCEMENT_CHANNEL: z.preprocess(emptyToUndefined, z.enum(['promotion', 'consultation', 'auto']).default('auto')),
  ANNOUNCEMENT_USER_DAILY_CAP: intIn(0, 100, 2),
  FOLLOWER_SYNC_CRON: z.preprocess(emptyToUndefined, z.string().default('30 2 * * *')),

  ADMIN_API_TOKEN: z.preprocess(emptyToUndefined, z.string().min(24, 'at least 24 characters').optional()),
  /** Bearer token Prometheus sends to read /metrics; without it /metrics is off in production. */
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(24, 'at least 24 characters').optional()),
  ADMIN_SESSION_TTL_S: intIn(300, 30 * 86_400, 8 * 3600),
  HANDOFF_TTL_S: intIn(60, 30 * 86_400, 4 * 3600),

  /** Complaints: send Zalo's request_user_info card after the acknowledgement to ask (with consent) for a phone. */
  COMPLAINT_REQUEST_PHONE: z.preprocess(emptyToUndefined, z.enum(['on', 'off'], { message: 'on or off' }).default('on')),
  /** Image shown on the request_user_info card (whether Zalo requires one is unconfirmed). */
  ZALO_REQUEST_INFO_IMAGE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/, message: 'an https URL' }).optional()),
  /** Greet a new follower (Zalo does not document whether `follow` alone opens the reply window). */
  WELCOME_ON_FOLLOW: z.preprocess(emptyToUndefined, z.enum(['on', 'off'], { message: 'on or off' }).default('on')),
  /** Hosts images and voice messages may be downloaded from (suffix match); never arbitrary URLs. */
  MEDIA_ALLOWED_HOSTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/i, 'comma-separated host names such as zdn.vn,zadn.vn')
      .default('zdn.vn,zadn.vn,zalo.me,zaloapp.com'),
  ),
  MEDIA_MAX_BYTES: intIn(10_000, 50_000_000, 8_000_000),
  MEDIA_DOWNLOAD_TIMEOUT_MS: intIn(500, 60_000, 8000),
  MEDIA_DECODE_TIMEOUT_MS: intIn(500, 120_000, 15_000),
  /** Turns of the bot conversation shown to staff above a handed-off conversation. */
  INBOX_HISTORY_TURNS: intIn(0, 50, 10),

  /**
   * Force or forbid simulator mode; by default it is on exactly when no Zalo credentials are set. Never in
   * production. With REDIS_URL the simulator keeps its state under its own prefix (simulatorStorePrefix).
   */
  SIMULATOR: z.preprocess(emptyToUndefined, z.enum(['auto', 'on', 'off']).default('auto')),
  CONTENT_DIR: optionalString,
  /** Where parsed content is cached between starts; "off" parses every file at every start. */
  CONTENT_CACHE_DIR: optionalString,

  /** The national public-service portal whose public formality API the catalogue is read from. */
  CATALOGUE_PORTAL_BASE_URL: z.preprocess(emptyToUndefined, httpUrl('an http(s) URL').default('https://dichvucong.gov.vn')),
  CATALOGUE_PORTAL_TIMEOUT_MS: intIn(100, 120_000, 15_000),
  /**
   * When the catalogue sync runs (cron, Vietnam time), or `off`. Unset: daily at 03:00, and off in the simulator.
   * Each sync writes a change report for an admin to review; nothing reaches citizens unreviewed.
   */
  CATALOGUE_SYNC_CRON: z.preprocess(emptyToUndefined, z.string().trim().refine((v) => v === 'off' || validCron(v), 'a cron expression such as "0 3 * * *" or off').optional()),
  /** What the sync reads: the portal's API (`portal`) or a catalogue file (`file`). Unset: portal, or file in the simulator. */
  CATALOGUE_SYNC_SOURCE: z.preprocess(emptyToUndefined, z.enum(['portal', 'file'], { message: 'portal or file' }).optional()),
  /** The catalogue file a `file` sync reads (JSON lines of the portal's pages, optionally .gz). Unset: the scraped file shipped in intents/catalogue/sources/. */
  CATALOGUE_SYNC_FILE: optionalString,
  /** The day CATALOGUE_SYNC_FILE's pages were read (records carry it); required with CATALOGUE_SYNC_FILE. */
  CATALOGUE_SYNC_FILE_RETRIEVED: z.preprocess(emptyToUndefined, z.iso.date('a date such as 2026-07-31').optional()),
  /** A sync that would remove more than this share of the live procedures stops as incomplete (a listing cut short). */
  CATALOGUE_SYNC_MAX_REMOVED_PERCENT: intIn(0, 100, 5),
});

export type RawConfig = z.infer<typeof schema>;

/** The simulator's own key prefix in a shared Redis: its demo accounts and state never mix with a real start's. */
export function simulatorStorePrefix(prefix: string): string {
  return `sim:${prefix}`;
}

export interface Config extends RawConfig {
  simulator: boolean;
  provincePrefixes: string[];
  quietHours: { start: number; end: number } | null;
  trustedProxies: Cidr[];
  mediaAllowedHosts: string[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ZALO_CREDENTIALS = ['ZALO_APP_ID', 'ZALO_OA_SECRET_KEY', 'ZALO_APP_SECRET', 'ZALO_ACCESS_TOKEN', 'ZALO_REFRESH_TOKEN'] as const;

export interface LoadConfigOptions {
  /** For maintenance commands (`npm run admin`): they touch only the store, so the Zalo settings are not required. */
  tool?: boolean;
}

/** Parses the environment; throws ConfigError with one line naming the variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = env[name];
    const shown = got === undefined ? 'unset' : name.match(/SECRET|TOKEN|KEY|PASSWORD/) ? 'set (value hidden)' : JSON.stringify(got);
    throw new ConfigError(`Invalid configuration: ${name} must be ${issue.message.replace(/^Invalid input: /, '')} (got ${shown})`);
  }
  const raw = parsed.data;

  const present = ZALO_CREDENTIALS.filter((k) => raw[k]);
  const production = raw.NODE_ENV === 'production';
  // The simulator never runs in production: a production start without Zalo settings is a mistake, not a demo.
  if (production && raw.SIMULATOR === 'on') {
    throw new ConfigError('Invalid configuration: SIMULATOR must not be on when NODE_ENV is production (the simulator is for local use; set the ZALO_* credentials)');
  }
  const simulator = !production && (raw.SIMULATOR === 'on' || (raw.SIMULATOR === 'auto' && present.length === 0));
  if (!simulator && !options.tool) {
    const missing = ZALO_CREDENTIALS.filter((k) => !raw[k]).filter((k) => k !== 'ZALO_ACCESS_TOKEN');
    if (missing.length > 0) {
      const required = ZALO_CREDENTIALS.filter((k) => k !== 'ZALO_ACCESS_TOKEN').join(', ');
      throw new ConfigError(
        production && present.length === 0
          ? `Invalid configuration: ${missing.join(', ')} must be set when NODE_ENV is production (the simulator never runs in production)`
          : `Invalid configuration: ${missing.join(', ')} must be set when Zalo credentials are used (set all of ${required}, or none for the simulator)`,
      );
    }
  }
  const onestop = ['ONESTOP_BASE_URL', 'ONESTOP_SSO_URL', 'ONESTOP_CLIENT_ID', 'ONESTOP_CLIENT_SECRET'] as const;
  const onestopSet = onestop.filter((k) => raw[k]);
  if (onestopSet.length > 0 && onestopSet.length < onestop.length && raw.ONESTOP_ADAPTER === 'igate') {
    const missing = onestop.find((k) => !raw[k])!;
    throw new ConfigError(`Invalid configuration: ${missing} must be set when the other ONESTOP_* variables are set`);
  }

  if (raw.CATALOGUE_SYNC_FILE && !raw.CATALOGUE_SYNC_FILE_RETRIEVED) {
    throw new ConfigError('Invalid configuration: CATALOGUE_SYNC_FILE_RETRIEVED must be set when CATALOGUE_SYNC_FILE is set (the date the file\'s pages were read, such as 2026-07-31)');
  }

  if (raw.PROCESS_ROLE !== 'all' && !raw.REDIS_URL) {
    throw new ConfigError(`Invalid configuration: REDIS_URL must be set when PROCESS_ROLE is ${raw.PROCESS_ROLE} (web and worker processes share their queues through Redis)`);
  }

  let quiet: Config['quietHours'] = null;
  if (raw.ANNOUNCEMENT_QUIET_HOURS !== '') {
    const [s, e] = raw.ANNOUNCEMENT_QUIET_HOURS.split('-').map(Number);
    quiet = { start: s!, end: e! };
  }
  return {
    ...raw,
    simulator,
    provincePrefixes: raw.DOSSIER_PROVINCE_PREFIXES.split(','),
    quietHours: quiet,
    trustedProxies: (parseCidrList(raw.TRUSTED_PROXIES) as { cidrs: Cidr[] }).cidrs,
    mediaAllowedHosts: raw.MEDIA_ALLOWED_HOSTS.toLowerCase().split(','),
  };
}
