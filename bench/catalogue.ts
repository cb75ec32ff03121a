/**
 * What it costs to keep the official tier in the store and to adopt a published one, with the shipped catalogue
 * (intents/catalogue/national.json.gz, 2,625 records). Prints figures; asserts nothing.
 *
 *   npm run bench:catalogue        (REDIS_URL, or a private redis-server on a free port)
 *
 * - sizes: the canonical JSON, gzip (the snapshot file), brotli (what the store keeps, base64), and the
 *   alternative considered: only the records that differ from the shipped snapshot;
 * - Redis: MEMORY USAGE of one stored version and used_memory before/after;
 * - time: storing a version (compression), reading one back (decompress + validate every record), the matcher
 *   build that follows on every instance, and the change report of a sync.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { compareCatalogues } from '../src/catalogue/change-report.js';
import { OfficialVersions } from '../src/catalogue/official-versions.js';
import { packText } from '../src/catalogue/packed-text.js';
import { CATALOGUE_SNAPSHOT, readSnapshot, snapshotText } from '../src/knowledge/catalogue-snapshot.js';
import { loadContentFromDir } from '../src/knowledge/loader.js';
import type { OfficialCatalogue, OfficialRecord } from '../src/knowledge/official.js';
import { buildMatcher } from '../src/nlu/matcher.js';
import { projectRoot } from '../src/paths.js';
import { RedisStore } from '../src/store/redis-store.js';
import { ensureRedis } from './redis-server.js';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;

/** A later reading: every record read on another day, 2 % of them with a changed fee or time. */
function laterReading(live: OfficialCatalogue): OfficialCatalogue {
  const records = live.records.map((r, i): OfficialRecord => {
    const again = { ...r, retrievedAt: '2026-12-03' };
    if (i % 50 !== 0 || r.channels.length === 0) return again;
    return { ...again, channels: r.channels.map((c) => ({ ...c, time: { kind: 'known' as const, amount: 7, unit: 'working_day' as const } })) };
  });
  return { ...live, source: { ...live.source, retrievedAt: '2026-12-03' }, records };
}

async function main(): Promise<void> {
  const dir = join(projectRoot(), 'intents');
  const bytes = await readFile(join(dir, CATALOGUE_SNAPSHOT));
  const read = readSnapshot(bytes);
  if ('problems' in read) throw new Error('the shipped snapshot does not read');
  const live = read.catalogue;
  const text = snapshotText(live);
  const later = laterReading(live);

  let t = performance.now();
  const packed = await packText(snapshotText(later));
  const packMs = ms(t);
  const changedOnly = later.records.filter((r, i) => JSON.stringify({ ...r, retrievedAt: '' }) !== JSON.stringify({ ...live.records[i]!, retrievedAt: '' }));
  console.log(`records:                       ${live.records.length}`);
  console.log(`canonical JSON:                ${mb(Buffer.byteLength(text))}`);
  console.log(`gzip -9 (the snapshot file):   ${mb(bytes.length)}`);
  console.log(`brotli 9, base64 (the store):  ${mb(packed.length)}   (compressed in ${packMs})`);
  console.log(`diff vs shipped, same facts:   ${changedOnly.length} records differ in facts, but all ${later.records.length} differ in retrievedAt: a diff is the whole catalogue again`);
  console.log(`  ${changedOnly.length} changed records alone:  ${mb((await packText(JSON.stringify(changedOnly))).length)} (needs the same shipped base on every instance)`);

  t = performance.now();
  const changes = compareCatalogues(live, later, (await loadKb(dir)).procedures);
  console.log(`change report:                 ${changes.changed.length} changed, ${changes.unchanged} unchanged in ${ms(t)}`);

  const redis = await ensureRedis();
  const raw = new Redis(redis.url);
  const logger = pino({ level: 'silent' });
  const prefix = `bench:catalogue:${process.pid}:`;
  const store = new RedisStore({ url: redis.url, prefix, logger });
  try {
    const before = usedMemory(await raw.info('memory'));
    t = performance.now();
    const stored = await new OfficialVersions(store).put(later);
    console.log(`store a version:               ${ms(t)} (validate, serialise, compress, SET)`);
    const usage = Number(await raw.call('MEMORY', 'USAGE', `${prefix}content:official:v:${stored.id}`));
    const after = usedMemory(await raw.info('memory'));
    console.log(`Redis MEMORY USAGE (1 version): ${mb(usage)}; used_memory ${mb(before)} → ${mb(after)}; 3 kept versions ≈ ${mb(3 * usage)}`);

    const kb = await loadKb(dir);
    t = performance.now();
    const adopted = await new OfficialVersions(store).get(stored.id);
    const readMs = ms(t);
    t = performance.now();
    buildMatcher({ ...kb, catalogue: adopted });
    console.log(`adopt on an instance:          read + validate ${readMs}, matcher build ${ms(t)}`);
  } finally {
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length) await raw.del(...keys);
    await store.close();
    raw.disconnect();
    redis.stop();
  }
  console.log(`rss:                           ${mb(process.memoryUsage().rss)}`);
  console.log(`(gzip -9 of the same text for comparison: ${mb(gzipSync(text, { level: 9 }).length * 4 / 3)} as base64)`);
}

function usedMemory(info: string): number {
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function loadKb(dir: string) {
  const loaded = await loadContentFromDir(dir);
  if ('errors' in loaded) throw new Error('content does not load');
  return loaded.kb;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
