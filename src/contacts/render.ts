import { finishReply, pick } from '../dialogue/limits.js';
import { payload } from '../dialogue/payload.js';
import { helpMenuButtons } from '../dialogue/render-system.js';
import type { Language, Reply, ReplyButton, Translate } from '../dialogue/types.js';
import { WEEKDAYS, type ContactPoint, type OpeningSlot, type Weekday } from './schema.js';
import { contactsNamedIn, mentionsCommune, nearestContacts, weekendDayAsked, type ContactFacet } from './find.js';

/** Answers about where, when and how to reach the administration, from the contacts content only. */

const name = (c: ContactPoint, lang: Language) => pick(c.name, lang, () => undefined);

/** "Thứ 2–Thứ 6" for a run of consecutive days, listed otherwise. */
function daysLabel(days: readonly Weekday[], t: Translate): string {
  const idx = [...new Set(days)].map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const consecutive = idx.length > 2 && idx.every((d, i) => i === 0 || d === idx[i - 1]! + 1);
  const label = (i: number) => t(`contacts.day.${WEEKDAYS[i]!}`);
  return consecutive ? `${label(idx[0]!)}–${label(idx[idx.length - 1]!)}` : idx.map(label).join(', ');
}

/** One line per set of days: "Thứ 2–Thứ 6: 07:00–11:30, 13:30–17:00". */
export function hoursLines(hours: readonly OpeningSlot[], t: Translate): string[] {
  const byDays = new Map<string, { days: Weekday[]; spans: string[] }>();
  for (const slot of hours) {
    const key = [...slot.days].sort().join(',');
    const entry = byDays.get(key) ?? { days: slot.days, spans: [] };
    entry.spans.push(`${slot.from}–${slot.to}`);
    byDays.set(key, entry);
  }
  return [...byDays.values()].map((e) => `${daysLabel(e.days, t)}: ${e.spans.join(', ')}`);
}

function dayLine(c: ContactPoint, day: Weekday, lang: Language, t: Translate): string {
  const spans = (c.hours ?? []).filter((s) => s.days.includes(day)).map((s) => `${s.from}–${s.to}`);
  const dayName = t(`contacts.day.${day}`);
  return spans.length ? t('contacts.dayOpen', { name: name(c, lang), day: dayName, hours: spans.join(', ') }) : t('contacts.dayClosed', { name: name(c, lang), day: dayName });
}

/** The lines of one point for a facet; facts that are not in the content are said to be unknown, never guessed. */
function contactLines(c: ContactPoint, facet: ContactFacet, text: string, lang: Language, t: Translate): string[] {
  const lines = [name(c, lang)];
  const unknown = (fact: string) => t('contacts.unknown', { fact: t(`contacts.fact.${fact}`) });
  const want = (f: ContactFacet) => facet === 'general' || facet === f;
  if (want('address')) lines.push(c.address ? t('contacts.line.address', { address: pick(c.address, lang, () => undefined) }) : unknown('address'));
  if (want('phone')) lines.push(c.phone ? t('contacts.line.phone', { phone: c.phone }) : unknown('phone'));
  if (facet === 'hotline' || (facet === 'general' && c.hotline)) lines.push(c.hotline ? t('contacts.line.hotline', { phone: c.hotline }) : unknown('hotline'));
  if (want('hours')) {
    const day = facet === 'hours' ? weekendDayAsked(text) : null;
    if (!c.hours?.length) lines.push(unknown('hours'));
    else if (day) lines.push(dayLine(c, day, lang, t));
    else lines.push(t('contacts.line.hours', { hours: hoursLines(c.hours, t).join('; ') }));
    if (c.hours?.length && c.hoursNote) lines.push(pick(c.hoursNote, lang, () => undefined));
  }
  if (c.url && (facet === 'general' || c.kind === 'online')) lines.push(t('contacts.line.url', { url: c.url }));
  return lines;
}

function contactButtons(contacts: readonly ContactPoint[], facet: ContactFacet, lang: Language, t: Translate): ReplyButton[] {
  const buttons: ReplyButton[] = [];
  for (const c of contacts) {
    const number = facet === 'hotline' ? (c.hotline ?? c.phone) : (c.phone ?? c.hotline);
    if (number && facet !== 'address') buttons.push({ kind: 'phone', title: t('contacts.button.call', { phone: number }), phone: number });
    if (c.mapUrl && (facet === 'address' || facet === 'general')) buttons.push({ kind: 'url', title: t('contacts.button.map'), url: c.mapUrl });
    if (c.url && c.kind === 'online') buttons.push({ kind: 'url', title: t('contacts.button.open'), url: c.url });
  }
  return buttons.slice(0, 3);
}

/** Which points answer the question: those it names, else the hotlines or the provincial centre. */
function pointsFor(contacts: readonly ContactPoint[], facet: ContactFacet, text: string): ContactPoint[] {
  const named = contactsNamedIn(text, contacts).slice(0, 2);
  if (named.length) return named;
  if (facet === 'hotline') {
    const withHotline = contacts.filter((c) => c.hotline);
    if (withHotline.length) return withHotline.slice(0, 2);
  }
  return contacts.filter((c) => c.kind === 'centre').slice(0, 1);
}

export function renderContactAnswer(contacts: readonly ContactPoint[], facet: ContactFacet, text: string, lang: Language, t: Translate): Reply {
  const points = pointsFor(contacts, facet, text);
  if (points.length === 0) return finishReply(t('contacts.none'), helpMenuButtons(lang, t));
  const blocks = points.map((c) => contactLines(c, facet, text, lang, t).join('\n'));
  if (facet === 'general') blocks.unshift(t('contacts.intro'));
  const named = contactsNamedIn(text, contacts).length > 0;
  // A question about "the commune's desk" without naming one: say how to get the right one.
  if (!named && (mentionsCommune(text) || facet === 'general') && contacts.some((c) => c.kind === 'commune')) blocks.push(t('contacts.communeHint'));
  const buttons = contactButtons(points, facet, lang, t);
  if (buttons.length < 4) buttons.push({ kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') });
  return finishReply(blocks.join('\n\n'), buttons);
}

/** The answer to a shared location: the nearest points with a known position, with their distance. */
export function renderNearestContacts(contacts: readonly ContactPoint[], at: { lat: number; lng: number }, lang: Language, t: Translate): Reply {
  const nearest = nearestContacts(contacts, at);
  if (nearest.length === 0) return finishReply(t('contacts.noPositions'), helpMenuButtons(lang, t));
  const km = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n))).replace('.', lang === 'vi' ? ',' : '.');
  const blocks = nearest.map(({ contact, km: d }, i) => {
    const lines = [`${i + 1}. ${t('contacts.distance', { name: name(contact, lang), km: km(d) })}`];
    if (contact.address) lines.push(t('contacts.line.address', { address: pick(contact.address, lang, () => undefined) }));
    if (contact.phone) lines.push(t('contacts.line.phone', { phone: contact.phone }));
    if (contact.hours?.length) lines.push(t('contacts.line.hours', { hours: hoursLines(contact.hours, t).join('; ') }));
    return lines.join('\n');
  });
  const buttons: ReplyButton[] = [];
  for (const { contact } of nearest) if (contact.mapUrl) buttons.push({ kind: 'url', title: t('contacts.button.mapTo', { name: shortName(contact, lang) }), url: contact.mapUrl });
  const first = nearest[0]!.contact;
  if (first.phone) buttons.push({ kind: 'phone', title: t('contacts.button.call', { phone: first.phone }), phone: first.phone });
  return finishReply([t('contacts.nearestIntro'), ...blocks].join('\n\n'), buttons.slice(0, 4));
}

/** "Bộ phận Một cửa UBND phường Kon Tum" → "phường Kon Tum" for a button. */
function shortName(c: ContactPoint, lang: Language): string {
  const n = name(c, lang);
  const m = /(xã|phường|đặc khu|ward|commune)\s.+$/iu.exec(n);
  return m ? m[0] : n;
}
