/**
 * Builds the official tier the bot loads (intents/catalogue/national.json.gz) from a source, all or nothing.
 *
 *   npm run catalogue:import -- FILE.jsonl[.gz] --retrieved YYYY-MM-DD   the scraped catalogue file
 *   npm run catalogue:import -- --portal                                  the national portal's API
 *       (CATALOGUE_PORTAL_BASE_URL, CATALOGUE_PORTAL_TIMEOUT_MS; --retrieved defaults to today)
 *   --out PATH   where to write (default intents/catalogue/national.json.gz)
 *
 * For a file it prints how many channel rows (per-channel time and fee) were read without ambiguity. A
 * source that fails anywhere writes nothing and exits 1 with the record and field.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CatalogueError } from '../src/catalogue/errors.js';
import { CatalogueFile } from '../src/catalogue/file-source.js';
import { PortalCatalogue } from '../src/catalogue/portal-source.js';
import { readCatalogue } from '../src/catalogue/read-catalogue.js';
import type { CellReading } from '../src/catalogue/page-tables.js';
import { loadConfig } from '../src/config.js';
import { CATALOGUE_SNAPSHOT, writeSnapshot } from '../src/knowledge/catalogue-snapshot.js';
import { projectRoot } from '../src/paths.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function pct(n: number, of: number): string {
  return `${n} (${((100 * n) / Math.max(1, of)).toFixed(1)} %)`;
}

/** How the channel rows of the whole file were read. */
function channelFigures(file: CatalogueFile, ids: string[]): string[] {
  let rows = 0;
  let both = 0;
  const time = new Map<CellReading, number>();
  const fee = new Map<CellReading, number>();
  for (const id of ids) {
    for (const row of file.reading(id).rows) {
      rows++;
      time.set(row.timeCell, (time.get(row.timeCell) ?? 0) + 1);
      fee.set(row.feeCell, (fee.get(row.feeCell) ?? 0) + 1);
      if (row.timeCell === 'read' && row.feeCell === 'read') both++;
    }
  }
  const list = (m: Map<CellReading, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `channel rows:              ${rows}`,
    `time and fee both read:    ${pct(both, rows)}`,
    `time read:                 ${pct(time.get('read') ?? 0, rows)}   [${list(time)}]`,
    `fee read:                  ${pct(fee.get('read') ?? 0, rows)}   [${list(fee)}]`,
    `(a stated "Không có thông tin" counts as read; every other cell is stored as unknown and the answer links the official page)`,
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = option(args, '--out') ?? join(projectRoot(), 'intents', CATALOGUE_SNAPSHOT);
  const retrieved = option(args, '--retrieved');
  if (retrieved !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(retrieved)) throw new Error('--retrieved must be a date such as 2026-07-31');
  const started = Date.now();
  let report: string[] = [];
  let catalogue;
  if (args.includes('--portal')) {
    const config = loadConfig(process.env);
    const port = new PortalCatalogue({ baseUrl: config.CATALOGUE_PORTAL_BASE_URL, timeoutMs: config.CATALOGUE_PORTAL_TIMEOUT_MS, retrievedAt: retrieved });
    console.error(`reading ${port.source.location} …`);
    catalogue = await readCatalogue(port, { onRecord: (done, total) => done % 200 === 0 && console.error(`  ${done}/${total}`) });
  } else {
    const path = args.find((a, i) => !a.startsWith('--') && !['--out', '--retrieved'].includes(args[i - 1] ?? ''));
    if (!path || !retrieved) {
      console.error('usage: catalogue:import -- FILE.jsonl[.gz] --retrieved YYYY-MM-DD [--out PATH] | --portal [--out PATH]');
      process.exit(64);
    }
    const file = await CatalogueFile.open(path, retrieved);
    catalogue = await readCatalogue(file);
    report = channelFigures(file, (await file.list()).map((e) => e.id));
    for (const s of file.skipped) report.push(`left out: ${s.codes.join(', ')} (${s.lines.length} lines): ${s.reason} (${s.id})`);
  }
  const bytes = writeSnapshot(catalogue);
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, out);
  console.log(`source:                    ${catalogue.source.kind} ${catalogue.source.location}, retrieved ${catalogue.source.retrievedAt}`);
  console.log(`procedures:                ${catalogue.records.length}`);
  for (const line of report) console.log(line);
  console.log(`written:                   ${out} (${(bytes.length / 1024).toFixed(0)} kB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  if (err instanceof CatalogueError) console.error(`catalogue not imported (nothing written): ${err.message}`);
  else console.error(`catalogue not imported (nothing written): ${(err as Error).message}`);
  process.exit(1);
});
