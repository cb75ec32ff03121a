import { createHash } from 'node:crypto';
import type { AnalyticsAction, AnalyticsSink } from '../bot/ports.js';
import { foldDiacritics, normaliseText } from '../nlu/normalise.js';
import { maskPersonalData } from '../nlu/personal-data.js';
import type { Store } from '../store/ports.js';
import { ReviewList, type ConversationWindow } from './review-list.js';

/** One message the bot could not answer (fallback or clarification), or an answer rated "not helpful". */
export interface UnansweredRecord {
  at: number;
  kind: 'fallback' | 'clarify' | 'feedback_down';
  /** What the citizen wrote; for feedback, the question the rated answer replied to (null when unknown). */
  text: string | null;
  candidates: string[];
  procedureId?: string | null;
  /** Short one-way hash of the user: counts distinct people without keeping their id. */
  user: string;
}

export interface UnansweredGroup {
  /** Stable key of the group (its first message, normalised). */
  key: string;
  kind: UnansweredRecord['kind'];
  /** The most frequent wording, shown as the group's title. */
  text: string | null;
  procedureId: string | null;
  count: number;
  users: number;
  firstAt: number;
  lastAt: number;
  examples: string[];
  candidates: string[];
}

export interface DayStats {
  date: string;
  messages: number;
  answer: number;
  clarify: number;
  fallback: number;
  lookups: number;
  feedbackUp: number;
  feedbackDown: number;
}

export interface AnalyticsSummary {
  days: DayStats[];
  totals: Omit<DayStats, 'date'>;
  rates: { answer: number; clarify: number; fallback: number; helpful: number | null };
  topProcedures: { procedureId: string; count: number }[];
}

const UNANSWERED = 'an:unanswered';
const RESOLVED = 'an:unanswered:resolved';
const MAX_UNANSWERED = 5000;
/** Day buckets live long enough for a quarter's report. */
const DAY_TTL_MS = 120 * 86_400_000;
const SIMILAR = 0.6;

const dayKey = (date: string) => `an:day:${date}`;
const procKey = (date: string) => `an:proc:${date}`;

/** Calendar date in Vietnam time (UTC+7, no daylight saving), the day the centre counts in. */
export function vnDate(at: number): string {
  return new Date(at + 7 * 3600_000).toISOString().slice(0, 10);
}

function userHash(userId: string): string {
  return createHash('sha256').update(`an\0${userId}`).digest('hex').slice(0, 12);
}

/** Folded, punctuation-free form of a message: the unit of similarity and of "resolved". */
export function groupKeyOf(text: string): string {
  return foldDiacritics(normaliseText(text));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * The AnalyticsSink of the bot: daily counters and top procedures in store hashes, unanswered messages in a
 * capped list. Read by the console's Analytics and Unanswered pages.
 */
export class StoreAnalytics implements AnalyticsSink {
  /** Answers that leaned on the conversation or barely passed, for staff to check. */
  readonly review: ReviewList;

  constructor(
    private readonly store: Store,
    opts: { mask?: (text: string) => string; conversation?: ConversationWindow } = {},
  ) {
    this.review = new ReviewList(store, opts.mask ?? maskPersonalData, opts.conversation);
  }

  private async bump(date: string, field: keyof Omit<DayStats, 'date'>): Promise<void> {
    const key = dayKey(date);
    await this.store.hincrBy(key, field, 1);
    await this.store.expire(key, DAY_TTL_MS);
  }

  async record(action: AnalyticsAction, ctx: { userId: string; at: number }): Promise<void> {
    const date = vnDate(ctx.at);
    switch (action.type) {
      case 'record_answer':
        await this.bump(date, 'messages');
        await this.bump(date, action.decision);
        if (action.decision === 'answer' && action.procedureId) {
          await this.store.hincrBy(procKey(date), action.procedureId, 1);
          await this.store.expire(procKey(date), DAY_TTL_MS);
        }
        return;
      case 'record_unanswered':
        await this.pushUnanswered({ at: ctx.at, kind: action.decision, text: maskPersonalData(action.text).slice(0, 500), candidates: action.candidates.slice(0, 3), user: userHash(ctx.userId) });
        return;
      case 'record_review':
        await this.review.record(action, { userId: ctx.userId, at: ctx.at, user: userHash(ctx.userId) });
        return;
      case 'feedback':
        await this.bump(date, action.helpful ? 'feedbackUp' : 'feedbackDown');
        if (!action.helpful) {
          const text = action.text == null ? null : maskPersonalData(action.text).slice(0, 500);
          await this.pushUnanswered({ at: ctx.at, kind: 'feedback_down', text, candidates: [], procedureId: action.procedureId, user: userHash(ctx.userId) });
        }
        return;
    }
  }

  async recordDossierLookup(ctx: { userId: string; at: number }): Promise<void> {
    await this.bump(vnDate(ctx.at), 'lookups');
  }

  private async pushUnanswered(r: UnansweredRecord): Promise<void> {
    await this.store.lpushCapped(UNANSWERED, JSON.stringify(r), MAX_UNANSWERED);
  }

  async summary(days = 30, now = Date.now()): Promise<AnalyticsSummary> {
    const out: DayStats[] = [];
    const procCounts = new Map<string, number>();
    for (let i = days - 1; i >= 0; i--) {
      const date = vnDate(now - i * 86_400_000);
      const h = await this.store.hgetall(dayKey(date));
      const n = (f: string) => Number(h[f] ?? 0);
      out.push({ date, messages: n('messages'), answer: n('answer'), clarify: n('clarify'), fallback: n('fallback'), lookups: n('lookups'), feedbackUp: n('feedbackUp'), feedbackDown: n('feedbackDown') });
      for (const [id, c] of Object.entries(await this.store.hgetall(procKey(date)))) procCounts.set(id, (procCounts.get(id) ?? 0) + Number(c));
    }
    const totals = out.reduce(
      (t, d) => ({ messages: t.messages + d.messages, answer: t.answer + d.answer, clarify: t.clarify + d.clarify, fallback: t.fallback + d.fallback, lookups: t.lookups + d.lookups, feedbackUp: t.feedbackUp + d.feedbackUp, feedbackDown: t.feedbackDown + d.feedbackDown }),
      { messages: 0, answer: 0, clarify: 0, fallback: 0, lookups: 0, feedbackUp: 0, feedbackDown: 0 },
    );
    const rate = (x: number) => (totals.messages ? Math.round((x / totals.messages) * 1000) / 1000 : 0);
    const fb = totals.feedbackUp + totals.feedbackDown;
    return {
      days: out,
      totals,
      rates: { answer: rate(totals.answer), clarify: rate(totals.clarify), fallback: rate(totals.fallback), helpful: fb ? Math.round((totals.feedbackUp / fb) * 1000) / 1000 : null },
      topProcedures: [...procCounts.entries()]
        .map(([procedureId, count]) => ({ procedureId, count }))
        .sort((a, b) => b.count - a.count || a.procedureId.localeCompare(b.procedureId))
        .slice(0, 10),
    };
  }

  /**
   * Unanswered messages grouped by similarity: same folded words (Jaccard ≥ 0.6) are one group; "not helpful"
   * feedback groups by procedure. Groups marked resolved (added as a phrasing) are left out.
   */
  async unanswered(limit = 100): Promise<UnansweredGroup[]> {
    const raw = await this.store.lrange(UNANSWERED, 0, MAX_UNANSWERED - 1);
    // A resolved group hides similar messages received up to the moment it was resolved.
    const resolved = Object.entries(await this.store.hgetall(RESOLVED)).map(([k, at]) => ({ key: k, words: new Set(k.split(' ')), at: Number(at) }));
    const isResolved = (key: string, words: Set<string>, at: number) =>
      resolved.some((x) => at <= x.at && (x.key === key || (!key.startsWith('#fb:') && !x.key.startsWith('#fb:') && jaccard(x.words, words) >= SIMILAR)));
    const groups: (UnansweredGroup & { words: Set<string>; wordings: Map<string, number>; userSet: Set<string> })[] = [];
    for (const line of raw) {
      const r = JSON.parse(line) as UnansweredRecord;
      // Records kept before texts were masked on the way in are masked on the way out.
      if (r.text !== null) r.text = maskPersonalData(r.text);
      const key = r.text === null ? `#fb:${r.procedureId ?? ''}` : groupKeyOf(r.text);
      const words = new Set(key.split(' '));
      if (!key || isResolved(key, words, r.at)) continue;
      const feedback = r.kind === 'feedback_down';
      let g = groups.find((x) => (feedback || x.kind === 'feedback_down' ? x.key === key : jaccard(x.words, words) >= SIMILAR));
      if (!g) {
        g = { key, kind: r.kind, text: r.text, procedureId: r.procedureId ?? null, count: 0, users: 0, firstAt: r.at, lastAt: r.at, examples: [], candidates: [], words, wordings: new Map(), userSet: new Set() };
        groups.push(g);
      }
      g.count++;
      g.userSet.add(r.user);
      g.firstAt = Math.min(g.firstAt, r.at);
      g.lastAt = Math.max(g.lastAt, r.at);
      if (r.kind === 'fallback') g.kind = 'fallback';
      if (r.text !== null) g.wordings.set(r.text, (g.wordings.get(r.text) ?? 0) + 1);
      for (const c of r.candidates) if (!g.candidates.includes(c) && g.candidates.length < 3) g.candidates.push(c);
    }
    return groups
      .map(({ words: _w, wordings, userSet, ...g }) => {
        const ranked = [...wordings.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
        return { ...g, text: ranked[0] ?? g.text, examples: ranked.slice(0, 5), users: userSet.size };
      })
      .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
      .slice(0, limit);
  }

  /** Hides a group from the view (e.g. once one of its messages became a phrasing). */
  async resolve(keyOrText: string, at = Date.now()): Promise<void> {
    const key = keyOrText.startsWith('#fb:') ? keyOrText : groupKeyOf(keyOrText);
    if (key) await this.store.hset(RESOLVED, { [key]: String(at) });
  }
}
