import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { PORTAL_DETAIL_PATH, PORTAL_LIST_PATH } from '../../src/catalogue/portal-source.js';

export const PORTAL = 'https://dichvucong.test';

/** The portal's detail record of 1.003677, verbatim. */
export const SAMPLE_FORMALITY = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/catalogue/portal-formality-1.003677.json'), 'utf8')) as Record<string, unknown>;

type Method = { submissionMethod: string; processingTime: number; processingTimeUnit: string; description?: string; fees?: { type: string; value: number; currencyName: string; description?: string }[] };

/**
 * Another record in the portal's exact shape: the verbatim one with its identity, methods and the fields
 * given replaced (every other field as the portal sends it).
 */
export function formality(over: { id: string; code?: string | null; name: string; methods?: Method[] } & Record<string, unknown>): Record<string, unknown> {
  const { methods, ...rest } = over;
  const record: Record<string, unknown> = { ...structuredClone(SAMPLE_FORMALITY), ...rest, codeNotation: over.code ?? null };
  if (methods) record.executionMethods = methods.map((m) => ({ description: '', fees: [], ...m }));
  return record;
}

export const THREE_CHANNELS = formality({
  id: '019d2bf7-0000-7000-8000-000000000002',
  code: '1.003930',
  name: 'Cấp lại Giấy chứng nhận đăng ký phương tiện',
  isWard: true,
  isProvince: true,
  methods: ['ONLINE', 'POSTAL', 'DIRECT'].map((submissionMethod) => ({
    submissionMethod,
    processingTime: 2,
    processingTimeUnit: 'WORKING_DAY',
    fees: [{ type: 'Lệ phí', value: 70000, currencyName: 'VNĐ', description: '' }],
  })),
});

export const MINISTRY_ONLY = formality({
  id: '019d2bf7-0000-7000-8000-000000000003',
  code: '1.002656',
  name: 'Cấp Giấy phép tạm thời cho tàu biển mang cờ quốc tịch Việt Nam',
  isWard: false,
  isProvince: false,
  isMinistry: true,
  methods: [{ submissionMethod: 'DIRECT', processingTime: 1, processingTimeUnit: 'WORKING_DAY', fees: [{ type: 'Lệ phí', value: 0, currencyName: 'VNĐ' }] }],
});

/** The listing item of a record, as the list call returns it. */
export function listItem(r: Record<string, unknown>): { id: unknown; code: unknown; name: unknown } & Record<string, unknown> {
  return { id: r.id, code: r.code, name: r.name, type: 'STANDARD', categories: [], departments: [] };
}

/** Serves the listing in pages of `pageSize` (by lastId), then an empty page, and each record's detail. */
export function servePortal(records: Record<string, unknown>[], pageSize = 2): nock.Scope {
  const scope = nock(PORTAL);
  const pages: Record<string, unknown>[][] = [];
  for (let i = 0; i < records.length; i += pageSize) pages.push(records.slice(i, i + pageSize));
  let lastId: unknown = null;
  for (const page of [...pages, []]) {
    const expected = lastId;
    scope.post(PORTAL_LIST_PATH, (body: { lastId: unknown; limit: number }) => body.lastId === expected && typeof body.limit === 'number').reply(200, { data: { items: page.map(listItem), lastId: page.at(-1)?.id ?? null } });
    lastId = page.at(-1)?.id ?? lastId;
  }
  for (const r of records) scope.post(PORTAL_DETAIL_PATH, { id: r.id as string }).reply(200, { data: r });
  return scope;
}
