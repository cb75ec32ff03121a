import { beforeAll, describe, expect, it } from 'vitest';
import { compareDuration, compareFee, officialAspects } from '../../src/knowledge/agreement.js';
import { catalogueProcedureId, knownProcedures, type KnownProcedures } from '../../src/knowledge/known-procedures.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { KnowledgeBase, Procedure } from '../../src/knowledge/schema.js';
import { sharedContentDir } from '../support/content.js';

let kb: KnowledgeBase;
let known: KnownProcedures;
beforeAll(async () => {
  const res = await loadContentFromDir(sharedContentDir());
  if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  kb = res.kb;
  known = knownProcedures(kb);
});

const curated = (id: string) => known.byId.get(id)!;

describe('knownProcedures: the two tiers merged', () => {
  it('holds every curated page (with the record of its code) and every catalogue procedure no page covers', () => {
    expect(known.list.filter((k) => k.curated)).toHaveLength(kb.procedures.length);
    const tamTru = curated('dang-ky-tam-tru');
    expect(tamTru.official?.nationalCode).toBe('1.004194');
    expect(known.byCode.get('1.004194')).toBe(tamTru);
    // Sample records covered by curated pages: by their own code (1.004194, 1.002755, 1.001193, 3.000276) or
    // by alsoCovers (3.000277, 1.014064).
    const catalogueOnly = known.list.filter((k) => !k.curated).map((k) => k.nationalCode);
    expect(catalogueOnly.sort()).toEqual(['1.000005', '1.000969', '1.002656', '1.003658', '1.003677', '1.003930', '1.009454']);
    expect(known.byCode.get('3.000277')?.id).toBe('khoa-mo-khoa-can-cuoc-dien-tu');
    expect(known.byCode.get('1.014064')?.id).toBe('cap-the-can-cuoc');
  });

  it('gives a catalogue procedure a stable id from its code, its official name and its record', () => {
    expect(catalogueProcedureId('1.004227')).toBe('tthc-1-004227');
    const k = known.byCode.get('1.003930')!;
    expect(k).toMatchObject({ id: 'tthc-1-003930', nationalCode: '1.003930', name: { vi: 'Cấp lại Giấy chứng nhận đăng ký phương tiện' } });
    expect(k.official!.sourceUrl).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//);
    expect(known.byId.get('tthc-1-003930')).toBe(k);
  });

  it('is computed once per knowledge base', () => {
    expect(knownProcedures(kb)).toBe(known);
    expect(knownProcedures({ ...kb })).not.toBe(known);
  });

  it('without a catalogue, is the curated pages alone', () => {
    const { catalogue: _c, ...curatedOnly } = kb;
    const list = knownProcedures(curatedOnly).list;
    expect(list).toHaveLength(kb.procedures.length);
    expect(list.every((k) => k.curated && !k.official)).toBe(true);
  });
});

describe('agreement of the tiers on fee and time', () => {
  it('a curated fee and time the record confirms stay curated (đăng ký tạm trú: 7,000 đ online, 3 working days)', () => {
    const k = curated('dang-ky-tam-tru');
    expect(compareFee(k.curated!, k.official!)).toBe('agrees');
    expect(compareDuration(k.curated!, k.official!)).toBe('agrees');
    expect(officialAspects(k.curated!, k.official)).toEqual(new Set());
  });

  it('a curated fee the record contradicts, or a curated time that is not certain, gives way (gia hạn tạm trú)', () => {
    const k = curated('gia-han-tam-tru');
    // The record's fee cells hold the per-person sums of a list (10,000 đ in person, 5,000 đ online); the page
    // states those beside the individual sums (15,000 / 7,000 đ), so they agree.
    expect(compareFee(k.curated!, k.official!)).toBe('agrees');
    expect(compareDuration(k.curated!, k.official!)).toBe('curated_uncertain');
    expect(officialAspects(k.curated!, k.official)).toEqual(new Set(['duration']));
    // The page as it was before (individual sums only) contradicts the record.
    const individualOnly: Procedure = { ...k.curated!, fees: k.curated!.fees.filter((f) => f.amountVnd === 15000 || f.amountVnd === 7000) };
    expect(compareFee(individualOnly, k.official!)).toBe('contradicts');
    expect(officialAspects(individualOnly, k.official)).toEqual(new Set(['fee', 'duration']));
  });

  it('a record that states nothing comparable never overrides (đăng ký khai sinh: times without their unit)', () => {
    const k = curated('dang-ky-khai-sinh');
    expect(compareDuration(k.curated!, k.official!)).toBe('not_comparable');
    const p: Procedure = { ...k.curated!, duration: { ...k.curated!.duration, workingDays: 99, certainty: 'confirmed' } };
    expect(compareDuration(p, k.official!)).toBe('not_comparable');
    expect(officialAspects(p, undefined)).toEqual(new Set());
  });
});
