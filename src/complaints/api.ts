import { z } from 'zod';
import type { Reply } from '../dialogue/types.js';
import type { Complaint } from './complaint.js';

/**
 * Request and response shapes of the complaints staff API (/admin/api/complaints). One definition: the routes
 * validate with these schemas and the console imports the same schemas and types (through admin/api-types.ts).
 * This module is loaded in the browser too: its only value import is zod.
 */

export const COMPLAINT_STATUSES = ['new', 'in_progress', 'answered'] as const;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

/** "PA-" + the filing day (yyMMdd, Vietnam time) + a daily sequence of at least 4 digits. */
export const REFERENCE_RE = /^PA-\d{6}-\d{4,6}$/;

/** The user id a complaint keeps after its citizen asked for their data to be deleted: it can no longer be answered. */
export const WITHDRAWN_USER_ID = 'withdrawn';

export const ComplaintRef = z.string().trim().toUpperCase().regex(REFERENCE_RE, 'a reference such as PA-251120-0042');

export const ComplaintListQuery = z
  .object({
    status: ComplaintStatus.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

export const ComplaintStatusBody = z.object({ status: ComplaintStatus }).strict();
export type ComplaintStatusBody = z.infer<typeof ComplaintStatusBody>;

/** Longest answer staff may send: the citizen's message also carries the reference line and fits one Zalo message. */
export const COMPLAINT_ANSWER_MAX_CHARS = 1800;
export const ComplaintAnswerBody = z
  .object({ text: z.string().trim().min(1, 'required').max(COMPLAINT_ANSWER_MAX_CHARS, `at most ${COMPLAINT_ANSWER_MAX_CHARS} characters`) })
  .strict();
export type ComplaintAnswerBody = z.infer<typeof ComplaintAnswerBody>;

/** One row of the queue: enough to triage without opening it. */
export interface ComplaintSummary {
  ref: string;
  status: Complaint['status'];
  createdAt: number;
  updatedAt: number;
  /** The start of what the citizen wrote, ID numbers, phones and addresses masked. */
  preview: string;
  hasPhone: boolean;
  answered: boolean;
}

export interface ComplaintListResponse {
  items: ComplaintSummary[];
  total: number;
  counts: Record<Complaint['status'], number>;
}

/**
 * The full complaint as staff see it (what the citizen wrote, every change). The phone the citizen shared comes
 * masked (`091•••••78`); the full number only from `POST …/:ref/phone`, which is audited.
 */
export interface ComplaintDetailResponse {
  complaint: Complaint;
  text: string;
  /** The citizen's Zalo display name, when Zalo gives one (null for a withdrawn complaint). */
  displayName: string | null;
}

/** `POST /admin/api/complaints/:ref/phone`: the number the citizen shared, for a call about this complaint. */
export interface ComplaintPhoneResponse {
  phone: string;
}

/** A phone as staff see it until they ask for it: the first three and the last two digits. */
export function maskComplaintPhone(phone: string): string {
  if (phone.length <= 5) return '•'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'•'.repeat(phone.length - 5)}${phone.slice(-2)}`;
}

/** After a status change or an answer: the complaint as it is now. */
export interface ComplaintChangeResponse {
  complaint: Complaint;
}

/** An answer as the citizen will read it in Zalo, in the citizen's language; nothing is sent. */
export interface ComplaintAnswerPreview {
  replies: Reply[];
}
