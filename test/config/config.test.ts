import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { loadConfig, ConfigError } from '../../src/config.js';

const zalo = {
  ZALO_APP_ID: '4120118000000000001',
  ZALO_OA_ID: '3660000000000000004',
  ZALO_OA_SECRET_KEY: 'oa-secret',
  ZALO_APP_SECRET: 'app-secret',
  ZALO_ACCESS_TOKEN: 'at',
  ZALO_REFRESH_TOKEN: 'rt',
};

describe('loadConfig', () => {
  it('uses documented defaults and simulator mode without credentials', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.REDIS_PREFIX).toBe('zbot:');
    expect(c.ZALO_API_BASE_URL).toBe('https://openapi.zalo.me');
    expect(c.ZALO_OAUTH_BASE_URL).toBe('https://oauth.zaloapp.com');
    expect(c.DOSSIER_WATCH_INTERVAL_S).toBe(900);
    expect(c.quietHours).toEqual({ start: 22, end: 6 });
    expect(c.simulator).toBe(true);
    expect(c.CATALOGUE_PORTAL_BASE_URL).toBe('https://dichvucong.gov.vn');
    expect(c.CATALOGUE_PORTAL_TIMEOUT_MS).toBe(15_000);
    expect(c.CATALOGUE_SYNC_CRON).toBeUndefined();
    expect(c.CATALOGUE_SYNC_SOURCE).toBeUndefined();
    expect(c.CATALOGUE_SYNC_MAX_REMOVED_PERCENT).toBe(5);
  });

  it('takes a catalogue sync schedule, off, and a file with the day it was read', () => {
    expect(loadConfig({ CATALOGUE_SYNC_CRON: '15 4 * * 1' }).CATALOGUE_SYNC_CRON).toBe('15 4 * * 1');
    expect(loadConfig({ CATALOGUE_SYNC_CRON: 'off' }).CATALOGUE_SYNC_CRON).toBe('off');
    const file = loadConfig({ CATALOGUE_SYNC_SOURCE: 'file', CATALOGUE_SYNC_FILE: '/data/tthc.jsonl.gz', CATALOGUE_SYNC_FILE_RETRIEVED: '2026-11-30' });
    expect([file.CATALOGUE_SYNC_SOURCE, file.CATALOGUE_SYNC_FILE, file.CATALOGUE_SYNC_FILE_RETRIEVED]).toEqual(['file', '/data/tthc.jsonl.gz', '2026-11-30']);
  });

  it('validates the notice settings: a 32-byte base64 phone key (value never echoed), the ZNS host and the watch budget', () => {
    const c = loadConfig({});
    expect(c.ZALO_ZNS_BASE_URL).toBe('https://business.openapi.zalo.me');
    expect(c.NOTIFY_PHONE_KEY).toBeUndefined();
    expect([c.DOSSIER_WATCH_HOT_INTERVAL_S, c.DOSSIER_WATCH_CALLS_PER_MIN, c.DOSSIER_WATCH_RECENT_H, c.DOSSIER_WATCH_DUE_AHEAD_H]).toEqual([60, 600, 72, 24]);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ NOTIFY_PHONE_KEY: key }).NOTIFY_PHONE_KEY).toBe(key);
    const short = Buffer.alloc(16, 7).toString('base64');
    expect(() => loadConfig({ NOTIFY_PHONE_KEY: short })).toThrow('Invalid configuration: NOTIFY_PHONE_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`) (got set (value hidden))');
    expect(() => loadConfig({ DOSSIER_WATCH_CALLS_PER_MIN: '0' })).toThrow(/DOSSIER_WATCH_CALLS_PER_MIN must be an integer from 1 to 100000/);
  });

  it('leaves simulator mode when credentials are set', () => {
    expect(loadConfig(zalo).simulator).toBe(false);
  });

  it('reads the media allow-list as lower-case host names', () => {
    expect(loadConfig({}).mediaAllowedHosts).toEqual(['zdn.vn', 'zadn.vn', 'zalo.me', 'zaloapp.com']);
    expect(loadConfig({ MEDIA_ALLOWED_HOSTS: 'CDN.Example.VN,127.0.0.1' }).mediaAllowedHosts).toEqual(['cdn.example.vn', '127.0.0.1']);
  });

  it('disables quiet hours with an empty value', () => {
    expect(loadConfig({ ANNOUNCEMENT_QUIET_HOURS: '' }).quietHours).toBeNull();
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /PORT must be an integer from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL must be a redis:\/\//],
    [{ ZALO_API_BASE_URL: 'not a url' }, /ZALO_API_BASE_URL must be an http\(s\) URL/],
    [{ CATALOGUE_PORTAL_BASE_URL: 'dichvucong' }, /^Invalid configuration: CATALOGUE_PORTAL_BASE_URL must be an http\(s\) URL \(got "dichvucong"\)$/],
    [{ CATALOGUE_PORTAL_TIMEOUT_MS: '5' }, /CATALOGUE_PORTAL_TIMEOUT_MS must be an integer from 100 to 120000/],
    [{ CATALOGUE_SYNC_CRON: 'every night' }, /^Invalid configuration: CATALOGUE_SYNC_CRON must be a cron expression such as "0 3 \* \* \*" or off \(got "every night"\)$/],
    [{ CATALOGUE_SYNC_SOURCE: 'igate' }, /^Invalid configuration: CATALOGUE_SYNC_SOURCE must be portal or file \(got "igate"\)$/],
    [{ CATALOGUE_SYNC_FILE: '/data/tthc.jsonl.gz' }, /^Invalid configuration: CATALOGUE_SYNC_FILE_RETRIEVED must be set when CATALOGUE_SYNC_FILE is set/],
    [{ CATALOGUE_SYNC_FILE: '/x', CATALOGUE_SYNC_FILE_RETRIEVED: '30/11/2026' }, /CATALOGUE_SYNC_FILE_RETRIEVED must be a date such as 2026-07-31/],
    [{ CATALOGUE_SYNC_MAX_REMOVED_PERCENT: '150' }, /CATALOGUE_SYNC_MAX_REMOVED_PERCENT must be an integer from 0 to 100/],
    [{ ANNOUNCEMENT_QUIET_HOURS: '25-3' }, /ANNOUNCEMENT_QUIET_HOURS must be empty \(off\) or "START-END"/],
    [{ ADMIN_API_TOKEN: 'short' }, /ADMIN_API_TOKEN must be at least 24 characters \(got set \(value hidden\)\)/],
    [{ ...zalo, ZALO_OA_SECRET_KEY: '' }, /ZALO_OA_SECRET_KEY must be set when Zalo credentials are used/],
    [{ ONESTOP_BASE_URL: 'https://api.example.vn' }, /ONESTOP_SSO_URL must be set when the other ONESTOP_\* variables are set/],
    [{ PROCESS_ROLE: 'both' }, /^Invalid configuration: PROCESS_ROLE must be one of all, web, worker \(got "both"\)$/],
    [{ PROCESS_ROLE: 'worker' }, /REDIS_URL must be set when PROCESS_ROLE is worker/],
    [{ MEDIA_ALLOWED_HOSTS: 'zdn.vn, http://evil' }, /MEDIA_ALLOWED_HOSTS must be comma-separated host names such as zdn.vn,zadn.vn/],
    [{ WELCOME_ON_FOLLOW: 'yes' }, /WELCOME_ON_FOLLOW must be on or off/],
    [{ ZALO_REQUEST_INFO_IMAGE_URL: 'http://example.com/a.png' }, /ZALO_REQUEST_INFO_IMAGE_URL must be an https URL/],
  ])('rejects %o with one clear line', (env, message) => {
    let err: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('stops the process with that one line and exit code 1', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: 'abc', REDIS_URL: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('Invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")');
  });
});
