import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOGUE_SNAPSHOT } from '../../src/knowledge/catalogue-snapshot.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { copyContent } from '../support/content.js';

/** The parse cache between starts: the same knowledge base, faster; never a stale or a broken value. */
let content: { dir: string; remove: () => void };
let cacheDir: string;
beforeEach(() => {
  content = copyContent('sample');
  cacheDir = mkdtempSync(join(tmpdir(), 'parse-cache-'));
});
afterEach(() => {
  content.remove();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('content parse cache', () => {
  it('a load from the cache gives the same knowledge base as a load without it', async () => {
    const plain = await loadContentFromDir(content.dir);
    const first = await loadContentFromDir(content.dir, { cacheDir });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
    const second = await loadContentFromDir(content.dir, { cacheDir });
    expect(first).toEqual(plain);
    expect(second).toEqual(plain);
    if (!('kb' in second)) throw new Error('no kb');
    expect(second.kb.catalogue?.records.length).toBe(13);
  });

  it('a changed file is parsed again: its new value, or its problems with exact lines', async () => {
    await loadContentFromDir(content.dir, { cacheDir });
    const file = join(content.dir, 'procedures/dang-ky-tam-tru.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^( {2}vi: )Đăng ký tạm trú$/m, '$1Đăng ký tạm trú (đã sửa)'));
    const changed = await loadContentFromDir(content.dir, { cacheDir });
    if (!('kb' in changed)) throw new Error(JSON.stringify(changed.errors));
    expect(changed.kb.procedures.find((p) => p.id === 'dang-ky-tam-tru')!.name.vi).toBe('Đăng ký tạm trú (đã sửa)');
    // A cross-file problem in a file the cache knows (a duplicate id) is reported with its line, as without a cache.
    writeFileSync(join(content.dir, 'procedures/dang-ky-tam-tru.yaml'), text.replace(/^id: dang-ky-tam-tru$/m, 'id: dang-ky-thuong-tru'));
    const broken = await loadContentFromDir(content.dir, { cacheDir });
    const plain = await loadContentFromDir(content.dir);
    expect(broken).toEqual(plain);
    expect('errors' in broken && broken.errors.every((e) => e.line > 0)).toBe(true);
  });

  it('a snapshot validated once is trusted only with the same bytes: a damaged one is an error', async () => {
    await loadContentFromDir(content.dir, { cacheDir });
    const snapshot = join(content.dir, CATALOGUE_SNAPSHOT);
    const bytes = readFileSync(snapshot);
    writeFileSync(snapshot, bytes.subarray(0, bytes.length - 40));
    const res = await loadContentFromDir(content.dir, { cacheDir });
    expect('errors' in res && res.errors[0]!.file).toBe(CATALOGUE_SNAPSHOT);
  });

  it('a cache that cannot be written is no cache: the content loads the same', async () => {
    // A path below a file: no directory can be made there (whatever the user's rights).
    writeFileSync(join(cacheDir, 'a-file'), '');
    const res = await loadContentFromDir(content.dir, { cacheDir: join(cacheDir, 'a-file', 'sub') });
    expect(res).toEqual(await loadContentFromDir(content.dir));
  });
});
