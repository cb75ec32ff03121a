import { z } from 'zod';
import { LocalizedText } from '../knowledge/schema.js';

/**
 * A place or channel where citizens reach the administration: the provincial service centre, a commune's
 * one-stop desk (Bộ phận Một cửa), a hotline, an online channel. Content like procedures: files in
 * intents/contacts/, edited and versioned in the console. Every fact a citizen could act on (address,
 * phone, hours, position, link) names where it comes from; a fact nobody could source is left out and
 * listed under `unsourced`, so answers never state it.
 */

export const CONTACT_FACTS = ['address', 'phone', 'hotline', 'hours', 'coordinates', 'mapUrl', 'url'] as const;
export type ContactFact = (typeof CONTACT_FACTS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 07:30');

export const OpeningSlot = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, 'at least one day'),
    from: clock,
    to: clock,
  })
  .strict()
  .refine((s) => s.from < s.to, { message: '"from" must be before "to"', path: ['to'] });
export type OpeningSlot = z.infer<typeof OpeningSlot>;

/** Vietnamese phone numbers as citizens dial them: 0 + 9-10 digits, or a 1800/1900 number. */
const phone = z.string().trim().regex(/^(0\d{9,10}|1[89]00\s?\d{3,6})$/, 'a phone number such as 02553822xxx or 1800xxxx (digits only)');

export const FactSource = z
  .object({
    /** The facts this page confirms. */
    facts: z.array(z.enum(CONTACT_FACTS)).min(1),
    title: z.string().trim().min(1),
    url: z.url({ protocol: /^https?$/, message: 'the http(s) address of the page' }),
    retrieved: z.iso.date('a date such as 2026-11-20'),
  })
  .strict();

export const ContactPoint = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by "-", e.g. mot-cua-phuong-kon-tum'),
    /** centre: the provincial public-service centre; commune: a commune or ward one-stop desk; hotline; online channel. */
    kind: z.enum(['centre', 'commune', 'hotline', 'online']),
    name: LocalizedText,
    /** Other names citizens type (folded or not): "phường Kon Tum", "xa kon tum". */
    aliases: z.array(z.string().trim().min(2)).default([]),
    /** What the point is for besides one-stop filing: "complaints" lists it among the official complaint channels. */
    topics: z.array(z.enum(['one_stop', 'complaints'])).default(['one_stop']),
    address: LocalizedText.optional(),
    phone: phone.optional(),
    hotline: phone.optional(),
    hours: z.array(OpeningSlot).optional(),
    /** A line said with the hours (e.g. holidays). */
    hoursNote: LocalizedText.optional(),
    mapUrl: z.url({ protocol: /^https$/, message: 'an https map link' }).optional(),
    url: z.url({ protocol: /^https?$/, message: 'an http(s) page' }).optional(),
    /** Where on the map (WGS84), for "nearest one-stop point" answers to a shared location. */
    coordinates: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict().optional(),
    sources: z.array(FactSource).default([]),
    /** Facts looked for and not found in any public source: left out on purpose, for an admin to fill in. */
    unsourced: z.array(z.object({ fact: z.enum(CONTACT_FACTS), note: z.string().trim().min(1) }).strict()).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const sourced = new Set(c.sources.flatMap((s) => s.facts));
    for (const fact of CONTACT_FACTS) {
      if (c[fact] !== undefined && !sourced.has(fact)) {
        ctx.addIssue({ code: 'custom', path: [fact], message: `${fact} needs a source: add it to the "facts" of an entry in sources (or leave the fact out and list it under unsourced)` });
      }
    }
  });
export type ContactPoint = z.infer<typeof ContactPoint>;
