import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { syncSchedule } from '../../src/catalogue/module.js';
import { loadConfig } from '../../src/config.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { editedPages, fileEnv, newProcedure, phuongTienInThreeDays, startSyncHarness, TempFiles, type SyncHarness } from './sync-harness.js';

const url = testRedisUrl();
const logger = pino({ level: 'silent' });
const files = new TempFiles();
const open: SyncHarness[] = [];
const stores: RedisStore[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
  for (const s of stores) await s.close();
  files.remove();
});

function redis(prefix: string): RedisStore {
  const store = new RedisStore({ url, prefix, logger });
  stores.push(store);
  return store;
}

async function instance(prefix: string, env: Record<string, string>): Promise<SyncHarness> {
  const h = await startSyncHarness({ store: redis(prefix), env });
  open.push(h);
  return h;
}

describe('the schedule', () => {
  it('is daily at 03:00 by default, off in the simulator unless asked, off when set to off', () => {
    const base = { LOG_LEVEL: 'silent' };
    expect(syncSchedule(loadConfig({ ...base, SIMULATOR: 'off' }, { tool: true }))).toBe('0 3 * * *');
    expect(syncSchedule(loadConfig({ ...base, SIMULATOR: 'on' }))).toBeNull();
    expect(syncSchedule(loadConfig({ ...base, SIMULATOR: 'on', CATALOGUE_SYNC_CRON: '30 2 * * 1' }))).toBe('30 2 * * 1');
    expect(syncSchedule(loadConfig({ ...base, SIMULATOR: 'off', CATALOGUE_SYNC_CRON: 'off' }, { tool: true }))).toBeNull();
  });
});

describe.skipIf(!url)('the catalogue sync across instances sharing Redis', { timeout: 60_000 }, () => {
  it('a published catalogue reaches every instance live, and an instance started later adopts it', async () => {
    const prefix = uniquePrefix('catalogue-live');
    const env = fileEnv(files.write('changed.jsonl.gz', editedPages({ replace: [phuongTienInThreeDays()], add: [newProcedure()] })));
    const a = await instance(prefix, env);
    const b = await instance(prefix, env);
    const report = await a.catalogue.sync.run('console', 'admin');
    expect(report.status).toBe('ready');
    // Approved on one instance, published from the other: the store is the truth.
    await a.catalogue.review.approve(report.id, 'admin');
    const oldMatcher = a.content.current().matcher;
    const { version } = await b.catalogue.review.publish(report.id, 'admin');
    for (const h of [a, b]) {
      await expect.poll(() => h.content.current().version, { timeout: 10_000, interval: 50 }).toBe(version);
      expect(h.content.current().matcher.understand('thủ tục 1.003931').procedureId).toBe('tthc-1-003931');
      expect(h.editor.servedOfficialVersion()).toBe(report.candidate);
    }
    expect(a.content.current().matcher).not.toBe(oldMatcher);
    // The live record names the version; the catalogue itself is stored once, compressed.
    const live = JSON.parse((await a.store.get('content:live'))!) as { official: string; kb: Record<string, unknown> };
    expect(live.official).toBe(report.candidate);
    expect(live.kb.catalogue).toBeUndefined();

    const late = await instance(prefix, env);
    expect(late.content.current().version).toBe(version);
    expect(late.content.current().kb.catalogue!.records.map((r) => r.nationalCode)).toContain('1.003931');
    expect((await late.catalogue.review.get(report.id)).status).toBe('published');
  });

  it('a scheduled sync fires on every instance and runs once', async () => {
    const prefix = uniquePrefix('catalogue-cron');
    // A slot is a minute: start early enough in one so that the test does not straddle two.
    while (new Date().getSeconds() > 40) await new Promise((r) => setTimeout(r, 500));
    const env = { ...fileEnv(files.write('cron.jsonl', editedPages({ add: [newProcedure()] }))), CATALOGUE_SYNC_CRON: '* * * * * *' };
    const instances = [await instance(prefix, env), await instance(prefix, env)];
    for (const h of instances) h.catalogue.start();
    await expect.poll(async () => (await instances[0]!.catalogue.review.list()).filter((r) => r.status !== 'running').length, { timeout: 15_000, interval: 200 }).toBe(1);
    // Both timers kept firing every second meanwhile; give them a few more.
    await new Promise((r) => setTimeout(r, 2500));
    const reports = await instances[1]!.catalogue.review.list();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ trigger: 'schedule', by: 'system', status: 'ready' });
  });
});
