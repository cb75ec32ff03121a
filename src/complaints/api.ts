import { z } from 'zod';
import { ComplaintStatus, REFERENCE_RE, type Complaint } from './complaint.js';

/**
 * Request and response shapes of the complaints staff API (/admin/api/complaints). One definition: the routes
 * validate with these schemas and the console imports the same types.
 */

export const ComplaintRef = z.string().regex(REFERENCE_RE, 'a reference such as PA-251120-0042');

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

export const ComplaintAnswerBody = z.object({ text: z.string().trim().min(1, 'required').max(1800, 'at most 1800 characters') }).strict();
export type ComplaintAnswerBody = z.infer<typeof ComplaintAnswerBody>;

/** One row of the queue: enough to triage without opening it. */
export interface ComplaintSummary {
  ref: string;
  status: Complaint['status'];
  createdAt: number;
  updatedAt: number;
  preview: string;
  hasPhone: boolean;
  answered: boolean;
}

export interface ComplaintListResponse {
  items: ComplaintSummary[];
  total: number;
  counts: Record<Complaint['status'], number>;
}

/** The full complaint as staff see it (what the citizen wrote, the phone they shared, every change). */
export type ComplaintDetailResponse = { complaint: Complaint; text: string };
