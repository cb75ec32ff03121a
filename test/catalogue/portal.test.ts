import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogueError } from '../../src/catalogue/errors.js';
import { PORTAL_DETAIL_PATH, PORTAL_LIST_PATH, PortalCatalogue } from '../../src/catalogue/portal-source.js';
import { readPortalFormality } from '../../src/catalogue/portal-record.js';
import { readCatalogue } from '../../src/catalogue/read-catalogue.js';
import { formality, listItem, MINISTRY_ONLY, PORTAL, SAMPLE_FORMALITY, servePortal, THREE_CHANNELS } from './portal-fixtures.js';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => nock.cleanAll());
afterEach(() => nock.cleanAll());

const portal = (over: Partial<ConstructorParameters<typeof PortalCatalogue>[0]> = {}) =>
  new PortalCatalogue({ baseUrl: PORTAL, timeoutMs: 1000, retries: 0, retryDelayMs: 10, retrievedAt: '2026-12-01', ...over });

async function failure(p: Promise<unknown>): Promise<CatalogueError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CatalogueError);
  return err as CatalogueError;
}

describe('the portal record', () => {
  it('maps the verbatim record: levels, dates, whole-process flag, per-channel terms', () => {
    const r = readPortalFormality(SAMPLE_FORMALITY, { pageBase: 'https://dichvucong.gov.vn', retrievedAt: '2026-12-01' });
    expect(r).toMatchObject({ nationalCode: '1.003677', fullyOnline: true, updatedAt: '2026-04-29', retrievedAt: '2026-12-01', portalId: '019d2bf7-6f56-704f-95b8-8d949272c6ad' });
    expect(r.channels[1]!.note).toBe('trường hợp phức tạp thì có thể kéo dài hơn nhưng không quá 02 ngày làm việc.');
  });

  it('maps fees: sums with their label, 0 as free, none as unknown', () => {
    expect(readPortalFormality(THREE_CHANNELS, { pageBase: PORTAL, retrievedAt: '2026-12-01' }).channels.map((c) => [c.channel, c.fee])).toEqual([
      ['online', { kind: 'charged', amounts: [{ amount: 70000, currency: 'VND', label: 'Lệ phí' }] }],
      ['post', { kind: 'charged', amounts: [{ amount: 70000, currency: 'VND', label: 'Lệ phí' }] }],
      ['in_person', { kind: 'charged', amounts: [{ amount: 70000, currency: 'VND', label: 'Lệ phí' }] }],
    ]);
    expect(readPortalFormality(MINISTRY_ONLY, { pageBase: PORTAL, retrievedAt: '2026-12-01' }).channels[0]!.fee).toEqual({ kind: 'free' });
  });

  it('refuses a record without a code, a time unit it does not know, a fee in another currency, an unknown channel', async () => {
    const at = { pageBase: PORTAL, retrievedAt: '2026-12-01' };
    const cases: [Record<string, unknown>, Partial<CatalogueError>][] = [
      [formality({ id: 'id-1', code: null, name: 'Không mã' }), { problem: 'missing_code', record: 'id-1', field: 'code' }],
      [formality({ id: 'id-2', code: '1.000002', name: 'Đơn vị lạ', methods: [{ submissionMethod: 'ONLINE', processingTime: 2, processingTimeUnit: 'QUARTER' }] }), { problem: 'unknown_unit', record: '1.000002', field: 'executionMethods.0.processingTimeUnit' }],
      [
        formality({ id: 'id-3', code: '1.000003', name: 'Phí lạ', methods: [{ submissionMethod: 'DIRECT', processingTime: 2, processingTimeUnit: 'DAY', fees: [{ type: 'Lệ phí', value: 10, currencyName: 'EUR' }] }] }),
        { problem: 'unknown_currency', record: '1.000003', field: 'executionMethods.0.fees.0.currencyName' },
      ],
      [formality({ id: 'id-4', code: '1.000004', name: 'Kênh lạ', methods: [{ submissionMethod: 'FAX', processingTime: 2, processingTimeUnit: 'DAY' }] }), { problem: 'malformed', record: '1.000004', field: 'executionMethods.0.submissionMethod' }],
    ];
    for (const [record, expected] of cases) {
      const err = await failure(Promise.resolve().then(() => readPortalFormality(record, at)));
      expect(err).toMatchObject(expected);
    }
  });
});

describe('PortalCatalogue', () => {
  it('pages the listing by lastId until an empty page', async () => {
    const scope = servePortal([SAMPLE_FORMALITY, THREE_CHANNELS, MINISTRY_ONLY], 2);
    const entries = await portal().list();
    expect(entries.map((e) => e.nationalCode)).toEqual(['1.003677', '1.003930', '1.002656']);
    // Every listing page was asked for (the detail calls were not needed).
    expect(scope.pendingMocks().filter((m) => m.includes('list-all'))).toEqual([]);
  });

  it('retries a 5xx once when asked to, then reads the record', async () => {
    nock(PORTAL).post(PORTAL_DETAIL_PATH).reply(503, 'busy').post(PORTAL_DETAIL_PATH).reply(200, { data: THREE_CHANNELS });
    const r = await portal({ retries: 1 }).detail(THREE_CHANNELS.id as string);
    expect(r.nationalCode).toBe('1.003930');
  });

  it('a 5xx that persists, a 404 and a timeout are errors naming the record', async () => {
    nock(PORTAL).post(PORTAL_DETAIL_PATH).times(2).reply(502, 'bad gateway');
    expect(await failure(portal({ retries: 1 }).detail('id-502'))).toMatchObject({ problem: 'server_error', record: 'id-502' });
    nock(PORTAL).post(PORTAL_DETAIL_PATH).reply(404, {});
    expect(await failure(portal().detail('id-404'))).toMatchObject({ problem: 'server_error', record: 'id-404' });
    nock(PORTAL).post(PORTAL_LIST_PATH).delay(1500).reply(200, { data: { items: [], lastId: null } });
    expect(await failure(portal({ timeoutMs: 200 }).list())).toMatchObject({ problem: 'timeout', record: '(list page 1)' });
  });

  it('a listing that is not the expected shape, or that returns the same page again, is an error', async () => {
    nock(PORTAL).post(PORTAL_LIST_PATH).reply(200, { data: { records: [] } });
    expect(await failure(portal().list())).toMatchObject({ problem: 'malformed', record: '(list page 1)', field: 'data.items' });
    const page = { data: { items: [listItem(SAMPLE_FORMALITY)], lastId: SAMPLE_FORMALITY.id } };
    nock(PORTAL).post(PORTAL_LIST_PATH).times(2).reply(200, page);
    expect(await failure(portal().list())).toMatchObject({ problem: 'duplicate', record: '(list page 2)' });
  });
});

describe('readCatalogue over the portal: all or nothing', () => {
  it('returns every record when every call answers', async () => {
    servePortal([MINISTRY_ONLY, SAMPLE_FORMALITY, THREE_CHANNELS], 2);
    const catalogue = await readCatalogue(portal(), { concurrency: 2 });
    expect(catalogue.records.map((r) => r.nationalCode)).toEqual(['1.002656', '1.003677', '1.003930']);
    expect(catalogue.source).toEqual({ kind: 'portal', location: PORTAL, retrievedAt: '2026-12-01' });
  });

  it('gives no catalogue when one detail call times out, another record has no code, or the listing names another code', async () => {
    const scope = nock(PORTAL);
    scope.post(PORTAL_LIST_PATH).reply(200, { data: { items: [SAMPLE_FORMALITY, THREE_CHANNELS].map(listItem), lastId: THREE_CHANNELS.id } });
    scope.post(PORTAL_LIST_PATH).reply(200, { data: { items: [], lastId: null } });
    scope.post(PORTAL_DETAIL_PATH, { id: SAMPLE_FORMALITY.id as string }).reply(200, { data: SAMPLE_FORMALITY });
    scope.post(PORTAL_DETAIL_PATH, { id: THREE_CHANNELS.id as string }).delay(1500).reply(200, { data: THREE_CHANNELS });
    expect(await failure(readCatalogue(portal({ timeoutMs: 200 })))).toMatchObject({ problem: 'timeout', record: THREE_CHANNELS.id });

    const noCode = formality({ id: '019d2bf7-0000-7000-8000-00000000000c', code: null, name: 'Thủ tục không mã' });
    servePortal([SAMPLE_FORMALITY, noCode], 5);
    expect(await failure(readCatalogue(portal()))).toMatchObject({ problem: 'missing_code', record: noCode.id, field: 'code' });

    const renamed = { ...listItem(THREE_CHANNELS), code: '1.009999' };
    nock(PORTAL).post(PORTAL_LIST_PATH).reply(200, { data: { items: [renamed], lastId: renamed.id } }).post(PORTAL_LIST_PATH).reply(200, { data: { items: [], lastId: null } });
    nock(PORTAL).post(PORTAL_DETAIL_PATH).reply(200, { data: THREE_CHANNELS });
    expect(await failure(readCatalogue(portal()))).toMatchObject({ problem: 'malformed', record: THREE_CHANNELS.id, field: 'code' });
  });
});
