import { randomUUID } from 'node:crypto';
import type { AnalyticsAction } from '../bot/ports.js';
import type { Store } from '../store/ports.js';

type ReviewAction = Extract<AnalyticsAction, { type: 'record_review' }>;

/** One turn of the conversation around a reviewed answer, as staff see it (the citizen's words masked). */
export interface ReviewTurn {
  from: 'citizen' | 'bot';
  text: string;
  at: number;
}

/** An answer the bot gave that leaned on the conversation (carry-over) or passed its threshold by a small margin. */
export interface ReviewItem {
  id: string;
  at: number;
  reason: ReviewAction['reason'];
  /** What the citizen wrote (masked). */
  text: string;
  intent: string;
  procedureId: string | null;
  aspect: string | null;
  confidence: number;
  /** Short one-way hash of the user, as in the other analytics records. */
  user: string;
  /** The conversation around the answer, while it is still kept (see ConversationWindow). */
  before: ReviewTurn[];
  after: ReviewTurn[];
}

/** Where the conversation around an answer comes from: the recent turns kept for staff (masked). */
export interface ConversationWindow {
  around(userId: string, at: number, turns: { before: number; after: number }): Promise<{ before: ReviewTurn[]; after: ReviewTurn[] }>;
}

const LIST = 'an:review';
const DISMISSED = 'an:review:dismissed';
/** Who a review item was about, kept only as long as their conversation is (to show it around the answer). */
const whoKey = (id: string) => `an:review:who:${id}`;
const MAX_ITEMS = 2000;
const WHO_TTL_MS = 24 * 3600 * 1000;
/** Turns shown before and after the reviewed answer. */
const CONTEXT = { before: 2, after: 2 };
const TEXT_CHARS = 500;

/** The review list of the unanswered-questions page: kept in a capped store list, newest first. */
export class ReviewList {
  constructor(
    private readonly store: Store,
    /** Masks ID numbers, phones and addresses in what citizens wrote. */
    private readonly mask: (text: string) => string,
    private readonly window?: ConversationWindow,
  ) {}

  async record(action: ReviewAction, ctx: { userId: string; at: number; user: string }): Promise<void> {
    const id = randomUUID();
    const item: Omit<ReviewItem, 'before' | 'after'> = {
      id,
      at: ctx.at,
      reason: action.reason,
      text: Array.from(this.mask(action.text)).slice(0, TEXT_CHARS).join(''),
      intent: action.intent,
      procedureId: action.procedureId,
      aspect: action.aspect,
      confidence: action.confidence,
      user: ctx.user,
    };
    await this.store.lpushCapped(LIST, JSON.stringify(item), MAX_ITEMS);
    if (this.window) await this.store.set(whoKey(id), ctx.userId, { ttlMs: WHO_TTL_MS });
  }

  /** The most recent items not dismissed, each with the conversation around it while that is still kept. */
  async list(limit = 100): Promise<ReviewItem[]> {
    const dismissed = new Set(await this.store.smembers(DISMISSED));
    const out: ReviewItem[] = [];
    for (const raw of await this.store.lrange(LIST, 0, MAX_ITEMS - 1)) {
      if (out.length >= limit) break;
      const item = JSON.parse(raw) as Omit<ReviewItem, 'before' | 'after'>;
      if (dismissed.has(item.id)) continue;
      out.push({ ...item, text: this.mask(item.text), ...(await this.context(item)) });
    }
    return out;
  }

  private async context(item: Pick<ReviewItem, 'id' | 'at'>): Promise<{ before: ReviewTurn[]; after: ReviewTurn[] }> {
    const userId = this.window ? await this.store.get(whoKey(item.id)) : null;
    if (!this.window || !userId) return { before: [], after: [] };
    return this.window.around(userId, item.at, CONTEXT);
  }

  /** Hides an item once staff have looked at it. */
  async dismiss(id: string): Promise<void> {
    await this.store.sadd(DISMISSED, id);
    await this.store.del(whoKey(id));
  }
}
