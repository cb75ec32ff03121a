import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { ContentRepository } from '../../src/knowledge/repository.js';
import { copyContent, INTENTS_DIR as intents } from '../support/content.js';

let dir: string;
let remove: () => void;

beforeEach(() => {
  ({ dir, remove } = copyContent('sample'));
});
afterEach(() => remove());

const file = (rel: string): string => join(dir, rel);

describe('loadContentFromDir', () => {
  it('loads the shipped content', async () => {
    const res = await loadContentFromDir(dir);
    if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
    expect(res.kb.procedures.length).toBeGreaterThanOrEqual(60);
    expect(res.kb.intents.some((i) => i.id === 'greeting')).toBe(true);
    expect(res.kb.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names the file, the line and the field of a schema error', async () => {
    const path = file('procedures/dang-ky-khai-sinh.yaml');
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('level:'));
    lines[at] = 'level: district';
    writeFileSync(path, lines.join('\n'));
    const res = await loadContentFromDir(dir);
    expect('errors' in res).toBe(true);
    if (!('errors' in res)) return;
    expect(res.errors).toContainEqual(expect.objectContaining({ file: 'procedures/dang-ky-khai-sinh.yaml', line: at + 1, field: 'level' }));
  });

  it('reports YAML syntax errors with their line', async () => {
    writeFileSync(file('system/greeting.yaml'), 'id: greeting\nkind: greeting\nphrasings: [a, b\n');
    const res = await loadContentFromDir(dir);
    if (!('errors' in res)) throw new Error('expected errors');
    const e = res.errors.find((x) => x.file === 'system/greeting.yaml');
    expect(e?.field).toBe('(yaml)');
    expect(e?.line).toBeGreaterThan(0);
  });

  it('cross-checks file names, duplicate ids and related ids', async () => {
    const text = readFileSync(file('procedures/dang-ky-khai-tu.yaml'), 'utf8');
    writeFileSync(file('procedures/copy-of-khai-tu.yaml'), text);
    writeFileSync(file('procedures/dang-ky-khai-tu.yaml'), text.replace(/^related: \[/m, 'related: [khong-ton-tai, '));
    const res = await loadContentFromDir(dir);
    if (!('errors' in res)) throw new Error('expected errors');
    const fields = res.errors.map((e) => `${e.file} ${e.field} ${e.message}`);
    expect(fields.some((f) => f.startsWith('procedures/copy-of-khai-tu.yaml id') && f.includes('file name'))).toBe(true);
    expect(fields.some((f) => f.includes('duplicate id'))).toBe(true);
    expect(res.errors).toContainEqual(expect.objectContaining({ file: 'procedures/dang-ky-khai-tu.yaml', field: 'related.0' }));
  });
});

describe('ContentRepository', () => {
  it('keeps the last good content live when a reload fails, and swaps when it succeeds', async () => {
    const first = await loadContentFromDir(dir);
    if ('errors' in first) throw new Error('bad seed');
    const repo = new ContentRepository(first.kb);
    const before = repo.current();
    expect(before.matcher.understand('xin chào').intent).toBe('greeting');

    writeFileSync(file('procedures/dang-ky-ket-hon.yaml'), 'id: dang-ky-ket-hon\nname: 3\n');
    const failed = await repo.tryReload(() => loadContentFromDir(dir));
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.errors.some((e) => e.file === 'procedures/dang-ky-ket-hon.yaml')).toBe(true);
    expect(repo.current()).toBe(before);
    expect(repo.current().matcher.understand('đăng ký kết hôn cần gì').procedureId).toBe('dang-ky-ket-hon');

    cpSync(join(intents, 'procedures/dang-ky-ket-hon.yaml'), file('procedures/dang-ky-ket-hon.yaml'));
    const greeting = file('system/greeting.yaml');
    writeFileSync(greeting, readFileSync(greeting, 'utf8') + '  - chào đồng chí\n');
    const seen: string[] = [];
    repo.onChange((s) => seen.push(s.version));
    const ok = await repo.tryReload(() => loadContentFromDir(dir));
    expect(ok).toMatchObject({ ok: true, changed: true });
    expect(repo.current()).not.toBe(before);
    expect(seen).toEqual([repo.current().version]);
  });

  it('keeps the old content when the load itself throws', async () => {
    const first = await loadContentFromDir(dir);
    if ('errors' in first) throw new Error('bad seed');
    const repo = new ContentRepository(first.kb);
    const before = repo.current();
    const res = await repo.tryReload(() => Promise.reject(new Error('disk gone')));
    expect(res.ok).toBe(false);
    expect(repo.current()).toBe(before);
  });
});
