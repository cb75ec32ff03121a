import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogueError } from '../../src/catalogue/errors.js';
import { CatalogueFile } from '../../src/catalogue/file-source.js';
import { readCatalogue } from '../../src/catalogue/read-catalogue.js';

const PAGES = readFileSync(join(import.meta.dirname, '../fixtures/catalogue/pages.jsonl'), 'utf8');
const LINES = PAGES.trimEnd().split('\n');
const row = (code: string): Record<string, string> & { detail_url: string } => JSON.parse(LINES.find((l) => l.includes(`"ma_thu_tuc": "${code}"`) || l.includes(`"ma_thu_tuc":"${code}"`))!) as Record<string, string> & { detail_url: string };
const dir = mkdtempSync(join(tmpdir(), 'catalogue-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(fn: () => Promise<unknown>): Promise<CatalogueError> {
  const err = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CatalogueError);
  return err as CatalogueError;
}

const read = async (text: string) => readCatalogue(CatalogueFile.fromText(text, 'test.jsonl', '2026-07-31'));

describe('CatalogueFile', () => {
  it('reads a gzipped file like the plain one', async () => {
    const path = join(dir, 'pages.jsonl.gz');
    writeFileSync(path, gzipSync(PAGES));
    const catalogue = await readCatalogue(await CatalogueFile.open(path, '2026-07-31'));
    expect(catalogue.records).toHaveLength(13);
    expect(catalogue.source).toEqual({ kind: 'file', location: 'pages.jsonl.gz', retrievedAt: '2026-07-31' });
  });

  it('a truncated gzip file, or a file cut in the middle of its last line, is incomplete', async () => {
    const path = join(dir, 'cut.jsonl.gz');
    const gz = gzipSync(PAGES);
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 2)));
    expect(await failure(() => CatalogueFile.open(path, '2026-07-31'))).toMatchObject({ problem: 'incomplete', record: 'cut.jsonl.gz', field: '(file)' });
    const cut = PAGES.slice(0, PAGES.length - 500);
    expect(await failure(() => read(cut))).toMatchObject({ problem: 'incomplete', record: `line ${LINES.length}` });
  });

  it('a line that is not JSON, or has no code, is an error naming the line', async () => {
    expect(await failure(() => read([LINES[0], '{"ma_thu_tuc": "1.000', LINES[1]].join('\n')))).toMatchObject({ problem: 'malformed', record: 'line 2' });
    const noCode = { ...row('1.000969'), ma_thu_tuc: '' };
    expect(await failure(() => read([LINES[0], JSON.stringify(noCode)].join('\n')))).toMatchObject({ problem: 'missing_code', record: 'line 2', field: 'ma_thu_tuc' });
  });

  it('a time in a unit the catalogue does not know, or a fee in another currency, is an error naming the record and the field', async () => {
    const minutes = { ...row('1.000969'), cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp30 PhútMiễn phí' };
    expect(await failure(() => read(JSON.stringify(minutes)))).toMatchObject({ problem: 'unknown_unit', record: '1.000969', field: 'cach_thuc_thuc_hien' });
    const euros = { ...row('1.000969'), cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp35 Ngày100 EUR' };
    expect(await failure(() => read(JSON.stringify(euros)))).toMatchObject({ problem: 'unknown_currency', record: '1.000969', field: 'cach_thuc_thuc_hien' });
  });

  it('the same record twice is an error; several codes on one portal page are left out, the rest read', async () => {
    expect(await failure(() => read([LINES[0], LINES[1], LINES[0]].join('\n')))).toMatchObject({ problem: 'duplicate', record: 'line 3' });
    const shared = { ...row('1.000969'), ma_thu_tuc: '3.000285' };
    const file = CatalogueFile.fromText([...LINES, JSON.stringify(shared)].join('\n'), 'test.jsonl', '2026-07-31');
    expect(file.skipped).toEqual([{ id: row('1.000969').detail_url.split('/').at(-1), codes: ['1.000969', '3.000285'], lines: [`line ${LINES.indexOf(LINES.find((l) => l.includes('1.000969'))!) + 1}`, `line ${LINES.length + 1}`], reason: 'several codes share one portal page' }]);
    const codes = (await readCatalogue(file)).records.map((r) => r.nationalCode);
    expect(codes).toHaveLength(12);
    expect(codes).not.toContain('1.000969');
    expect(codes).not.toContain('3.000285');
  });
});
