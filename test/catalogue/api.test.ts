import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_SNAPSHOT, readSnapshot } from '../../src/knowledge/catalogue-snapshot.js';
import type { CatalogueListResponse, CatalogueRecordResponse, ChangesResponse, DisagreementsResponse, SyncReport, SyncStatusResponse } from '../../src/catalogue/api-types.js';
import { Client, startConsoleHarness, type ConsoleHarness } from '../admin/harness.js';
import { editedPages, fileEnv, newProcedure, phuongTienInThreeDays, tamTruWithNewFees, TempFiles } from './sync-harness.js';

const files = new TempFiles();
let h: ConsoleHarness;
let admin: Client;
let staff: Client;
beforeAll(async () => {
  const path = files.write('changed.jsonl.gz', editedPages({ replace: [tamTruWithNewFees(), phuongTienInThreeDays()], remove: ['1.003658'], add: [newProcedure()] }));
  h = await startConsoleHarness({ env: { ...fileEnv(path), CATALOGUE_SYNC_MAX_REMOVED_PERCENT: '20' } });
  admin = new Client(h.baseUrl, '10.3.0.1');
  staff = new Client(h.baseUrl, '10.3.0.2');
  expect((await admin.login('admin', 'simulator')).status).toBe(200);
  expect((await staff.login('staff', 'simulator')).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await h?.close();
  files.remove();
});

const json = <T>(r: { json: unknown }) => r.json as T;

async function finished(client: Client, id: string): Promise<SyncReport> {
  for (let i = 0; i < 200; i++) {
    const { report } = json<{ report: SyncReport }>(await client.req('GET', `/admin/api/catalogue/sync/reports/${id}`));
    if (report.status !== 'running') return report;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the sync did not finish');
}

describe('catalogue console API', { timeout: 60_000 }, () => {
  it('the browser: search with or without diacritics and by code, filter by level and field, page', async () => {
    const all = json<CatalogueListResponse>(await staff.req('GET', '/admin/api/catalogue/procedures'));
    expect(all).toMatchObject({ tier: 'live', total: 13, source: { kind: 'file', retrievedAt: '2026-07-31' } });
    expect(all.items[0]!.nationalCode).toBe('1.000005');
    const tamTru = all.items.find((i) => i.nationalCode === '1.004194')!;
    expect(tamTru).toMatchObject({ curatedId: 'dang-ky-tam-tru', levels: expect.arrayContaining(['commune']) });

    const folded = json<CatalogueListResponse>(await staff.req('GET', `/admin/api/catalogue/procedures?q=${encodeURIComponent('tam tru')}`));
    expect(folded.items.map((i) => i.nationalCode).sort()).toEqual(['1.002755', '1.004194']);
    const byCode = json<CatalogueListResponse>(await staff.req('GET', '/admin/api/catalogue/procedures?q=1.003930'));
    expect(byCode.items.map((i) => i.nationalCode)).toEqual(['1.003930']);

    const ministry = json<CatalogueListResponse>(await staff.req('GET', '/admin/api/catalogue/procedures?level=ministry'));
    expect(ministry.total).toBeGreaterThan(0);
    expect(ministry.total).toBeLessThan(13);
    const field = all.fields[0]!;
    const inField = json<CatalogueListResponse>(await staff.req('GET', `/admin/api/catalogue/procedures?field=${encodeURIComponent(field.field)}`));
    expect(inField.total).toBe(field.count);
    expect(inField.items.every((i) => i.field === field.field)).toBe(true);
    const page = json<CatalogueListResponse>(await staff.req('GET', '/admin/api/catalogue/procedures?offset=10&limit=5'));
    expect(page.items.map((i) => i.nationalCode)).toEqual(all.items.slice(10, 15).map((i) => i.nationalCode));

    expect((await staff.req('GET', '/admin/api/catalogue/procedures?level=district')).status).toBe(400);
    expect((await staff.req('GET', '/admin/api/catalogue/procedures?limit=100000')).status).toBe(400);
  });

  it('a record opens with its source and the curated page over it; an unknown code is 404, a malformed one 400', async () => {
    const r = json<CatalogueRecordResponse>(await staff.req('GET', '/admin/api/catalogue/procedures/1.004194'));
    expect(r).toMatchObject({ tier: 'live', curatedId: 'dang-ky-tam-tru', disagreements: [], source: { kind: 'file' }, record: { nationalCode: '1.004194', sourceUrl: expect.stringMatching(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//), retrievedAt: '2026-07-31' } });
    expect((await staff.req('GET', '/admin/api/catalogue/procedures/9.999999')).status).toBe(404);
    expect((await staff.req('GET', '/admin/api/catalogue/procedures/abc')).status).toBe(400);
    expect((await staff.req('GET', '/admin/api/catalogue/procedures?tier=draft')).status).toBe(404);
  });

  it('staff may read the sync status but not run, approve or publish; a state change needs the CSRF token', async () => {
    const status = json<SyncStatusResponse>(await staff.req('GET', '/admin/api/catalogue/sync'));
    expect(status).toMatchObject({ schedule: null, source: { kind: 'file' }, live: { version: null, records: 13 }, draft: null, running: null });
    expect((await staff.req('POST', '/admin/api/catalogue/sync')).status).toBe(403);
    expect((await admin.req('POST', '/admin/api/catalogue/sync', undefined, { 'X-CSRF-Token': 'wrong' })).status).toBe(403);
    expect((await new Client(h.baseUrl, '10.3.0.9').req('GET', '/admin/api/catalogue/sync')).status).toBe(401);
  });

  it('sync → report with changes fact by fact → approve → draft browsable → publish → live for citizens; every step audited', async () => {
    const started = await admin.req('POST', '/admin/api/catalogue/sync');
    expect(started.status).toBe(202);
    const id = json<{ report: SyncReport }>(started).report.id;
    expect((await admin.req('POST', '/admin/api/catalogue/sync')).status).toBe(409);
    const report = await finished(staff, id);
    expect(report).toMatchObject({ status: 'ready', by: 'admin', trigger: 'console', counts: { added: 1, removed: 1, changed: 2 } });
    expect(report.disagreements).toEqual([expect.objectContaining({ procedureId: 'dang-ky-tam-tru', fact: 'fee' })]);

    const changed = json<ChangesResponse>(await staff.req('GET', `/admin/api/catalogue/sync/reports/${id}/changes`));
    expect(changed).toMatchObject({ kind: 'changed', total: 2 });
    const added = json<ChangesResponse>(await staff.req('GET', `/admin/api/catalogue/sync/reports/${id}/changes?kind=added`));
    expect(added.items).toEqual([{ nationalCode: '1.003931', name: 'Xóa đăng ký phương tiện thủy nội địa' }]);
    const searched = json<ChangesResponse>(await staff.req('GET', `/admin/api/catalogue/sync/reports/${id}/changes?q=dang-ky-tam-tru`));
    expect(searched.items.map((c) => c.nationalCode)).toEqual(['1.004194']);
    expect((await staff.req('GET', '/admin/api/catalogue/sync/reports/nope')).status).toBe(400);
    expect((await staff.req('GET', '/admin/api/catalogue/sync/reports/20200101000000-abcd')).status).toBe(404);

    expect((await staff.req('POST', `/admin/api/catalogue/sync/reports/${id}/approve`)).status).toBe(403);
    expect((await admin.req('POST', `/admin/api/catalogue/sync/reports/${id}/publish`)).status).toBe(409);
    const approved = await admin.req('POST', `/admin/api/catalogue/sync/reports/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(json<{ draft: { reportId: string } }>(approved).draft.reportId).toBe(id);

    // The draft tier is browsable before it is published; citizens still get the live one.
    const draft = json<CatalogueListResponse>(await staff.req('GET', '/admin/api/catalogue/procedures?tier=draft&q=1.003931'));
    expect(draft.items.map((i) => i.nationalCode)).toEqual(['1.003931']);
    expect(json<CatalogueListResponse>(await staff.req('GET', '/admin/api/catalogue/procedures?q=1.003931')).total).toBe(0);
    const draftDisagreements = json<DisagreementsResponse>(await staff.req('GET', '/admin/api/catalogue/disagreements?tier=draft'));
    expect(draftDisagreements.disagreements.map((d) => d.procedureId)).toEqual(['dang-ky-tam-tru']);

    const published = await admin.req('POST', `/admin/api/catalogue/sync/reports/${id}/publish`);
    expect(published.status).toBe(200);
    expect(json<{ report: SyncReport }>(published).report.status).toBe('published');
    expect(json<CatalogueListResponse>(await staff.req('GET', '/admin/api/catalogue/procedures?q=1.003931')).total).toBe(1);
    const live = json<DisagreementsResponse>(await staff.req('GET', '/admin/api/catalogue/disagreements'));
    expect(live.disagreements).toEqual([expect.objectContaining({ procedureId: 'dang-ky-tam-tru', fact: 'fee', curated: '7.000 đ / 15.000 đ', official: '8.000 đ / 12.000 đ' })]);
    const record = json<CatalogueRecordResponse>(await staff.req('GET', '/admin/api/catalogue/procedures/1.004194'));
    expect(record.disagreements.map((d) => d.fact)).toEqual(['fee']);
    const status = json<SyncStatusResponse>(await staff.req('GET', '/admin/api/catalogue/sync'));
    expect(status.live.version).toBe(report.candidate);
    expect(status.reports[0]).toMatchObject({ id, status: 'published', reviewedBy: 'admin', publishedBy: 'admin' });

    // Export writes the published catalogue back as the snapshot, which a restart would load.
    expect((await admin.req('POST', '/admin/api/content/export')).status).toBe(200);
    const exported = readSnapshot(readFileSync(join(h.contentDir, CATALOGUE_SNAPSHOT)));
    expect('catalogue' in exported && exported.catalogue.records.map((x) => x.nationalCode)).toContain('1.003931');

    const audit = json<{ entries: { action: string; target?: string; who: string }[] }>(await admin.req('GET', '/admin/api/audit?limit=50')).entries;
    for (const action of ['catalogue.sync', 'catalogue.approve', 'catalogue.draft', 'catalogue.publish']) expect(audit.find((e) => e.action === action && e.target === id), action).toMatchObject({ who: 'admin' });
  });
});
