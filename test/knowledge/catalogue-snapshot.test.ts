import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOGUE_SNAPSHOT, readSnapshot, writeSnapshot } from '../../src/knowledge/catalogue-snapshot.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { ContentRepository } from '../../src/knowledge/repository.js';
import { copyContent, SAMPLE_SNAPSHOT } from '../support/content.js';

const sample = readFileSync(SAMPLE_SNAPSHOT);

function catalogue() {
  const read = readSnapshot(sample);
  if (!('catalogue' in read)) throw new Error(JSON.stringify(read.problems));
  return read.catalogue;
}

/** The snapshot's JSON with `edit` applied, gzipped again. */
function edited(edit: (data: { records: Record<string, unknown>[] }) => void): Buffer {
  const data = JSON.parse(gunzipSync(sample).toString('utf8')) as { records: Record<string, unknown>[] };
  edit(data);
  return gzipSync(JSON.stringify(data));
}

describe('the catalogue snapshot', () => {
  it('round-trips, and writes the same bytes for the same records in any order', () => {
    const c = catalogue();
    expect(c.records.map((r) => r.nationalCode)).toEqual([...c.records.map((r) => r.nationalCode)].sort());
    const bytes = writeSnapshot(c);
    expect(bytes.equals(sample)).toBe(true);
    expect(writeSnapshot({ ...c, records: [...c.records].reverse() }).equals(bytes)).toBe(true);
    // No timestamp, and no operating system, in the gzip header.
    expect([...bytes.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(bytes[9]).toBe(0xff);
  });

  it('names the record and the field of a damaged record, and the file when it is not a catalogue', () => {
    const bad = readSnapshot(
      edited((d) => {
        (d.records[1]!.channels as { time: unknown }[])[0]!.time = { kind: 'known', amount: 3, unit: 'fortnight' };
        delete d.records[4]!.sourceUrl;
      }),
    );
    expect('problems' in bad && bad.problems).toEqual([
      expect.objectContaining({ record: catalogue().records[1]!.nationalCode, field: 'channels.0.time.unit' }),
      expect.objectContaining({ record: catalogue().records[4]!.nationalCode, field: 'sourceUrl' }),
    ]);
    const twice = readSnapshot(edited((d) => d.records.push(d.records[0]!)));
    expect('problems' in twice && twice.problems[0]).toMatchObject({ record: catalogue().records[0]!.nationalCode, field: 'nationalCode', message: 'appears twice' });
    expect(readSnapshot(sample.subarray(0, 500))).toEqual({ problems: [expect.objectContaining({ record: '(file)', field: '(root)' })] });
  });
});

describe('loading the official tier with the content', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = copyContent('sample')));
  afterEach(() => remove());

  it('loads the snapshot beside the curated files, and its version changes with it', async () => {
    const first = await loadContentFromDir(dir);
    if ('errors' in first) throw new Error(JSON.stringify(first.errors));
    expect(first.kb.catalogue?.records).toHaveLength(13);
    const c = catalogue();
    writeFileSync(join(dir, CATALOGUE_SNAPSHOT), writeSnapshot({ ...c, records: c.records.slice(1) }));
    const second = await loadContentFromDir(dir);
    if ('errors' in second) throw new Error(JSON.stringify(second.errors));
    expect(second.kb.catalogue?.records).toHaveLength(12);
    expect(second.kb.version).not.toBe(first.kb.version);
  });

  it('a damaged snapshot publishes nothing: the errors name the record and field, and the last good content stays live', async () => {
    const first = await loadContentFromDir(dir);
    if ('errors' in first) throw new Error('bad seed');
    const repo = new ContentRepository(first.kb);
    const before = repo.current();
    writeFileSync(join(dir, CATALOGUE_SNAPSHOT), edited((d) => ((d.records[2]!.channels as { fee: unknown }[])[0]!.fee = { kind: 'charged', amounts: [{ amount: 10, currency: 'EUR' }] })));
    const failed = await repo.tryReload(() => loadContentFromDir(dir));
    expect(failed).toEqual({ ok: false, errors: [expect.objectContaining({ file: CATALOGUE_SNAPSHOT, field: `${catalogue().records[2]!.nationalCode}.channels.0.fee.amounts.0.currency` })] });
    expect(repo.current()).toBe(before);
    writeFileSync(join(dir, CATALOGUE_SNAPSHOT), sample.subarray(0, sample.length - 40));
    const truncated = await repo.tryReload(() => loadContentFromDir(dir));
    expect(truncated.ok).toBe(false);
    expect(repo.current()).toBe(before);
    expect(repo.current().matcher.understand('thủ tục 1.003930').procedureId).toBe('tthc-1-003930');
  });

  it('two curated pages claiming one national code is an error naming both', async () => {
    const path = join(dir, 'procedures/gia-han-tam-tru.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('nationalCode: "1.002755"', 'nationalCode: "1.004194"'));
    const res = await loadContentFromDir(dir);
    expect('errors' in res && res.errors).toEqual([expect.objectContaining({ file: 'procedures/gia-han-tam-tru.yaml', field: 'nationalCode', message: expect.stringContaining('dang-ky-tam-tru') })]);
  });
});
