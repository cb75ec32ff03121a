import type { ReplyButton } from '../dialogue/types.js';

export type { Audience } from '../admin/api-types.js';
import type { Audience } from '../admin/api-types.js';

/** `dry_run`: a recorded count of recipients; nothing is ever sent for it. */
export type AnnouncementStatus = 'draft' | 'scheduled' | 'sending' | 'done' | 'cancelled' | 'dry_run';

/** What staff wrote; the channel turns it into a wire message. */
export interface AnnouncementContent {
  title: string;
  text: string;
  buttons: ReplyButton[];
  imageUrl?: string;
}

export interface Announcement extends AnnouncementContent {
  id: string;
  audience: Audience;
  status: AnnouncementStatus;
  createdAt: number;
  createdBy: string;
  sendAt?: number;
  startedAt?: number;
  finishedAt?: number;
  cancelledAt?: number;
}

/** Progress and outcome of one announcement, read from the store (the console shows it). */
export interface AnnouncementReport {
  id: string;
  title: string;
  status: AnnouncementStatus;
  audience: Audience;
  createdAt: string;
  createdBy: string;
  sendAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  /** Recipients once the fan-out has counted them (null before). */
  total: number | null;
  /** Deliveries queued so far by the fan-out. */
  enqueued: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Deliveries dropped because the announcement was cancelled. */
  cancelled: number;
  /** A crash hid whether the message left and Zalo's conversation history could not tell yet: counted here, never sent blindly. */
  uncertain: number;
  /** Who those are (up to 100). */
  uncertainUsers: string[];
  /**
   * Checking uncertain deliveries against the conversation history: `pending` (a round is queued), `done` (none
   * left), `gave_up` (Zalo could not be asked; `reason` says so) or `impossible` (the channel has no history).
   */
  reconcile: { state: 'pending' | 'done' | 'gave_up' | 'impossible'; round: number; at: string | null; reason: string | null } | null;
  errorsByCode: Record<string, number>;
  skippedByReason: Record<string, number>;
  sentByChannel: Record<string, number>;
  durationMs: number | null;
}

export type DeliveryChannelKind = 'promotion' | 'consultation';

/** Why a delivery did not go out, although nothing failed. */
export type SkipReason = 'daily_cap' | 'outside_window' | 'not_follower';

/** Thrown by a channel when the rules forbid this message for this user (counted as skipped, not failed). */
export class DeliverySkipped extends Error {
  constructor(readonly reason: SkipReason) {
    super(`delivery skipped: ${reason}`);
    this.name = 'DeliverySkipped';
  }
}

/**
 * The delivery port. Today's adapter uses the OA promotion/consultation endpoints; Zalo is moving
 * push messages to pre-approved templates in 2026 (reference §3.7), which will be another adapter.
 * Failures are thrown as ZaloApiError (kind decides retry) or DeliverySkipped.
 */
export interface AnnouncementChannel {
  send(userId: string, announcement: AnnouncementContent & { id: string }): Promise<{ messageId: string; channel: DeliveryChannelKind }>;
  /**
   * After a crash between "about to send" and "sent", asks the platform whether the message arrived
   * after `sinceMs`: true / false, or null when the platform cannot tell (the delivery is then not repeated).
   */
  wasDelivered?(userId: string, announcement: AnnouncementContent & { id: string }, sinceMs: number): Promise<boolean | null>;
}
