import type { ComplaintStatus } from './api.js';
import { foldDiacritics, normaliseText } from '../nlu/normalise.js';

/**
 * Complaints and petitions (phản ánh, kiến nghị) a citizen files with the bot: the pure domain. A complaint
 * is stored before the citizen is told its reference, goes to a staff queue, and is answered by staff
 * through the consultation API. The store adapter is complaint-store.ts; the staff API is routes.ts.
 */

// The statuses and the reference format are part of the staff API (api.ts, also loaded by the console).
export { COMPLAINT_STATUSES, ComplaintStatus, REFERENCE_RE, WITHDRAWN_USER_ID } from './api.js';

export interface ComplaintEvent {
  at: number;
  /** Staff username, "citizen" or "system". */
  by: string;
  action: 'filed' | 'added' | 'contact' | 'status' | 'answer' | 'answer_failed' | 'withdrawn';
  from?: ComplaintStatus;
  to?: ComplaintStatus;
  note?: string;
}

export interface Complaint {
  /** Reference number given to the citizen, e.g. PA-251120-0042. */
  ref: string;
  userId: string;
  language: 'vi' | 'en';
  /** What the citizen wrote; later additions are appended as separate parts. */
  parts: { at: number; text: string }[];
  status: ComplaintStatus;
  createdAt: number;
  updatedAt: number;
  /** Shared by the citizen through Zalo's request_user_info card, with consent. */
  contact?: { phone?: string; name?: string; at: number };
  answer?: { text: string; by: string; at: number };
  history: ComplaintEvent[];
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

export function referenceDay(at: number): string {
  const d = new Date(at + VIETNAM_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
}

export function formatReference(day: string, sequence: number): string {
  return `PA-${day}-${String(sequence).padStart(4, '0')}`;
}

/** Words that only say "I want to complain" and carry no content of their own. */
const TRIGGER_WORDS = new Set(
  'toi em anh chi minh chung muon can xin cho hoi gui lam sao the nao nao de o dau ve viec phan anh kien nghi khieu nai to cao gop y y kien report complaint complain petition file want to i a an about please giup voi a ah nhe duoc khong ko'.split(' '),
);
/** Content words from which the first message is the complaint itself rather than a request to file one. */
const SUBSTANTIVE_WORDS = 5;

/**
 * Whether a message that asks to complain already says what about: enough words besides the trigger
 * ("Tôi muốn phản ánh cán bộ xã gây khó dễ" is; "tôi muốn phản ánh" is not).
 */
export function isSubstantive(text: string): boolean {
  const words = foldDiacritics(normaliseText(text)).split(' ').filter(Boolean);
  return words.filter((w) => !TRIGGER_WORDS.has(w)).length >= SUBSTANTIVE_WORDS;
}

const CANCEL = /^(thoi|thoi khong|khong|ko|k|huy|huy bo|bo qua|khong can|thoi khong can nua|cancel|no|stop)$/;

/** "thôi", "hủy", "không cần" in answer to "what is your complaint": the citizen changed their mind. */
export function isCancel(text: string): boolean {
  return CANCEL.test(foldDiacritics(normaliseText(text)));
}

/** Zalo sends phones as 84xxxxxxxxx (sometimes a number); staff read 0xxxxxxxxx. Null when not a phone. */
export function normalisePhone(raw: string | undefined | null): string | null {
  const digits = String(raw ?? '').replace(/\D/g, '');
  if (/^84\d{9,10}$/.test(digits)) return `0${digits.slice(2)}`;
  if (/^0\d{9,10}$/.test(digits)) return digits;
  return null;
}

/** The full text staff read: the parts in order. */
export function complaintText(c: Pick<Complaint, 'parts'>): string {
  return c.parts.map((p) => p.text).join('\n\n');
}

/** Longest text one part may have: a Zalo message is at most 2,000 characters. */
export const MAX_PART_CHARS = 2000;
/** Parts one complaint may gather (the first and its additions). */
export const MAX_PARTS = 10;
