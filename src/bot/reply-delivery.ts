import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Reply } from '../dialogue/types.js';
import { maskId } from '../observability/logger.js';
import { claimStamp, parseClaim, type Claim } from '../store/claim-marks.js';
import { StoreUnavailableError, type Store } from '../store/ports.js';
import { sendMayHaveLanded } from '../zalo/client.js';
import type { ConversationMessage } from '../zalo/conversation.js';
import { ZaloApiError, ZaloTokenRefreshError, isRetryLater } from '../zalo/errors.js';
import type { WireMessage } from '../zalo/messages.js';

/**
 * Replies reach the citizen once each, in order, and wait rather than vanish when Zalo cannot take them.
 *
 * - Every part of a reply (Zalo takes 2,000 characters per message, so a long reply is several) has its own
 *   once-only mark (store/claim-marks.ts, as announcements have): claimed before the send, settled after. A
 *   retry skips settled parts, so part 1 is never sent again because part 2 failed, and a Redis hiccup after
 *   a send cannot make the retry send it again.
 * - A claim left behind (the process died mid-send, or the send timed out) is checked against the
 *   conversation history before the part is sent again: found → settled as sent; absent → sent.
 * - A part that fails for a reason that passes (network, 5xx, rate limit, the token) waits with the rest of
 *   its reply in a bounded retry queue on the store and is tried again with backoff, in the user's turn on the
 *   event queue; the user's later replies queue behind it, so order holds. Out-of-window (-230) and other
 *   permanent refusals are recorded on the mark and counted, not retried.
 */

/** What sending needs from the Zalo client. */
export interface PartSender {
  partsOf(reply: Reply): WireMessage[];
  sendPart(userId: string, message: WireMessage): Promise<{ messageId: string }>;
}

/** The conversation history (zalo/conversation.ts). */
export interface SentHistory {
  sentSince(userId: string, sinceMs: number): Promise<ConversationMessage[]>;
}

/** Who claimed: this process's id, and whether another claimer is still alive (store/instance-liveness.ts). */
export interface ClaimOwner {
  readonly id: string;
  isAlive(id: string): Promise<boolean>;
}

/** A job on the event queue that retries a user's waiting replies, in that user's turn. */
export interface ReplyRetryJob {
  kind: 'reply-retry';
  userId: string;
  identity: string;
  acceptedAt: number;
}

export const isReplyRetryJob = (job: object): job is ReplyRetryJob => (job as { kind?: unknown }).kind === 'reply-retry';

export interface ReplyDeliveryOptions {
  /** REPLY_RETRY_MAX: replies waiting at most; past it the oldest is dropped (counted and logged). */
  maxWaiting: number;
  /** First retry delay; doubles per failed retry up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long a reply's marks are kept (longer than an event job can be run again). */
  marksTtlMs?: number;
  now?: () => number;
}

interface Part {
  /** `<reply index>.<part index>` within the event. */
  field: string;
  message: WireMessage;
}

/** What a failed send leaves: the rest of the reply, and why. */
interface Left {
  reply: WaitingReply;
  reason: string;
}

interface WaitingReply {
  identity: string;
  parts: Part[];
  waitingSince: number;
  /** Set when the first part's send may have happened (claimed at this time): ask the history before sending it. */
  uncertainSince?: number;
}

const MARKS_TTL_MS = 2 * 3600 * 1000;
/** Zalo's clock and ours are taken to agree within this (NTP); a history entry this much before the claim still counts. */
const CLOCK_SLACK_MS = 2000;
/** Tries to record a sent part while the store is down (about 5 s); after that the in-memory record serves the retry. */
const SETTLE_TRIES = 8;
const REMEMBERED_SENDS = 10_000;

const KEYS = {
  marks: (identity: string) => `reply:${identity}`,
  waiting: (userId: string) => `replies:waiting:${userId}`,
  /** Every waiting reply, "<user> <seq>" by the time it started waiting: the depth, and the oldest to drop. */
  index: 'replies:waiting',
  /** User → when their waiting replies are tried next. */
  due: 'replies:due',
  tries: 'replies:tries',
  seq: 'replies:waiting:seq',
};

/**
 * A failure that passes (a broken token chain, a failed refresh, the network, 5xx, rate limit, a rejected token):
 * the reply waits and is tried again.
 */
export function waitsForRetry(err: unknown): boolean {
  if (isRetryLater(err) || err instanceof ZaloTokenRefreshError) return true;
  return err instanceof ZaloApiError && (err.kind === 'transient' || err.kind === 'token');
}

/** Another live process is sending this part right now: the job tries again shortly. */
export class ReplyInFlightError extends Error {
  constructor() {
    super('a reply part of this event is being sent by another run; trying again shortly');
    this.name = 'ReplyInFlightError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ReplyDelivery {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly marksTtlMs: number;
  /** Parts being sent by this process (claim key + field). */
  private readonly inFlight = new Set<string>();
  /** Parts this process sent but could not settle yet (the store was down): settled from here on the retry. */
  private readonly sentHere = new Map<string, string>();
  private readonly waitingFor?: Counter<'reason'>;
  private readonly undelivered?: Counter<'reason'>;
  private readonly reconciled?: Counter<'result'>;
  private readonly dropped?: Counter;
  private pump?: NodeJS.Timeout;
  private readonly sentListeners: ((userId: string, message: WireMessage) => Promise<void>)[] = [];

  constructor(
    private readonly deps: {
      store: Store;
      sender: PartSender;
      owner: ClaimOwner;
      logger: Logger;
      history?: SentHistory;
      registry?: Registry;
      /** Called per part Zalo accepted (metrics, reply window). */
      onSent?: (userId: string) => Promise<void>;
    },
    private readonly opts: ReplyDeliveryOptions,
  ) {
    this.log = deps.logger.child({ module: 'reply-delivery' });
    this.now = opts.now ?? Date.now;
    this.backoffMs = opts.backoffMs ?? 5000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 120_000;
    this.marksTtlMs = opts.marksTtlMs ?? MARKS_TTL_MS;
    const registers = deps.registry ? [deps.registry] : undefined;
    if (registers) {
      const store = deps.store;
      new Gauge({
        name: 'bot_reply_retry_depth',
        help: 'Replies waiting in the retry queue (Zalo could not take them yet)',
        registers,
        async collect() {
          this.set(await store.zcard(KEYS.index).catch(() => 0));
        },
      });
      this.waitingFor = new Counter({ name: 'bot_reply_retry_queued_total', help: 'Replies put in the retry queue, by why', labelNames: ['reason'] as const, registers });
      this.dropped = new Counter({ name: 'bot_reply_retry_dropped_total', help: 'Waiting replies dropped because the retry queue was full (oldest first)', registers });
      this.undelivered = new Counter({ name: 'bot_replies_undelivered_total', help: 'Reply parts Zalo refused for good (recorded, not retried), by code', labelNames: ['reason'] as const, registers });
      this.reconciled = new Counter({ name: 'bot_reply_reconciled_total', help: 'Interrupted sends checked against the conversation history, by result', labelNames: ['result'] as const, registers });
    }
  }

  /** Also told of every part Zalo accepted (e.g. the transcript staff see on hand-off), whenever it goes out. */
  whenSent(listener: (userId: string, message: WireMessage) => Promise<void>): void {
    this.sentListeners.push(listener);
  }

  /** Sends this event's replies, each part once, after any replies still waiting for this user. */
  async deliver(identity: string, userId: string, replies: Reply[]): Promise<void> {
    const parts = replies.flatMap((reply, i) => this.deps.sender.partsOf(reply).map((message, j) => ({ field: `${i}.${j}`, message })));
    if (parts.length === 0) return;
    if ((await this.deps.store.exists(KEYS.waiting(userId))) && !(await this.retry(userId))) {
      return this.wait(userId, { identity, parts, waitingSince: this.now() }, 'behind');
    }
    const left = await this.sendParts(identity, userId, parts);
    if (left) await this.wait(userId, left.reply, left.reason);
  }

  /** Tries the user's waiting replies, oldest first; true when none is left. Run in the user's turn only. */
  async retry(userId: string): Promise<boolean> {
    const waiting = Object.entries(await this.deps.store.hgetall(KEYS.waiting(userId))).sort(([a], [b]) => a.localeCompare(b));
    for (const [seq, raw] of waiting) {
      let item: WaitingReply;
      try {
        item = JSON.parse(raw) as WaitingReply;
      } catch {
        this.log.error({ user: maskId(userId) }, 'unreadable waiting reply dropped');
        await this.forget(userId, seq);
        continue;
      }
      const left = await this.sendParts(item.identity, userId, item.parts, item.uncertainSince);
      if (left) {
        await this.deps.store.hset(KEYS.waiting(userId), { [seq]: JSON.stringify({ ...left.reply, waitingSince: item.waitingSince }) });
        const tries = await this.deps.store.hincrBy(KEYS.tries, userId, 1);
        await this.deps.store.zadd(KEYS.due, this.now() + this.backoff(tries + 1), userId);
        return false;
      }
      await this.forget(userId, seq);
    }
    await this.deps.store.zrem(KEYS.due, userId);
    await this.deps.store.hdel(KEYS.tries, userId);
    return true;
  }

  /** Replies waiting in the retry queue, all users together. */
  depth(): Promise<number> {
    return this.deps.store.zcard(KEYS.index);
  }

  /**
   * Every `everyMs`, hands the users whose waiting replies are due to `enqueue` (which queues a ReplyRetryJob in
   * the user's turn). Every instance may run it: the job id (user, due time, minute) makes another copy within
   * the minute a no-op, and a retry job that failed for good is replaced the next minute.
   */
  startRetries(enqueue: (job: ReplyRetryJob, id: string) => Promise<void>, everyMs = 1000): void {
    const tick = async () => {
      const now = this.now();
      const due = await this.deps.store.zrangeByScore(KEYS.due, -Infinity, now, 200);
      for (const { member: userId, score } of due) {
        const id = `reply-retry:${userId}:${score}:${Math.floor(now / 60_000)}`;
        await enqueue({ kind: 'reply-retry', userId, identity: id, acceptedAt: this.now() }, id);
      }
    };
    let failing = false;
    const loop = () => {
      this.pump = setTimeout(() => {
        tick()
          .then(() => void (failing = false))
          .catch((err: Error) => {
            // Once per outage at warn: the store being down is logged loudly elsewhere.
            this.log[failing ? 'debug' : 'warn']({ err: err.message }, 'reply retry queue: could not look for due replies');
            failing = true;
          })
          .finally(() => {
            if (this.pump) loop();
          });
      }, everyMs);
    };
    loop();
  }

  stopRetries(): void {
    clearTimeout(this.pump);
    this.pump = undefined;
  }

  private backoff(tries: number): number {
    return Math.min(this.maxBackoffMs, this.backoffMs * 2 ** Math.max(0, tries - 1));
  }

  private async forget(userId: string, seq: string): Promise<void> {
    await this.deps.store.hdel(KEYS.waiting(userId), seq);
    await this.deps.store.zrem(KEYS.index, `${userId} ${seq}`);
  }

  private async wait(userId: string, reply: WaitingReply, reason: string): Promise<void> {
    // Due first: a crash after it and before the item leaves a due user with nothing waiting, which a retry clears.
    // A broken token chain's own back-off is not waited for: an OA admin may heal it any time, and a try meanwhile
    // fails fast without calling OAuth.
    if ((await this.deps.store.zscore(KEYS.due, userId)) === null) await this.deps.store.zadd(KEYS.due, this.now() + this.backoff(1), userId);
    const seq = String(await this.deps.store.incrBy(KEYS.seq, 1)).padStart(12, '0');
    await this.deps.store.hset(KEYS.waiting(userId), { [seq]: JSON.stringify(reply) });
    await this.deps.store.zadd(KEYS.index, reply.waitingSince, `${userId} ${seq}`);
    this.waitingFor?.inc({ reason });
    this.log.info({ user: maskId(userId), parts: reply.parts.length, reason }, 'reply waits in the retry queue');
    await this.enforceBound();
  }

  private async enforceBound(): Promise<void> {
    const over = (await this.deps.store.zcard(KEYS.index)) - this.opts.maxWaiting;
    if (over <= 0) return;
    const oldest = await this.deps.store.zrangeByScore(KEYS.index, -Infinity, Infinity, over);
    for (const { member } of oldest) {
      const [userId, seq] = member.split(' ');
      await this.forget(userId!, seq!);
    }
    this.dropped?.inc(oldest.length);
    this.log.warn({ dropped: oldest.length, bound: this.opts.maxWaiting }, 'reply retry queue full (REPLY_RETRY_MAX): the oldest waiting replies were dropped');
  }

  /**
   * Sends the parts in order, each under its claim. Returns what is left to wait when a part failed for a
   * reason that passes; null when every part is settled (sent, or refused for good and recorded).
   */
  private async sendParts(identity: string, userId: string, parts: Part[], uncertainSince?: number): Promise<Left | null> {
    const key = KEYS.marks(identity);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      const rest = (reason: string, since?: number): Left => ({
        reply: { identity, parts: parts.slice(k), waitingSince: this.now(), ...(since === undefined ? {} : { uncertainSince: since }) },
        reason,
      });
      // Each part is claimed just before its own send, so a failure leaves the parts after it unclaimed.
      const claimedAt = this.now();
      const [raw] = await this.deps.store.claimFields(key, claimStamp(claimedAt, this.deps.owner.id), this.marksTtlMs, [part.field]);
      const before = this.earlierAttempt(parseClaim(raw ?? null), k === 0 ? uncertainSince : undefined);
      if (before === 'settled') continue;
      if (before !== null) {
        const found = await this.whatHappened(key, part, userId, before);
        if (found === 'sent') continue;
        if (found === 'unknown') return rest('uncertain', before.since);
      }
      let messageId: string;
      const id = `${key} ${part.field}`;
      this.inFlight.add(id);
      try {
        ({ messageId } = await this.deps.sender.sendPart(userId, part.message));
      } catch (err) {
        if (waitsForRetry(err)) {
          const landed = err instanceof ZaloApiError && sendMayHaveLanded(err);
          if (!landed) await this.deps.store.releaseField(key, part.field);
          this.log.warn({ user: maskId(userId), code: (err as ZaloApiError).label, uncertain: landed }, 'reply part not sent now: it waits and is tried again');
          return rest(landed ? 'uncertain' : (err as ZaloApiError).label, landed ? claimedAt : undefined);
        }
        if (err instanceof ZaloApiError) {
          await this.deps.store.settleField(key, part.field, `f:${err.label}`, this.marksTtlMs);
          this.undelivered?.inc({ reason: err.label });
          this.log.warn({ user: maskId(userId), code: err.code, kind: err.kind, partsNotSent: parts.length - k }, 'reply not delivered: Zalo refused it (recorded, not retried)');
          return null;
        }
        await this.deps.store.releaseField(key, part.field).catch(() => undefined);
        throw err;
      } finally {
        this.inFlight.delete(id);
      }
      await this.settleSent(key, part.field, messageId);
      await this.deps.onSent?.(userId);
      for (const listener of this.sentListeners) await listener(userId, part.message);
    }
    return null;
  }

  /** What an earlier attempt left on this part: 'settled', nothing (null), or a claim whose outcome is unknown. */
  private earlierAttempt(claim: Claim, uncertainSince?: number): 'settled' | { since: number; owner?: string } | null {
    if (claim.state === 'settled') return 'settled';
    if (claim.state === 'pending') return { since: claim.since, owner: claim.owner };
    // A part that waited after an uncertain send may have outlived its marks: its record says to ask first.
    return uncertainSince === undefined ? null : { since: uncertainSince };
  }

  /** For a claim left by an earlier attempt: 'sent' (settled now), 'absent' (send it) or 'unknown' (cannot tell yet). */
  private async whatHappened(key: string, part: Part, userId: string, claim: { since: number; owner?: string }): Promise<'sent' | 'absent' | 'unknown'> {
    const id = `${key} ${part.field}`;
    const local = this.sentHere.get(id);
    if (local !== undefined) {
      await this.settleSent(key, part.field, local);
      return 'sent';
    }
    if (this.inFlight.has(id) || (claim.owner && claim.owner !== this.deps.owner.id && (await this.deps.owner.isAlive(claim.owner)))) throw new ReplyInFlightError();
    if (!this.deps.history) {
      this.reconciled?.inc({ result: 'no_history' });
      return 'unknown';
    }
    let recent: ConversationMessage[];
    try {
      recent = await this.deps.history.sentSince(userId, claim.since - CLOCK_SLACK_MS);
    } catch (err) {
      this.reconciled?.inc({ result: 'history_unavailable' });
      this.log.warn({ user: maskId(userId), err: (err as Error).message }, 'conversation history unavailable: the interrupted reply part waits');
      return 'unknown';
    }
    const text = part.message.text;
    const hit = recent.find((m) => (text ? m.text === text : m.type !== 'text'));
    this.reconciled?.inc({ result: hit ? 'found' : 'absent' });
    this.log.info({ user: maskId(userId), found: Boolean(hit) }, 'interrupted reply part checked against the conversation history');
    if (!hit) return 'absent';
    await this.settleSent(key, part.field, hit.messageId || 'reconciled');
    return 'sent';
  }

  /** Records a sent part, insisting while the store is down: the send happened and must not be repeated. */
  private async settleSent(key: string, field: string, messageId: string): Promise<void> {
    const id = `${key} ${field}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deps.store.settleField(key, field, `s:${messageId}`, this.marksTtlMs);
        this.sentHere.delete(id);
        return;
      } catch (err) {
        if (attempt === 1) {
          this.sentHere.set(id, messageId);
          if (this.sentHere.size > REMEMBERED_SENDS) this.sentHere.delete(this.sentHere.keys().next().value!);
        }
        if (!(err instanceof StoreUnavailableError) || attempt >= SETTLE_TRIES) throw err;
        await sleep(Math.min(1000, 100 * 2 ** attempt));
      }
    }
  }
}
