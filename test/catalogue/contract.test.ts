import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogueError } from '../../src/catalogue/errors.js';
import { CatalogueFile } from '../../src/catalogue/file-source.js';
import type { CataloguePort } from '../../src/catalogue/port.js';
import { PortalCatalogue } from '../../src/catalogue/portal-source.js';
import { readCatalogue } from '../../src/catalogue/read-catalogue.js';
import { OfficialRecord } from '../../src/knowledge/official.js';
import { MINISTRY_ONLY, PORTAL, SAMPLE_FORMALITY, servePortal, THREE_CHANNELS } from './portal-fixtures.js';

const PAGES = readFileSync(join(import.meta.dirname, '../fixtures/catalogue/pages.jsonl'), 'utf8');

interface Adapter {
  name: string;
  /** A port over a catalogue that holds 1.003677 (the verbatim record) among others. */
  open(): CataloguePort;
  /** How many procedures it holds. */
  size: number;
}

const adapters: Adapter[] = [
  { name: 'file (scraped pages)', open: () => CatalogueFile.fromText(PAGES, 'pages.jsonl', '2026-07-31'), size: 13 },
  {
    name: 'portal API (nock, exact wire format)',
    open: () => {
      servePortal([SAMPLE_FORMALITY, THREE_CHANNELS, MINISTRY_ONLY]);
      return new PortalCatalogue({ baseUrl: PORTAL, timeoutMs: 2000, retrievedAt: '2026-07-31', retries: 0 });
    },
    size: 3,
  },
];

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => nock.cleanAll());
afterEach(() => nock.cleanAll());

describe.each(adapters)('catalogue port contract: $name', (adapter) => {
  it('lists every procedure once, with its id, national code and name', async () => {
    const entries = await adapter.open().list();
    expect(entries).toHaveLength(adapter.size);
    expect(new Set(entries.map((e) => e.id)).size).toBe(adapter.size);
    for (const e of entries) {
      expect(e.nationalCode).toMatch(/^\d\.\d{6}$/);
      expect(e.name.length).toBeGreaterThan(3);
    }
  });

  it('reads each listed record: the same code and name, a valid record, linked to its portal page', async () => {
    const port = adapter.open();
    for (const e of await port.list()) {
      const r = await port.detail(e.id);
      expect(OfficialRecord.parse(r)).toEqual(r);
      expect([r.nationalCode, r.name]).toEqual([e.nationalCode, e.name]);
      expect(r.sourceUrl).toMatch(new RegExp(`/thu-tuc-hanh-chinh/${e.id}$`));
      expect(r.retrievedAt).toBe(port.source.retrievedAt);
    }
  });

  it('reads the whole catalogue, sorted by code, with its source', async () => {
    const port = adapter.open();
    const catalogue = await readCatalogue(port);
    const codes = catalogue.records.map((r) => r.nationalCode);
    expect(codes).toHaveLength(adapter.size);
    expect(codes).toEqual([...codes].sort());
    expect(catalogue.source).toEqual(port.source);
  });

  it('answers an unknown id with a CatalogueError naming it', async () => {
    const port = adapter.open();
    await port.list();
    const err = await port.detail('019d0000-0000-7000-8000-00000000dead').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogueError);
    expect((err as CatalogueError).record).toBe('019d0000-0000-7000-8000-00000000dead');
  });

  it('reads the verbatim record 1.003677 to the same facts', async () => {
    const port = adapter.open();
    const entry = (await port.list()).find((e) => e.nationalCode === '1.003677')!;
    const r = await port.detail(entry.id);
    expect(r).toMatchObject({
      nationalCode: '1.003677',
      name: 'Khai báo tạm vắng',
      levels: { ministry: false, province: false, commune: true, other: false },
      field: 'Đăng ký, quản lý cư trú',
      agencies: ['Công an cấp Xã'],
      applicants: ['Hợp tác xã', 'Công dân Việt Nam', 'Cán bộ, công chức, viên chức', 'Tổ chức (không bao gồm doanh nghiệp, HTX)'],
      receivingAddress: 'Công an cấp xã',
      sourceUrl: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-6f56-704f-95b8-8d949272c6ad'.replace('https://dichvucong.gov.vn', adapter.size === 3 ? PORTAL : 'https://dichvucong.gov.vn'),
    });
    // Two rows for one channel (usual and complex cases); no fee published.
    expect(r.channels.map((c) => [c.channel, c.time, c.fee])).toEqual([
      ['online', { kind: 'known', amount: 1, unit: 'working_day' }, { kind: 'unknown' }],
      ['online', { kind: 'known', amount: 2, unit: 'working_day' }, { kind: 'unknown' }],
    ]);
    expect(r.documents.map((g) => g.documents.length)).toEqual([2, 1]);
    expect(r.documents[0]!.documents[0]).toMatchObject({ name: '+ Đề nghị khai báo tạm vắng;', originals: 1 });
    expect(r.steps).toHaveLength(4);
    expect(r.results).toEqual(['Thông báo kết quả giải quyết thủ tục về cư trú, hủy bỏ thủ tục về cư trú', 'Cập nhật thông tin trong Cơ sở dữ liệu về cư trú', 'Phiếu khai báo tạm vắng (CT03)']);
    expect(r.legalBasis.map((l) => l.code)).toEqual(expect.arrayContaining(['68/2020/QH14', '66/2023/TT-BCA', '54/2025/TT-BCA']));
    expect(r.conditions).toMatch(/^- Trường hợp người quy định tại điểm d khoản 1 Điều 31 Luật Cư trú/);
  });
});
