import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactPoint } from '../../src/contacts/schema.js';
import { contactsNamedIn, distanceKm, facetOfIntent, nearestContacts, parseCoordinates, weekendDayAsked } from '../../src/contacts/find.js';
import { renderNearestContacts } from '../../src/contacts/render.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { Translate } from '../../src/dialogue/types.js';
import { loadTranslations } from '../dialogue/fixtures/i18n.js';
import { TEST_CONTACTS } from '../fixtures/contacts/test-contacts.js';

let t: Translate;
beforeAll(async () => {
  t = (await loadTranslations())('vi');
});

describe('contact content', () => {
  it('refuses a phone, an address or hours without a source for it', () => {
    const res = ContactPoint.safeParse({ id: 'x', kind: 'commune', name: { vi: 'Một cửa xã X' }, phone: '02553000000', address: { vi: '1 Lê Lợi' } });
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['address', 'phone']);
  });

  it('refuses what is not a phone number or a time', () => {
    const source = { facts: ['phone', 'hours'], title: 't', url: 'https://example.gov.vn', retrieved: '2026-12-01' };
    expect(ContactPoint.safeParse({ id: 'x', kind: 'centre', name: { vi: 'X' }, phone: '123', sources: [source] }).success).toBe(false);
    expect(ContactPoint.safeParse({ id: 'x', kind: 'centre', name: { vi: 'X' }, hours: [{ days: ['sat'], from: '11:30', to: '07:30' }], sources: [source] }).success).toBe(false);
  });

  it('ships the provincial centre, the national portal and some wards, every stated fact with its source', async () => {
    const res = await loadContentFromDir(join(import.meta.dirname, '../../intents'));
    if ('errors' in res) throw new Error(JSON.stringify(res.errors));
    const contacts = res.kb.contacts ?? [];
    expect(contacts.map((c) => c.kind)).toEqual(expect.arrayContaining(['centre', 'online', 'commune']));
    expect(contacts.filter((c) => c.kind === 'commune').length).toBeGreaterThanOrEqual(3);
    // Facts that could not be sourced are listed, not invented.
    const centre = contacts.find((c) => c.kind === 'centre')!;
    expect(centre.unsourced.map((u) => u.fact)).toEqual(expect.arrayContaining(['phone', 'address', 'hours']));
    expect(centre.phone).toBeUndefined();
  });
});

describe('finding contacts', () => {
  it('reads the facet from the intent id', () => {
    expect(facetOfIntent('contacts.hours')).toBe('hours');
    expect(facetOfIntent('contacts.hours-holidays')).toBe('hours');
    expect(facetOfIntent('contacts')).toBe('general');
  });

  it('finds a ward named with or without diacritics, and a weekend day', () => {
    expect(contactsNamedIn('sdt mot cua phuong thu a', TEST_CONTACTS).map((c) => c.id)).toEqual(['test-mot-cua-phuong-a']);
    expect(contactsNamedIn('Bộ phận một cửa xã Thử B ở đâu', TEST_CONTACTS)[0]!.id).toBe('test-mot-cua-xa-b');
    expect(weekendDayAsked('sáng thứ 7 có nhận hồ sơ không')).toBe('sat');
    expect(weekendDayAsked('chủ nhật có làm không')).toBe('sun');
    expect(weekendDayAsked('mấy giờ làm việc')).toBeNull();
  });

  it('measures great-circle distances (two points about 120 km apart)', () => {
    expect(distanceKm({ lat: 15.12, lng: 108.8 }, { lat: 15.12, lng: 108.8 })).toBe(0);
    const d = distanceKm({ lat: 15.1214, lng: 108.8044 }, { lat: 14.3545, lng: 108.0076 });
    expect(d).toBeGreaterThan(115);
    expect(d).toBeLessThan(125);
  });

  it('orders the one-stop points by distance and ignores channels without a place', () => {
    const near = nearestContacts(TEST_CONTACTS, { lat: 15.19, lng: 108.89 });
    expect(near.map((n) => n.contact.id)).toEqual(['test-mot-cua-phuong-a', 'test-trung-tam', 'test-mot-cua-xa-b']);
    expect(near[0]!.km).toBeLessThan(2);
  });

  it("parses Zalo's string coordinates and refuses what is not on Earth", () => {
    expect(parseCoordinates({ latitude: '15.1214', longitude: '108.8044' })).toEqual({ lat: 15.1214, lng: 108.8044 });
    expect(parseCoordinates({ latitude: 'abc', longitude: '1' })).toBeNull();
    expect(parseCoordinates({ latitude: '95', longitude: '1' })).toBeNull();
  });

  it('answers a location with the nearest desks, their distance, a map and a call button', () => {
    const reply = renderNearestContacts(TEST_CONTACTS, { lat: 15.19, lng: 108.89 }, 'vi', t);
    expect(reply.text).toMatch(/1\. Bộ phận Một cửa phường Thử A \(cách khoảng 1,\d km\)/);
    expect(reply.buttons).toContainEqual(expect.objectContaining({ kind: 'url', url: 'https://maps.example.com/?q=15.20,108.90' }));
    expect(reply.buttons).toContainEqual(expect.objectContaining({ kind: 'phone', phone: '02000000002' }));
  });

  it('says so when no desk has a known position', () => {
    const reply = renderNearestContacts(TEST_CONTACTS.filter((c) => !c.coordinates), { lat: 15, lng: 108 }, 'vi', t);
    expect(reply.text).toMatch(/chưa có vị trí/);
  });
});
