import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent, nameOverlap } from '../../src/knowledge/content-check.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { KnowledgeBase, Procedure } from '../../src/knowledge/schema.js';
import { copyContent, sharedContentDir } from '../support/content.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  const res = await loadContentFromDir(sharedContentDir());
  if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  kb = res.kb;
});

const page = (id: string) => kb.procedures.find((p) => p.id === id)!;
const withPage = (p: Procedure) => kb.procedures.map((x) => (x.id === p.id ? p : x));

describe('checkContent: curated facts against the records they name', () => {
  it('the shipped pages agree with the sample records they name; codes the sample lacks are listed as unchecked', () => {
    const check = checkContent(kb.procedures, kb.catalogue, kb.lexicon);
    expect(check.disagreements).toEqual([]);
    expect(check.unchecked.map((u) => u.procedureId)).toContain('dang-ky-bien-dong-dat');
    // dang-ky-tam-tru, gia-han-tam-tru, dang-ky-khai-sinh, khoa-mo-khoa-can-cuoc-dien-tu, cap-the-can-cuoc.
    expect(check.agreeing).toBe(5);
  });

  it('a national code that names another procedure is an error (the code khoa-mo-khoa-can-cuoc-dien-tu used to carry)', () => {
    const wrong = { ...page('khoa-mo-khoa-can-cuoc-dien-tu'), nationalCode: '1.000969' };
    const check = checkContent(withPage(wrong), kb.catalogue, kb.lexicon);
    expect(check.disagreements).toEqual([
      { procedureId: wrong.id, nationalCode: '1.000969', role: 'nationalCode', fact: 'nationalCode', severity: 'error', curated: 'Khóa, mở khóa căn cước điện tử', official: 'Sửa đổi, bổ sung Giấy phép nhận chìm ở biển (cấp tỉnh)' },
    ]);
  });

  it('a code a page also covers is an error only when it names another procedure', () => {
    const wrong = { ...page('cap-the-can-cuoc'), alsoCovers: ['1.014063', '1.003930'] };
    const check = checkContent(withPage(wrong), kb.catalogue, kb.lexicon);
    expect(check.disagreements.map((d) => [d.nationalCode, d.role, d.severity])).toEqual([['1.003930', 'alsoCovers', 'error']]);
  });

  it('a fee and a time the record contradicts are listed with both sides; an uncertain curated fact is not a disagreement', () => {
    const p = page('dang-ky-tam-tru');
    const changed: Procedure = { ...p, fees: [{ ...p.fees[0]!, amountVnd: 20000 }], duration: { ...p.duration, workingDays: 5 } };
    const check = checkContent(withPage(changed), kb.catalogue, kb.lexicon);
    expect(check.disagreements).toEqual([
      { procedureId: p.id, nationalCode: '1.004194', role: 'nationalCode', fact: 'fee', severity: 'warning', curated: '20.000 đ', official: '7.000 đ / 10.000 đ' },
      { procedureId: p.id, nationalCode: '1.004194', role: 'nationalCode', fact: 'duration', severity: 'warning', curated: '5 ngày làm việc', official: '3 ngày làm việc' },
    ]);
    const unsure: Procedure = { ...changed, fees: [{ ...changed.fees[0]!, certainty: 'unverified' }], duration: { ...changed.duration, certainty: 'unverified' } };
    expect(checkContent(withPage(unsure), kb.catalogue, kb.lexicon).disagreements).toEqual([]);
  });

  it('a name that differs beyond wording is a warning; plain words and abbreviations are not', () => {
    expect(nameOverlap('Cấp lại, điều chỉnh thông tin sổ bảo hiểm xã hội', 'Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT', kb.lexicon.abbreviations)).toBe(1);
    expect(nameOverlap('Gia hạn tạm trú', 'Gia hạn tạm trú')).toBe(1);
    const renamed = { ...page('gia-han-tam-tru'), name: { vi: 'Gia hạn tạm trú cho người thuê nhà trọ dài hạn' } };
    const check = checkContent(withPage(renamed), kb.catalogue, kb.lexicon);
    expect(check.disagreements.map((d) => [d.fact, d.severity])).toEqual([['name', 'warning']]);
  });
});

describe('npm run -s content:check', { timeout: 60_000 }, () => {
  const copy = copyContent('sample');
  afterAll(() => copy.remove());
  const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-content.ts', '--dir', copy.dir], { encoding: 'utf8', timeout: 50_000 });

  it('exits 0 and says so when only facts to settle (or nothing) disagree, 1 when a code names another procedure', () => {
    const ok = run();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('disagreements: 0 (0 national code(s) naming another procedure)');

    const file = join(copy.dir, 'procedures', 'dang-ky-tam-tru.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('amountVnd: 15000', 'amountVnd: 20000').replace('amountVnd: 7000', 'amountVnd: 8000'));
    const fee = run();
    expect(fee.status).toBe(0);
    expect(fee.stdout).toContain('differs  dang-ky-tam-tru  1.004194  fee');
    expect(fee.stdout).toContain('curated:  8.000 đ / 20.000 đ');
    expect(fee.stdout).toContain('official: 7.000 đ / 10.000 đ');

    const khoa = join(copy.dir, 'procedures', 'khoa-mo-khoa-can-cuoc-dien-tu.yaml');
    writeFileSync(khoa, readFileSync(khoa, 'utf8').replace('nationalCode: "3.000276"', 'nationalCode: "1.000969"'));
    const wrong = run();
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('ERROR    khoa-mo-khoa-can-cuoc-dien-tu  1.000969  names another procedure');
    expect(wrong.stdout).toContain('official: Sửa đổi, bổ sung Giấy phép nhận chìm ở biển (cấp tỉnh)');
  });
});
