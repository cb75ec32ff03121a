import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RecordChange } from '../../src/catalogue/change-report.js';
import { SyncBusyError } from '../../src/catalogue/sync.js';
import { knownProcedures } from '../../src/knowledge/known-procedures.js';
import { editedPages, fileEnv, newProcedure, pageRow, phuongTienInThreeDays, startSyncHarness, tamTruWithNewFees, TempFiles, type SyncHarness } from './sync-harness.js';

const files = new TempFiles();
afterAll(() => files.remove());
let h: SyncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const changedFile = () => files.write(`changed-${Math.random().toString(16).slice(2)}.jsonl.gz`, editedPages({ replace: [tamTruWithNewFees(), phuongTienInThreeDays()], remove: ['1.003658'], add: [newProcedure()] }));
const officialTime = (code: string) => knownProcedures(h!.content.current().kb).byCode.get(code)!.official!.channels.map((c) => c.time);

describe('a catalogue sync', { timeout: 30_000 }, () => {
  it('reading the same catalogue again changes nothing and stores no version', async () => {
    h = await startSyncHarness({ env: fileEnv(files.write('same.jsonl', editedPages())) });
    const report = await h.catalogue.sync.run('console', 'admin');
    expect(report).toMatchObject({ status: 'unchanged', trigger: 'console', by: 'admin', base: null, counts: { before: 13, after: 13, added: 0, removed: 0, changed: 0, unchanged: 13 } });
    expect(report.candidate).toBeUndefined();
    expect(await h.store.scanKeys('content:official:v:*')).toEqual([]);
  });

  it('writes a change report: new, removed and changed procedures fact by fact, and the curated facts the new records contradict', async () => {
    h = await startSyncHarness({ env: fileEnv(changedFile()) });
    const liveBefore = h.content.current();
    const report = await h.catalogue.sync.run('console', 'admin');
    expect(report).toMatchObject({ status: 'ready', source: { kind: 'file', retrievedAt: '2026-07-31' }, counts: { before: 13, after: 13, added: 1, removed: 1, changed: 2, unchanged: 10 } });
    expect(report.candidate).toMatch(/^[0-9a-f]{16}$/);

    const changes = await h.catalogue.review.changes(report.id);
    expect(changes.added).toEqual([{ nationalCode: '1.003931', name: 'Xóa đăng ký phương tiện thủy nội địa' }]);
    expect(changes.removed).toEqual([{ nationalCode: '1.003658', name: pageRow('1.003658').ten_thu_tuc }]);
    const tamTru = changes.changed.find((c) => c.nationalCode === '1.004194') as RecordChange;
    expect(tamTru.curatedId).toBe('dang-ky-tam-tru');
    expect(tamTru.facts.map((f) => f.fact)).toEqual(['channel.online', 'channel.in_person']);
    expect(tamTru.facts[0]).toEqual({ fact: 'channel.online', before: '3 ngày làm việc; 7.000 đồng', after: '3 ngày làm việc; 8.000 đồng' });
    const phuongTien = changes.changed.find((c) => c.nationalCode === '1.003930')!;
    expect(phuongTien.curatedId).toBeUndefined();
    expect(phuongTien.facts.find((f) => f.fact === 'channel.post')).toEqual({ fact: 'channel.post', before: '2 ngày làm việc; 70.000 đồng', after: '3 ngày làm việc; 70.000 đồng' });
    // The curated page of đăng ký tạm trú states 15,000 / 7,000 đ: the new record contradicts it.
    expect(report.disagreements).toEqual([expect.objectContaining({ procedureId: 'dang-ky-tam-tru', fact: 'fee', official: '8.000 đ / 12.000 đ' })]);

    // Nothing reached citizens.
    expect(h.content.current()).toBe(liveBefore);
    expect(await h.editor.officialDraft()).toBeNull();
    expect((await h.audit.list(5)).map((e) => e.action)).toContain('catalogue.sync');
  });

  it('approve → draft → publish: the reviewed catalogue goes live in a content version, and its report says so', async () => {
    h = await startSyncHarness({ env: fileEnv(changedFile()) });
    const report = await h.catalogue.sync.run('console', 'admin');
    const approved = await h.catalogue.review.approve(report.id, 'admin');
    expect(approved).toMatchObject({ status: 'approved', reviewedBy: 'admin' });
    expect(await h.editor.officialDraft()).toMatchObject({ version: report.candidate, reportId: report.id, counts: { records: 13, added: 1, removed: 1, changed: 2 } });
    // The draft is previewed with it (the test console), while citizens still get the live catalogue.
    const preview = await h.editor.preview();
    expect(preview.kb.catalogue!.records.map((r) => r.nationalCode)).toContain('1.003931');
    expect(preview.matcher.understand('thủ tục 1.003931').procedureId).toBe('tthc-1-003931');
    expect(h.content.current().matcher.understand('thủ tục 1.003931').procedureId).not.toBe('tthc-1-003931');
    expect(officialTime('1.003930')).toEqual([{ kind: 'known', amount: 2, unit: 'working_day' }, { kind: 'known', amount: 2, unit: 'working_day' }, { kind: 'known', amount: 2, unit: 'working_day' }]);

    const published = await h.catalogue.review.publish(report.id, 'admin');
    expect(published.version).toMatch(/^pub-\d+$/);
    expect(published.report).toMatchObject({ status: 'published', publishedBy: 'admin', liveVersion: published.version });
    expect(h.content.current().version).toBe(published.version);
    expect(h.content.current().matcher.understand('thủ tục 1.003931').procedureId).toBe('tthc-1-003931');
    expect(officialTime('1.003930')[0]).toEqual({ kind: 'known', amount: 3, unit: 'working_day' });
    expect(knownProcedures(h.content.current().kb).byCode.get('1.003658')).toBeUndefined();
    expect(await h.editor.liveOfficialVersion()).toBe(report.candidate);
    expect(await h.editor.officialDraft()).toBeNull();
    const actions = (await h.audit.list(20)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['catalogue.sync', 'catalogue.approve', 'catalogue.draft', 'catalogue.publish']));
  });

  it('"publish all" in the content editor publishes the catalogue draft with the curated drafts', async () => {
    h = await startSyncHarness({ env: fileEnv(changedFile()) });
    const report = await h.catalogue.sync.run('console', 'admin');
    await h.catalogue.review.approve(report.id, 'admin');
    const page = h.content.current().kb.procedures.find((p) => p.id === 'dang-ky-tam-tru')!;
    await h.editor.save('procedure', page.id, { ...page, fees: page.fees.map((f) => (f.amountVnd === 7000 ? { ...f, amountVnd: 8000 } : f.amountVnd === 15000 ? { ...f, amountVnd: 12000 } : f)) }, 'admin');
    const result = await h.editor.publish('admin');
    expect(result.official).toMatchObject({ reportId: report.id, version: report.candidate });
    expect(result.published.map((d) => d.id)).toEqual(['dang-ky-tam-tru']);
    expect((await h.catalogue.review.get(report.id)).status).toBe('published');
    // A later curated-only publish keeps the published catalogue.
    await h.editor.save('procedure', page.id, { ...page, phrasings: [...page.phrasings, 'tạm trú ở nhà trọ làm sao'] }, 'admin');
    await h.editor.publish('admin', [{ kind: 'procedure', id: page.id }]);
    expect(h.content.current().kb.catalogue!.records.some((r) => r.nationalCode === '1.003931')).toBe(true);
    expect(await h.editor.liveOfficialVersion()).toBe(report.candidate);
  });

  it('discarding a report or its draft leaves the live catalogue; a report made before another publish cannot be approved', async () => {
    h = await startSyncHarness({ env: fileEnv(changedFile()) });
    const first = await h.catalogue.sync.run('console', 'admin');
    await h.catalogue.review.approve(first.id, 'admin');
    const discarded = await h.catalogue.review.discard(first.id, 'admin');
    expect(discarded.status).toBe('discarded');
    expect(await h.editor.officialDraft()).toBeNull();
    await expect(h.catalogue.review.approve(first.id, 'admin')).rejects.toMatchObject({ status: 409, code: 'not_ready' });

    const second = await h.catalogue.sync.run('console', 'admin');
    const third = await h.catalogue.sync.run('schedule', 'system');
    // The newer reading supersedes the older one waiting for review.
    expect((await h.catalogue.review.get(second.id)).status).toBe('superseded');
    await h.catalogue.review.approve(third.id, 'admin');
    // A sync while that draft waits reads against the live catalogue; once the draft is published, it is stale.
    const fourth = await h.catalogue.sync.run('console', 'admin');
    expect(fourth).toMatchObject({ status: 'ready', base: null });
    await h.catalogue.review.publish(third.id, 'admin');
    await expect(h.catalogue.review.approve(fourth.id, 'admin')).rejects.toMatchObject({ status: 409, code: 'stale' });
    expect((await h.catalogue.review.get(fourth.id)).status).toBe('superseded');
    const fifth = await h.catalogue.sync.run('console', 'admin');
    expect(fifth).toMatchObject({ status: 'unchanged', base: third.candidate });
  });

  it('one sync at a time: a second start while one runs is refused', async () => {
    h = await startSyncHarness({ env: fileEnv(changedFile()) });
    const running = await h.catalogue.sync.start('console', 'admin');
    expect(running.status).toBe('running');
    await expect(h.catalogue.sync.start('console', 'admin2')).rejects.toBeInstanceOf(SyncBusyError);
    await h.catalogue.sync.idle();
    expect((await h.catalogue.review.get(running.id)).status).toBe('ready');
    // Once it finished, another may start.
    expect((await h.catalogue.sync.run('console', 'admin')).status).toBe('ready');
  });

  it('a report left running by an instance that died is shown as interrupted', async () => {
    h = await startSyncHarness({ env: fileEnv(changedFile()) });
    const report = await h.catalogue.sync.run('console', 'admin');
    await h.store.set(`catalogue:sync:report:${report.id}`, JSON.stringify({ ...report, status: 'running' }));
    expect((await h.catalogue.review.get(report.id)).status).toBe('interrupted');
  });
});
