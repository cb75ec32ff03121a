import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { AuditLog } from '../../src/admin/audit.js';
import { createAuth } from '../../src/admin/auth.js';
import { ContentEditor } from '../../src/admin/content-editor.js';
import { createCatalogueModule, type CatalogueModule, type SyncSource } from '../../src/catalogue/module.js';
import { OfficialVersions } from '../../src/catalogue/official-versions.js';
import { loadConfig } from '../../src/config.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { ContentRepository } from '../../src/knowledge/repository.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { projectRoot } from '../../src/paths.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/ports.js';
import { sharedContentDir } from '../support/content.js';

/** The 13 scraped pages the sample catalogue (the live official tier of these tests) was built from. */
export const PAGE_LINES = readFileSync(join(import.meta.dirname, '../fixtures/catalogue/pages.jsonl'), 'utf8').trimEnd().split('\n');
export type PageRow = Record<string, string> & { ma_thu_tuc: string; detail_url: string; cach_thuc_thuc_hien: string };
export const pageRow = (code: string): PageRow => JSON.parse(PAGE_LINES.find((l) => (JSON.parse(l) as PageRow).ma_thu_tuc === code)!) as PageRow;

/** The pages with edits: rows replaced (the row of the same portal page), rows removed by code, rows added. */
export function editedPages(edit: { replace?: PageRow[]; remove?: string[]; add?: PageRow[] } = {}): string {
  const rows = PAGE_LINES.map((l) => JSON.parse(l) as PageRow)
    .filter((r) => !(edit.remove ?? []).includes(r.ma_thu_tuc))
    .map((r) => edit.replace?.find((x) => x.detail_url === r.detail_url) ?? r);
  return [...rows, ...(edit.add ?? [])].map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** 1.004194 (đăng ký tạm trú, overlaid by a curated page) with new fees: 8,000 đ online, 12,000 đ in person. */
export function tamTruWithNewFees(): PageRow {
  const r = pageRow('1.004194');
  return { ...r, cach_thuc_thuc_hien: r.cach_thuc_thuc_hien.replace('7,000 Việt Nam Đồng', '8,000 Việt Nam Đồng').replace('10,000 Việt Nam Đồng', '12,000 Việt Nam Đồng') };
}

/** 1.003930 (catalogue only) taking 3 working days instead of 2 on every channel. */
export function phuongTienInThreeDays(): PageRow {
  const r = pageRow('1.003930');
  return { ...r, cach_thuc_thuc_hien: r.cach_thuc_thuc_hien.replaceAll('2 Ngày làm việc', '3 Ngày làm việc') };
}

/** A procedure the sample does not hold. */
export function newProcedure(): PageRow {
  const r = pageRow('1.003930');
  const id = '019d2bfe-3a75-729d-b70f-b9cea7a16fb4';
  return { ...r, ma_thu_tuc: '1.003931', ten_thu_tuc: 'Xóa đăng ký phương tiện thủy nội địa', detail_url: `https://dichvucong.gov.vn/thu-tuc-hanh-chinh/${id}`, ...('formality_id' in r ? { formality_id: id } : {}) };
}

export class TempFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'catalogue-sync-'));
  write(name: string, text: string | Buffer, gzip = name.endsWith('.gz')): string {
    const path = join(this.dir, name);
    writeFileSync(path, gzip ? gzipSync(text) : text);
    return path;
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface SyncHarness {
  store: Store;
  content: ContentRepository;
  editor: ContentEditor;
  versions: OfficialVersions;
  audit: AuditLog;
  catalogue: CatalogueModule;
  seed: KnowledgeBase;
  close(): Promise<void>;
}

let seedKb: KnowledgeBase | undefined;
export async function sampleKb(): Promise<KnowledgeBase> {
  if (!seedKb) {
    const loaded = await loadContentFromDir(sharedContentDir());
    if ('errors' in loaded) throw new Error(JSON.stringify(loaded.errors.slice(0, 3)));
    seedKb = loaded.kb;
  }
  return seedKb;
}

/** One instance's content, editor and catalogue module over `store`, reading `source` (a file by default: `env`). */
export async function startSyncHarness(opts: { store?: Store; source?: SyncSource; env?: Record<string, string>; maxRemovedPercent?: number } = {}): Promise<SyncHarness> {
  const logger = pino({ level: 'silent' });
  const store = opts.store ?? new MemoryStore();
  const seed = await sampleKb();
  const content = new ContentRepository(seed);
  const versions = new OfficialVersions(store);
  const audit = new AuditLog(store);
  const editor = new ContentEditor({ store, content, audit, logger, official: versions });
  await editor.start();
  const config = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR: 'on', CATALOGUE_SYNC_MAX_REMOVED_PERCENT: String(opts.maxRemovedPercent ?? 20), ...opts.env });
  const catalogue = createCatalogueModule({ config, store, logger, content, editor, versions, audit, auth: createAuth({}), root: projectRoot(), source: opts.source });
  return {
    store,
    content,
    editor,
    versions,
    audit,
    catalogue,
    seed,
    async close() {
      await catalogue.stop();
      await editor.stop();
      if (!opts.store) await store.close();
    },
  };
}

/** The env of a file sync reading `path`. */
export const fileEnv = (path: string, retrieved = '2026-07-31') => ({ CATALOGUE_SYNC_SOURCE: 'file', CATALOGUE_SYNC_FILE: path, CATALOGUE_SYNC_FILE_RETRIEVED: retrieved });
