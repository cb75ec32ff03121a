import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_SNAPSHOT } from '../support/content.js';

const PAGES = join(import.meta.dirname, '../fixtures/catalogue/pages.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'catalogue-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function importCatalogue(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-catalogue.ts', ...args], { encoding: 'utf8', timeout: 80_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run catalogue:import', { timeout: 90_000 }, () => {
  it('writes the snapshot a rerun reproduces byte for byte, and prints how the channel rows were read', () => {
    const out = join(dir, 'national.json.gz');
    const r = importCatalogue(PAGES, '--retrieved', '2026-07-31', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/procedures: +13\n/);
    expect(r.stdout).toMatch(/channel rows: +31\n/);
    expect(r.stdout).toMatch(/time and fee both read: +28 \(90\.3 %\)/);
    // The committed sample was written by this very command: same source, same bytes.
    expect(readFileSync(out).equals(readFileSync(SAMPLE_SNAPSHOT))).toBe(true);
  });

  it('a broken source writes nothing and keeps the last good snapshot', () => {
    const out = join(dir, 'kept.json.gz');
    writeFileSync(out, readFileSync(SAMPLE_SNAPSHOT));
    const cut = join(dir, 'cut.jsonl.gz');
    const gz = gzipSync(readFileSync(PAGES));
    writeFileSync(cut, gz.subarray(0, gz.length - 100));
    const r = importCatalogue(cut, '--retrieved', '2026-07-31', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^catalogue not imported \(nothing written\): cut\.jsonl\.gz: \(file\): the compressed file is damaged or cut short/);
    expect(readFileSync(out).equals(readFileSync(SAMPLE_SNAPSHOT))).toBe(true);
    expect(existsSync(join(dir, 'never.json.gz'))).toBe(false);
    expect(importCatalogue(PAGES, '--out', join(dir, 'never.json.gz')).status).toBe(64);
    expect(existsSync(join(dir, 'never.json.gz'))).toBe(false);
  });
});
