import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSource } from '../../src/catalogue/module.js';
import { PORTAL_DETAIL_PATH, PORTAL_LIST_PATH, PortalCatalogue } from '../../src/catalogue/portal-source.js';
import type { SyncReport } from '../../src/catalogue/sync-reports.js';
import { editedPages, fileEnv, newProcedure, PAGE_LINES, pageRow, startSyncHarness, TempFiles, type SyncHarness } from './sync-harness.js';
import { formality, listItem, MINISTRY_ONLY, PORTAL, SAMPLE_FORMALITY, servePortal, THREE_CHANNELS } from './portal-fixtures.js';

const files = new TempFiles();
beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  nock.enableNetConnect();
  files.remove();
});
let h: SyncHarness | undefined;
afterEach(async () => {
  nock.cleanAll();
  await h?.close();
  h = undefined;
});

// Generous by default: a loaded CI machine must not turn a prompt reply into a timeout; the timeout test sets its own.
const portalSource = (timeoutMs = 5000): SyncSource => ({
  info: { kind: 'portal', location: PORTAL },
  open: async () => new PortalCatalogue({ baseUrl: PORTAL, timeoutMs, retries: 0, retryDelayMs: 10, retrievedAt: '2026-12-03' }),
});

/**
 * Runs a sync that must stop: the report names the problem, the record and the field; the content citizens are
 * answered from is the same object as before (no rebuild, no swap); no draft and no stored catalogue version.
 */
async function expectStopped(harness: SyncHarness, problem: Partial<NonNullable<SyncReport['problem']>>): Promise<SyncReport> {
  const live = harness.content.current();
  const official = await harness.editor.liveOfficialVersion();
  const versions = await harness.store.scanKeys('content:official:v:*');
  const report = await harness.catalogue.sync.run('schedule', 'system');
  expect(report.status).toBe('failed');
  expect(report.problem).toMatchObject(problem);
  expect(report.candidate).toBeUndefined();
  expect(harness.content.current()).toBe(live);
  expect(await harness.editor.liveOfficialVersion()).toBe(official);
  expect(await harness.editor.officialDraft()).toBeNull();
  expect((await harness.store.scanKeys('content:official:v:*')).sort()).toEqual(versions.sort());
  await expect(harness.catalogue.review.approve(report.id, 'admin')).rejects.toMatchObject({ status: 409 });
  // The stored report says the same.
  expect(await harness.catalogue.review.get(report.id)).toMatchObject({ status: 'failed', problem });
  return report;
}

describe('a sync from the portal API that does not answer fully publishes nothing', { timeout: 30_000 }, () => {
  it('a listing that times out', async () => {
    h = await startSyncHarness({ source: portalSource(300) });
    nock(PORTAL).post(PORTAL_LIST_PATH).delay(3000).reply(200, { data: { items: [], lastId: null } });
    await expectStopped(h, { problem: 'timeout', record: '(list page 1)', field: '(response)' });
  });

  it('a detail call that answers 503, and a listing whose second page answers 500 (half-answered)', async () => {
    h = await startSyncHarness({ source: portalSource() });
    nock(PORTAL)
      .post(PORTAL_LIST_PATH, (b: { lastId: unknown }) => b.lastId === null)
      .reply(200, { data: { items: [listItem(SAMPLE_FORMALITY)], lastId: SAMPLE_FORMALITY.id } })
      .post(PORTAL_LIST_PATH, (b: { lastId: unknown }) => b.lastId === SAMPLE_FORMALITY.id)
      .reply(200, { data: { items: [], lastId: null } })
      .post(PORTAL_DETAIL_PATH)
      .reply(503, 'busy');
    await expectStopped(h, { problem: 'server_error', record: SAMPLE_FORMALITY.id as string, field: '(response)' });

    nock(PORTAL)
      .post(PORTAL_LIST_PATH, (b: { lastId: unknown }) => b.lastId === null)
      .reply(200, { data: { items: [listItem(SAMPLE_FORMALITY)], lastId: SAMPLE_FORMALITY.id } })
      .post(PORTAL_LIST_PATH, (b: { lastId: unknown }) => b.lastId === SAMPLE_FORMALITY.id)
      .reply(500, 'oops');
    await expectStopped(h, { problem: 'server_error', record: '(list page 2)' });
  });

  it('a record without a code, a time unit it does not know, a fee in another currency, an answer without a record', async () => {
    h = await startSyncHarness({ source: portalSource() });
    const cases: [Record<string, unknown>, Partial<NonNullable<SyncReport['problem']>>][] = [
      [formality({ id: 'id-no-code', code: null, name: 'Không mã' }), { problem: 'missing_code', record: 'id-no-code', field: 'code' }],
      [formality({ id: 'id-quarter', code: '1.000002', name: 'Đơn vị lạ', methods: [{ submissionMethod: 'ONLINE', processingTime: 2, processingTimeUnit: 'QUARTER' }] }), { problem: 'unknown_unit', record: '1.000002', field: 'executionMethods.0.processingTimeUnit' }],
      [
        formality({ id: 'id-euro', code: '1.000003', name: 'Phí lạ', methods: [{ submissionMethod: 'DIRECT', processingTime: 2, processingTimeUnit: 'DAY', fees: [{ type: 'Lệ phí', value: 10, currencyName: 'EUR' }] }] }),
        { problem: 'unknown_currency', record: '1.000003', field: 'executionMethods.0.fees.0.currencyName' },
      ],
    ];
    for (const [bad, problem] of cases) {
      servePortal([THREE_CHANNELS, bad, MINISTRY_ONLY], 2);
      await expectStopped(h, problem);
      nock.cleanAll();
    }
    nock(PORTAL).post(PORTAL_LIST_PATH).reply(200, { data: { items: [listItem(THREE_CHANNELS)], lastId: THREE_CHANNELS.id } }).post(PORTAL_LIST_PATH).reply(200, { data: { items: [], lastId: null } }).post(PORTAL_DETAIL_PATH).reply(200, { data: 'not a record' });
    await expectStopped(h, { problem: 'malformed', record: THREE_CHANNELS.id as string, field: 'data' });
  });

  it('a listing that is empty, or far shorter than the live catalogue, is incomplete', async () => {
    h = await startSyncHarness({ source: portalSource(), maxRemovedPercent: 5 });
    nock(PORTAL).post(PORTAL_LIST_PATH).reply(200, { data: { items: [], lastId: null } });
    await expectStopped(h, { problem: 'incomplete', record: '(list)', field: 'items', message: '(list): items: the source lists no procedures' });
    // Three well-formed records where 13 are live: 10 would disappear.
    servePortal([SAMPLE_FORMALITY, THREE_CHANNELS, MINISTRY_ONLY], 2);
    const report = await expectStopped(h, { problem: 'incomplete', record: '(list)', field: 'items' });
    expect(report.problem!.message).toContain('lacks 10 of the 13 live ones (76.9 %, more than CATALOGUE_SYNC_MAX_REMOVED_PERCENT=5)');
  });

  it('the same listing read in full, with removals allowed, is a report to review', async () => {
    h = await startSyncHarness({ source: portalSource(), maxRemovedPercent: 100 });
    servePortal([SAMPLE_FORMALITY, THREE_CHANNELS, MINISTRY_ONLY], 2);
    const report = await h.catalogue.sync.run('console', 'admin');
    expect(report).toMatchObject({ status: 'ready', source: { kind: 'portal', location: PORTAL, retrievedAt: '2026-12-03' }, counts: { before: 13, after: 3, removed: 10 } });
  });
});

describe('a sync from a catalogue file that is damaged publishes nothing', { timeout: 30_000 }, () => {
  it('a truncated gzip file, a line that is not JSON, a file cut in its last line, a missing file', async () => {
    const gz = files.write('whole.jsonl.gz', editedPages());
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(gz);
    const cut = files.write('cut.jsonl.gz', bytes.subarray(0, Math.floor(bytes.length / 2)), false);
    h = await startSyncHarness({ env: fileEnv(cut) });
    await expectStopped(h, { problem: 'incomplete', record: 'cut.jsonl.gz', field: '(file)' });
    await h.close();

    h = await startSyncHarness({ env: fileEnv(files.write('broken-line.jsonl', [PAGE_LINES[0], '{"ma_thu_tuc": "1.000', ...PAGE_LINES.slice(1)].join('\n'))) });
    await expectStopped(h, { problem: 'malformed', record: 'line 2', field: '(root)' });
    await h.close();

    const text = editedPages();
    h = await startSyncHarness({ env: fileEnv(files.write('cut-line.jsonl', text.slice(0, text.length - 400))) });
    await expectStopped(h, { problem: 'incomplete', record: `line ${PAGE_LINES.length}` });
    await h.close();

    h = await startSyncHarness({ env: fileEnv(`${files.dir}/no-such-file.jsonl.gz`) });
    await expectStopped(h, { problem: 'unreachable', field: '(file)' });
  });

  it('a record without a code, a time in minutes, a fee in euros', async () => {
    const cases: [string, Partial<NonNullable<SyncReport['problem']>>][] = [
      [editedPages({ replace: [{ ...pageRow('1.000969'), ma_thu_tuc: '' }] }), { problem: 'missing_code', field: 'ma_thu_tuc' }],
      [editedPages({ replace: [{ ...pageRow('1.000969'), cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp30 PhútMiễn phí' }] }), { problem: 'unknown_unit', record: '1.000969', field: 'cach_thuc_thuc_hien' }],
      [editedPages({ replace: [{ ...pageRow('1.000969'), cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp35 Ngày100 EUR' }] }), { problem: 'unknown_currency', record: '1.000969', field: 'cach_thuc_thuc_hien' }],
    ];
    for (const [i, [text, problem]] of cases.entries()) {
      h = await startSyncHarness({ env: fileEnv(files.write(`bad-${i}.jsonl`, text)) });
      await expectStopped(h, problem);
      await h.close();
      h = undefined;
    }
  });

  it('after a good catalogue was published, a damaged reading leaves it live and its draft untouched', async () => {
    const good = files.write('good.jsonl', editedPages({ add: [newProcedure()] }));
    h = await startSyncHarness({ env: fileEnv(good) });
    const first = await h.catalogue.sync.run('console', 'admin');
    await h.catalogue.review.approve(first.id, 'admin');
    await h.catalogue.review.publish(first.id, 'admin');
    const second = await h.catalogue.sync.run('console', 'admin');
    expect(second.status).toBe('unchanged');
    await h.close();

    // The same store, another instance, a source that broke since.
    const store = h.store;
    h = await startSyncHarness({ store, env: fileEnv(files.write('later.jsonl', editedPages({ add: [newProcedure()], replace: [{ ...pageRow('1.000969'), ma_thu_tuc: '' }] }))) });
    expect(await h.editor.liveOfficialVersion()).toBe(first.candidate);
    expect(h.content.current().kb.catalogue!.records.some((r) => r.nationalCode === '1.003931')).toBe(true);
    await expectStopped(h, { problem: 'missing_code' });
    expect(h.content.current().matcher.understand('thủ tục 1.003931').procedureId).toBe('tthc-1-003931');
    await store.close();
  });
});
