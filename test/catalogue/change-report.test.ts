import { beforeAll, describe, expect, it } from 'vitest';
import { compareCatalogues, compareCataloguesInSlices, factChanges, hasChanges } from '../../src/catalogue/change-report.js';
import { recordFacts } from '../../src/catalogue/record-facts.js';
import type { OfficialCatalogue, OfficialRecord } from '../../src/knowledge/official.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { sampleKb } from './sync-harness.js';

let kb: KnowledgeBase;
let live: OfficialCatalogue;
beforeAll(async () => {
  kb = await sampleKb();
  live = kb.catalogue!;
});
const record = (code: string): OfficialRecord => structuredClone(live.records.find((r) => r.nationalCode === code)!);
const withRecords = (records: OfficialRecord[]): OfficialCatalogue => ({ ...live, records });

describe('the facts of a record', () => {
  it('reads channels as time and fee per row, levels and documents as text, and leaves out the reading date', () => {
    const facts = recordFacts(record('1.003930'));
    expect(facts['channel.online']).toBe('2 ngày làm việc; 70.000 đồng');
    const levels = record('1.003930').levels;
    expect(facts.levels).toBe([levels.ministry && 'cấp bộ', levels.province && 'cấp tỉnh', levels.commune && 'cấp xã', levels.other && 'cơ quan khác'].filter(Boolean).join(', '));
    expect(facts.levels).not.toBe('');
    expect(Object.keys(facts)).not.toContain('retrievedAt');
    const cases = recordFacts(record('1.000005')).documents.split('\n').filter((l) => l.endsWith(':'));
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });
});

describe('compareCatalogues', () => {
  it('a new reading on another day of the same records is no change', () => {
    const again = withRecords(live.records.map((r) => ({ ...r, retrievedAt: '2026-12-03' })));
    const changes = compareCatalogues(live, again, kb.procedures);
    expect(hasChanges(changes)).toBe(false);
    expect(changes.unchanged).toBe(live.records.length);
  });

  it('lists new, removed and changed records with the curated page of each code (its own or one it also covers)', () => {
    const renamed = { ...record('3.000277'), name: 'Mở khóa căn cước điện tử' };
    const cheaper: OfficialRecord = { ...record('1.003930'), channels: record('1.003930').channels.map((c) => ({ ...c, fee: { kind: 'free' as const } })) };
    const added: OfficialRecord = { ...record('1.003930'), nationalCode: '1.003931', name: 'Thủ tục mới' };
    const records = live.records.filter((r) => r.nationalCode !== '1.009454').map((r) => (r.nationalCode === '3.000277' ? renamed : r.nationalCode === '1.003930' ? cheaper : r));
    const changes = compareCatalogues(live, withRecords([...records, added]), kb.procedures);
    expect(changes.added).toEqual([{ nationalCode: '1.003931', name: 'Thủ tục mới' }]);
    expect(changes.removed).toEqual([{ nationalCode: '1.009454', name: record('1.009454').name }]);
    expect(changes.changed).toEqual([
      { nationalCode: '1.003930', name: record('1.003930').name, facts: ['channel.online', 'channel.in_person', 'channel.post'].map((fact) => ({ fact, before: '2 ngày làm việc; 70.000 đồng', after: '2 ngày làm việc; miễn phí' })) },
      { nationalCode: '3.000277', name: 'Mở khóa căn cước điện tử', curatedId: 'khoa-mo-khoa-can-cuoc-dien-tu', facts: [{ fact: 'name', before: record('3.000277').name, after: 'Mở khóa căn cước điện tử' }] },
    ]);
    expect(changes.unchanged).toBe(live.records.length - 3);
  });

  it('a fact the record stops stating, or starts stating, is a change from or to nothing', () => {
    const before: OfficialRecord = { ...record('1.002656'), conditions: 'Tàu biển có giấy chứng nhận đăng ký' };
    const after: OfficialRecord = { ...before, decision: '99/QĐ-BTC' };
    delete after.conditions;
    expect(factChanges(before, after)).toEqual([
      { fact: 'conditions', before: 'Tàu biển có giấy chứng nhận đăng ký', after: null },
      { fact: 'decision', before: before.decision ?? null, after: '99/QĐ-BTC' },
    ]);
  });

  it('without a live catalogue every record is new', () => {
    const changes = compareCatalogues(undefined, live);
    expect(changes.added).toHaveLength(live.records.length);
    expect(changes.changed).toEqual([]);
  });

  it('in slices, gives the same report while timers keep running between the slices', async () => {
    // 3,900 records: the sample thirty times over under other codes, and a reading with every tenth one changed.
    const many = live.records.flatMap((r, i) => Array.from({ length: 300 }, (_, k) => ({ ...r, nationalCode: `9.${String(i * 300 + k).padStart(6, '0')}` })));
    const before = withRecords(many);
    const after = withRecords(many.map((r, i) => (i % 10 === 0 ? { ...r, name: `${r.name} (sửa đổi)` } : r)));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const sliced = await compareCataloguesInSlices(before, after, kb.procedures, 5);
    const ticksWhileSliced = ticks;
    ticks = 0;
    const whole = compareCatalogues(before, after, kb.procedures);
    const ticksWhileWhole = ticks;
    clearInterval(timer);
    expect(sliced).toEqual(whole);
    expect(whole.changed).toHaveLength(390);
    expect(ticksWhileWhole).toBe(0);
    expect(ticksWhileSliced).toBeGreaterThan(0);
  });
});
