import type { Store } from '../store/ports.js';
import type { HandoffService, MessageAttachment } from '../bot/ports.js';
import type { Reply } from '../dialogue/types.js';
import { maskPersonalData } from '../nlu/personal-data.js';

/** What the inbox needs to reach the citizen: the Zalo client's consultation-message send. */
export interface StaffReplySender {
  sendReply(userId: string, reply: Reply): Promise<{ messageIds: string[] }>;
}

export class HandoffNotActiveError extends Error {
  constructor(userId: string) {
    super(`no active hand-off for user ${userId.slice(0, 4)}…`);
    this.name = 'HandoffNotActiveError';
  }
}

export interface HandoffState {
  userId: string;
  by: 'citizen' | 'staff';
  adminId?: string;
  since: number;
  lastActivityAt: number;
}

export interface HandoffMessage {
  from: 'citizen' | 'staff';
  text: string;
  at: number;
  staff?: string;
  /** A voice message or photo the citizen sent (Zalo's URL; the inbox plays it through the media route). */
  attachment?: MessageAttachment;
}

const MAX_MESSAGES = 200;

/**
 * Conversations taken over by a human. While a hand-off is active the bot stays quiet for that user;
 * it ends when staff hand it back or after `ttlMs` without activity.
 */
export class StoreHandoffService implements HandoffService {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  private key(userId: string) {
    return `handoff:${userId}`;
  }

  async isActive(userId: string): Promise<boolean> {
    return this.store.exists(this.key(userId));
  }

  async get(userId: string): Promise<HandoffState | null> {
    const raw = await this.store.get(this.key(userId));
    return raw ? (JSON.parse(raw) as HandoffState) : null;
  }

  async start(userId: string, by: { kind: 'citizen' } | { kind: 'staff'; adminId: string }): Promise<void> {
    const now = Date.now();
    const existing = await this.get(userId);
    const state: HandoffState = {
      userId,
      by: existing?.by ?? by.kind,
      adminId: by.kind === 'staff' ? by.adminId : existing?.adminId,
      since: existing?.since ?? now,
      lastActivityAt: now,
    };
    await this.store.set(this.key(userId), JSON.stringify(state), { ttlMs: this.ttlMs });
    await this.store.zadd('handoff:inbox', now, userId);
  }

  /**
   * Keeps what the citizen wrote (and any photo or voice message they sent). Only a conversation the citizen asked
   * a human for keeps the full text (they chose to tell staff); anywhere else ID numbers, phones and addresses are
   * masked before they are stored.
   */
  async recordIncoming(userId: string, text: string, at: number, attachment?: MessageAttachment): Promise<void> {
    const state = await this.get(userId);
    await this.appendMessage(userId, { from: 'citizen', text: state?.by === 'citizen' ? text : maskPersonalData(text), at, ...(attachment ? { attachment } : {}) }, state);
  }

  async appendMessage(userId: string, message: HandoffMessage, known?: HandoffState | null): Promise<void> {
    await this.store.lpushCapped(`handoff:msgs:${userId}`, JSON.stringify(message), MAX_MESSAGES);
    await this.store.expire(`handoff:msgs:${userId}`, Math.max(this.ttlMs, 7 * 24 * 3600 * 1000));
    const state = known === undefined ? await this.get(userId) : known;
    if (state) {
      state.lastActivityAt = message.at;
      await this.store.set(this.key(userId), JSON.stringify(state), { ttlMs: this.ttlMs });
      await this.store.zadd('handoff:inbox', message.at, userId);
    }
  }

  async messages(userId: string, limit = 50): Promise<HandoffMessage[]> {
    const raw = await this.store.lrange(`handoff:msgs:${userId}`, 0, limit - 1);
    return raw.map((r) => JSON.parse(r) as HandoffMessage).reverse();
  }

  /** The last message of a conversation as the inbox list shows it: personal data masked. */
  async preview(userId: string): Promise<HandoffMessage | null> {
    const last = (await this.messages(userId, 1))[0];
    return last ? { ...last, text: maskPersonalData(last.text) } : null;
  }

  /** Open conversations, most recent first; expired hand-offs are dropped from the inbox. */
  async list(limit = 100): Promise<HandoffState[]> {
    const entries = await this.store.zrangeByScore('handoff:inbox', 0, Number.MAX_SAFE_INTEGER);
    const out: HandoffState[] = [];
    for (const { member } of entries.reverse()) {
      const state = await this.get(member);
      if (state) out.push(state);
      else await this.store.zrem('handoff:inbox', member);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Sends a staff member's message to the citizen (consultation API) and keeps it in the conversation. */
  async staffReply(userId: string, text: string, staff: string, sender: StaffReplySender): Promise<HandoffMessage> {
    if (!(await this.isActive(userId))) throw new HandoffNotActiveError(userId);
    await sender.sendReply(userId, { text, buttons: [] });
    const message: HandoffMessage = { from: 'staff', text, at: Date.now(), staff };
    await this.appendMessage(userId, message);
    return message;
  }

  async release(userId: string): Promise<void> {
    await this.store.del(this.key(userId));
    await this.store.zrem('handoff:inbox', userId);
  }
}
