import type { Logger } from 'pino';
import type { ZaloClient } from '../zalo/client.js';
import { buildPromotionMessage, type ZaloMessageLimits } from '../zalo/messages.js';
import type { ReplyWindowTracker } from '../zalo/reply-window.js';
import { DeliverySkipped, type AnnouncementChannel, type AnnouncementContent, type DeliveryChannelKind } from './types.js';

/**
 * Today's delivery channel: the OA message endpoints (reference §3.6, §3.7). Promotion messages reach
 * followers; consultation messages reach users who wrote within 7 days. 'auto' uses consultation inside
 * that window (no follower requirement, no night ban) and promotion otherwise.
 */

export type ChannelMode = 'promotion' | 'consultation' | 'auto';

/** One message of a user's recent conversation, as far as the platform tells it. */
export interface RecentMessage {
  fromOa: boolean;
  at: number;
  text: string;
}

/** How far back the conversation history is read when a send is settled after a crash. */
const HISTORY_LOOKBACK_MS = 24 * 3600 * 1000;

/** `recentMessages` from Zalo's conversation history (zalo/conversation.ts): what the OA sent the user lately. */
export function recentFromHistory(history: { sentSince(userId: string, sinceMs: number): Promise<{ fromOa: boolean; at: number; text: string }[]> }, now: () => number = Date.now) {
  return async (userId: string): Promise<RecentMessage[]> => (await history.sentSince(userId, now() - HISTORY_LOOKBACK_MS)).map((m) => ({ fromOa: m.fromOa, at: m.at, text: m.text }));
}

export interface OaChannelOptions {
  zalo: Pick<ZaloClient, 'sendPromotion' | 'sendReply'>;
  replyWindow: Pick<ReplyWindowTracker, 'canReply' | 'recordReply'>;
  mode: ChannelMode;
  limits: ZaloMessageLimits;
  logger: Logger;
  /**
   * The user's latest messages with the OA, for settling a send a crash interrupted (recentFromHistory: Zalo's
   * conversation history, reference §3.9); without it such sends are counted as uncertain and never repeated.
   */
  recentMessages?: (userId: string) => Promise<RecentMessage[] | null>;
  now?: () => number;
}

export function consultationText(a: AnnouncementContent): string {
  return `${a.title}\n\n${a.text}`;
}

export function createOaChannel(opts: OaChannelOptions): AnnouncementChannel {
  const now = opts.now ?? Date.now;
  const log = opts.logger.child({ module: 'announcement-channel' });

  async function pick(userId: string): Promise<DeliveryChannelKind> {
    if (opts.mode === 'promotion') return 'promotion';
    const allowance = await opts.replyWindow.canReply(userId, now());
    if (allowance.allowed) return 'consultation';
    if (opts.mode === 'consultation') throw new DeliverySkipped('outside_window');
    return 'promotion';
  }

  // The same message goes to every recipient: built once per announcement object, not once per user.
  const built = new WeakMap<object, ReturnType<typeof buildPromotionMessage>>();
  function promotionOf(a: AnnouncementContent): ReturnType<typeof buildPromotionMessage> {
    let message = built.get(a);
    if (!message) built.set(a, (message = buildPromotionMessage({ header: a.title, text: a.text, bannerUrl: a.imageUrl, buttons: a.buttons }, opts.limits, log)));
    return message;
  }

  const channel: AnnouncementChannel = {
    async send(userId, a) {
      const kind = await pick(userId);
      if (kind === 'promotion') {
        const message = promotionOf(a);
        const { messageId } = await opts.zalo.sendPromotion(userId, message);
        return { messageId, channel: kind };
      }
      const { messageIds } = await opts.zalo.sendReply(userId, { text: consultationText(a), buttons: a.buttons, imageUrl: a.imageUrl });
      await opts.replyWindow.recordReply(userId, now());
      return { messageId: messageIds[0] ?? '', channel: kind };
    },
  };
  if (opts.recentMessages) {
    const recent = opts.recentMessages;
    channel.wasDelivered = async (userId, a, sinceMs) => {
      const messages = await recent(userId).catch((err: Error) => {
        log.warn({ err: err.message }, 'conversation lookup failed: delivery left uncertain');
        return null;
      });
      if (!messages) return null;
      // A little slack: the platform's clock and ours need not agree to the millisecond.
      return messages.some((m) => m.fromOa && m.at >= sinceMs - 60_000 && m.text.includes(a.title));
    };
  }
  return channel;
}
