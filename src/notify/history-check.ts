import type { DeliveryCheck } from './service.js';
import type { NoticeRecord } from './notices.js';

/** What the check reads: the messages the OA sent a user since a moment (the conversation history, §3.9). */
export interface SentHistory {
  sentSince(userId: string, sinceMs: number): Promise<{ fromOa: boolean; at: number; text: string }[]>;
}

/** Zalo's clock and ours differ a little; a message stamped just before the claim still counts. */
const CLOCK_SLACK_MS = 30_000;

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/**
 * Tells whether an interrupted notice reached the citizen, from the conversation history.
 * - A message the OA sent since the claim that carries the dossier code: delivered.
 * - Nothing at all sent since the claim, and no channel the history cannot see (ZNS goes by phone and never shows
 *   here) could have carried it: not delivered, so it may be sent again.
 * - Anything else (other messages, how Zalo shows a template message is not documented, a ZNS send possible):
 *   cannot tell, so the notice is left `uncertain` for a person rather than risk a second copy.
 */
export function historyDeliveryCheck(history: SentHistory, hasPhone: (userId: string) => Promise<boolean>): DeliveryCheck {
  return {
    async wasDelivered(record: NoticeRecord, since: number): Promise<boolean | null> {
      if (record.channel === 'zns') return null;
      const sent = (await history.sentSince(record.userId, since - CLOCK_SLACK_MS)).filter((m) => m.fromOa);
      const code = squash(record.code);
      if (sent.some((m) => squash(m.text).includes(code))) return true;
      if (sent.length > 0) return null;
      if (record.channel === undefined && (await hasPhone(record.userId))) return null;
      return false;
    },
  };
}
