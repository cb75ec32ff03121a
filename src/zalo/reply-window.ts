import type { Store } from '../store/ports.js';

/**
 * Per-user tracking of Zalo's reply rules (reference §3.6): consultation messages may be sent only
 * within 7 days of the user's last message (else -230); within 48 h the first 8 replies after each
 * inbound message are free, later ones are charged.
 */

const DAY_MS = 24 * 3600 * 1000;
const KEY_TTL_MS = 8 * DAY_MS;

export interface ReplyWindowOptions {
  /** ZALO_FREE_REPLIES_PER_TURN. */
  freeRepliesPerTurn: number;
  freeWindowMs?: number;
  hardWindowMs?: number;
}

export interface ReplyAllowance {
  /** A consultation message may be sent (within the hard window). */
  allowed: boolean;
  /** It would be one of the free replies. */
  free: boolean;
  lastInboundAt: number | null;
  repliesSinceInbound: number;
  reason?: 'no_inbound' | 'window_closed';
}

const key = (userId: string) => `replywin:${userId}`;

export class ReplyWindowTracker {
  private readonly freeWindowMs: number;
  private readonly hardWindowMs: number;

  constructor(
    private readonly store: Store,
    private readonly opts: ReplyWindowOptions,
  ) {
    this.freeWindowMs = opts.freeWindowMs ?? 2 * DAY_MS;
    this.hardWindowMs = opts.hardWindowMs ?? 7 * DAY_MS;
  }

  /** The user wrote: the free allowance starts again. An older, late-handled event never moves it back. */
  async recordInbound(userId: string, at: number): Promise<void> {
    const current = Number((await this.store.hget(key(userId), 'lastInboundAt')) ?? 0);
    if (current > at) return;
    await this.store.hset(key(userId), { lastInboundAt: String(at), replies: '0' });
    await this.store.expire(key(userId), KEY_TTL_MS);
  }

  async recordReply(userId: string, _at?: number): Promise<void> {
    await this.store.hincrBy(key(userId), 'replies', 1);
    await this.store.expire(key(userId), KEY_TTL_MS);
  }

  async canReply(userId: string, now: number = Date.now()): Promise<ReplyAllowance> {
    const h = await this.store.hgetall(key(userId));
    const lastInboundAt = h.lastInboundAt ? Number(h.lastInboundAt) : null;
    const repliesSinceInbound = Number(h.replies ?? 0);
    if (lastInboundAt === null) return { allowed: false, free: false, lastInboundAt, repliesSinceInbound, reason: 'no_inbound' };
    const age = now - lastInboundAt;
    if (age >= this.hardWindowMs) return { allowed: false, free: false, lastInboundAt, repliesSinceInbound, reason: 'window_closed' };
    return { allowed: true, free: age < this.freeWindowMs && repliesSinceInbound < this.opts.freeRepliesPerTurn, lastInboundAt, repliesSinceInbound };
  }
}
