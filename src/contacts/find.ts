import { foldDiacritics, normaliseText } from '../nlu/normalise.js';
import type { ContactPoint, Weekday } from './schema.js';

/** What a contacts question asks about; the intent id's suffix (contacts.hours → hours). */
export type ContactFacet = 'address' | 'hours' | 'phone' | 'hotline' | 'general';

const FACETS: readonly ContactFacet[] = ['address', 'hours', 'phone', 'hotline'];

export function facetOfIntent(intentId: string | null | undefined): ContactFacet {
  // "contacts.hours-holidays" answers like "contacts.hours": more phrasings of a facet live in intents of their own.
  const suffix = intentId?.startsWith('contacts.') ? intentId.slice('contacts.'.length).split('-')[0]! : '';
  return (FACETS as readonly string[]).includes(suffix) ? (suffix as ContactFacet) : 'general';
}

/** Lower case, no diacritics, words separated by single spaces and padded, for whole-word search. */
function folded(text: string): string {
  return ` ${foldDiacritics(normaliseText(text))} `;
}

/** Points whose name or one of whose aliases the message mentions, longest mention first. */
export function contactsNamedIn(text: string, contacts: readonly ContactPoint[]): ContactPoint[] {
  const message = folded(text);
  const hits: { contact: ContactPoint; length: number }[] = [];
  for (const c of contacts) {
    let best = 0;
    for (const name of [c.name.vi, ...(c.name.en ? [c.name.en] : []), ...c.aliases]) {
      const f = folded(name);
      if (f.trim().length >= 2 && message.includes(f)) best = Math.max(best, f.length);
    }
    if (best > 0) hits.push({ contact: c, length: best });
  }
  return hits.sort((a, b) => b.length - a.length).map((h) => h.contact);
}

const SATURDAY = / (thu 7|thu bay|t7|sang thu 7|saturday|sat) /;
const SUNDAY = / (chu nhat|cn|sunday|sun) /;

/** The weekend day a question names ("thứ 7 có làm không"), if any. */
export function weekendDayAsked(text: string): Weekday | null {
  const message = folded(text);
  if (SATURDAY.test(message)) return 'sat';
  if (SUNDAY.test(message)) return 'sun';
  return null;
}

/** True when the message is about a commune or ward desk rather than the provincial centre. */
export function mentionsCommune(text: string): boolean {
  return / (xa|phuong|dac khu|ward|commune) /.test(folded(text));
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The one-stop points with a known position, nearest first. */
export function nearestContacts(contacts: readonly ContactPoint[], at: { lat: number; lng: number }, count = 3): { contact: ContactPoint; km: number }[] {
  return contacts
    .filter((c) => c.coordinates && (c.kind === 'centre' || c.kind === 'commune'))
    .map((c) => ({ contact: c, km: distanceKm(at, c.coordinates!) }))
    .sort((a, b) => a.km - b.km)
    .slice(0, count);
}

/** Parses Zalo's location payload (strings, reference §1.4); null when it is not a position on Earth. */
export function parseCoordinates(raw: { latitude: string; longitude: string } | undefined): { lat: number; lng: number } | null {
  if (!raw) return null;
  const lat = Number(raw.latitude);
  const lng = Number(raw.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat, lng };
}

/** The official channels for complaints and petitions, the provincial centre first. */
export function complaintChannels(contacts: readonly ContactPoint[]): ContactPoint[] {
  const order = { centre: 0, hotline: 1, online: 2, commune: 3 } as const;
  return contacts.filter((c) => c.topics.includes('complaints')).sort((a, b) => order[a.kind] - order[b.kind]);
}
