import { vnDate } from '../admin/analytics.js';
import type { Reply } from '../dialogue/types.js';
import type { Store } from '../store/ports.js';
import { NOTICE_CHANNELS, NOTICE_STATES, type ChainStep, type DossierFacts, type DossierNotice, type NoticeChannel, type NoticeState } from './types.js';

/**
 * Every notice as a record the console lists (channel, state, error, the steps of each run), an outbox of
 * notices to run again at a time (retries, night holds, checks), and per-day counts for analytics.
 *
 *   notice:<id>            hash: the record
 *   notices                sorted set of ids scored by -createdAt (ascending = newest first)
 *   notice:outbox          sorted set of ids scored by when to run them again
 *   notice:day:<date>      hash: total, state:<state>, channel:<channel> of notices created that day
 */

export interface NoticeRecord {
  id: string;
  bucket: string;
  userId: string;
  code: string;
  status: string;
  language: DossierNotice['language'];
  final: boolean;
  state: NoticeState;
  channel?: NoticeChannel;
  messageId?: string;
  /** Why it is not sent (yet): the last reason, e.g. `outside_window`, `no_phone`, `zns_night`, `transient`. */
  reason?: string;
  /** Zalo's last error code, when there was one. */
  error?: string;
  /** Runs of the chain so far in this attempt; a console retry starts a new generation. */
  attempts: number;
  generation: number;
  createdAt: number;
  updatedAt: number;
  nextAt?: number;
  /** Every step of every run, oldest first (capped). */
  steps: ChainStep[];
  facts: DossierFacts;
  message: Reply;
}

export interface NoticeQuery {
  state?: NoticeState;
  channel?: NoticeChannel;
  code?: string;
  userId?: string;
  /** Only notices created before this time (paging). */
  before?: number;
  limit: number;
}

export interface NoticeDayCounts {
  date: string;
  total: number;
  states: Record<NoticeState, number>;
  channels: Record<NoticeChannel, number>;
}

const recordKey = (id: string) => `notice:${id}`;
const INDEX = 'notices';
const OUTBOX = 'notice:outbox';
const dayKey = (date: string) => `notice:day:${date}`;
/** Records and their index live a quarter; day counts as long as the analytics days. */
const RECORD_TTL_MS = 90 * 86_400_000;
const DAY_TTL_MS = 120 * 86_400_000;
const MAX_STEPS = 40;
const SCAN_LIMIT = 5000;

function toHash(r: Partial<NoticeRecord>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

function fromHash(h: Record<string, string>): NoticeRecord | null {
  if (!h.id || !h.state) return null;
  const json = <T>(v: string | undefined, d: T): T => (v === undefined ? d : (JSON.parse(v) as T));
  const opt = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  return {
    id: h.id,
    bucket: h.bucket ?? '',
    userId: h.userId ?? '',
    code: h.code ?? '',
    status: h.status ?? '',
    language: h.language === 'en' ? 'en' : 'vi',
    final: h.final === 'true',
    state: h.state as NoticeState,
    channel: opt(h.channel) as NoticeChannel | undefined,
    messageId: opt(h.messageId),
    reason: opt(h.reason),
    error: opt(h.error),
    attempts: Number(h.attempts ?? 0),
    generation: Number(h.generation ?? 0),
    createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt),
    nextAt: h.nextAt ? Number(h.nextAt) : undefined,
    steps: json<ChainStep[]>(h.steps, []),
    facts: json<DossierFacts>(h.facts, { code: h.code ?? '', statusCode: 'khong_ro' }),
    message: json<Reply>(h.message, { text: '', buttons: [] }),
  };
}

export class NoticeRepository {
  constructor(private readonly store: Store) {}

  async create(notice: DossierNotice, now: number): Promise<NoticeRecord> {
    const record: NoticeRecord = {
      id: notice.id,
      bucket: notice.bucket,
      userId: notice.userId,
      code: notice.facts.code,
      status: notice.facts.statusCode,
      language: notice.language,
      final: notice.final,
      state: 'pending',
      attempts: 0,
      generation: 0,
      createdAt: now,
      updatedAt: now,
      steps: [],
      facts: notice.facts,
      message: notice.message,
    };
    await this.store.hset(recordKey(record.id), toHash(record));
    await this.store.expire(recordKey(record.id), RECORD_TTL_MS);
    await this.store.zadd(INDEX, -now, record.id);
    const day = dayKey(vnDate(now));
    await this.store.hincrBy(day, 'total', 1);
    await this.store.hincrBy(day, 'state:pending', 1);
    await this.store.expire(day, DAY_TTL_MS);
    await this.trimIndex(now);
    return record;
  }

  async get(id: string): Promise<NoticeRecord | null> {
    if (!/^[a-z0-9]{1,40}$/.test(id)) return null;
    return fromHash(await this.store.hgetall(recordKey(id)));
  }

  /** Writes a new state (and what goes with it) and moves the day counts from the old state to the new one. */
  async update(before: NoticeRecord, patch: Partial<NoticeRecord> & { newSteps?: ChainStep[] }, now: number): Promise<NoticeRecord> {
    const { newSteps, ...fields } = patch;
    const steps = newSteps ? [...before.steps, ...newSteps].slice(-MAX_STEPS) : before.steps;
    const after: NoticeRecord = { ...before, ...fields, steps, updatedAt: now };
    const clear = (['channel', 'messageId', 'reason', 'error', 'nextAt'] as const).filter((k) => k in patch && patch[k] === undefined);
    await this.store.hset(recordKey(before.id), toHash({ ...fields, steps, updatedAt: now }));
    if (clear.length > 0) await this.store.hdel(recordKey(before.id), ...clear);
    const day = dayKey(vnDate(before.createdAt));
    if (after.state !== before.state) {
      await this.store.hincrBy(day, `state:${before.state}`, -1);
      await this.store.hincrBy(day, `state:${after.state}`, 1);
    }
    if (after.state === 'sent' && before.state !== 'sent' && after.channel) await this.store.hincrBy(day, `channel:${after.channel}`, 1);
    return after;
  }

  /** Newest first, filtered; scans at most SCAN_LIMIT records. */
  async list(q: NoticeQuery): Promise<NoticeRecord[]> {
    const min = q.before === undefined ? Number.NEGATIVE_INFINITY : -q.before + 1;
    const ids = await this.store.zrangeByScore(INDEX, min, Number.POSITIVE_INFINITY, SCAN_LIMIT);
    const out: NoticeRecord[] = [];
    for (const { member } of ids) {
      const r = await this.get(member);
      if (!r) continue;
      if (q.state && r.state !== q.state) continue;
      if (q.channel && r.channel !== q.channel) continue;
      if (q.code && r.code !== q.code) continue;
      if (q.userId && r.userId !== q.userId) continue;
      out.push(r);
      if (out.length >= q.limit) break;
    }
    return out;
  }

  /** Removes index entries of records that expired. */
  private async trimIndex(now: number): Promise<void> {
    const old = await this.store.zrangeByScore(INDEX, -(now - RECORD_TTL_MS) + 1, Number.POSITIVE_INFINITY, 200);
    if (old.length > 0) await this.store.zrem(INDEX, ...old.map((e) => e.member));
  }

  async schedule(id: string, at: number): Promise<void> {
    await this.store.zadd(OUTBOX, at, id);
  }

  async unschedule(id: string): Promise<void> {
    await this.store.zrem(OUTBOX, id);
  }

  async due(now: number, limit: number): Promise<string[]> {
    return (await this.store.zrangeByScore(OUTBOX, Number.NEGATIVE_INFINITY, now, limit)).map((e) => e.member);
  }

  async backlog(): Promise<number> {
    return this.store.zcard(OUTBOX);
  }

  /** Notices of the last `days` Vietnam days, by state and by channel used. */
  async counts(days: number, now: number): Promise<NoticeDayCounts[]> {
    const out: NoticeDayCounts[] = [];
    for (let i = days - 1; i >= 0; i--) {
      const date = vnDate(now - i * 86_400_000);
      const h = await this.store.hgetall(dayKey(date));
      const n = (f: string) => Math.max(0, Number(h[f] ?? 0));
      out.push({
        date,
        total: n('total'),
        states: Object.fromEntries(NOTICE_STATES.map((s) => [s, n(`state:${s}`)])) as Record<NoticeState, number>,
        channels: Object.fromEntries(NOTICE_CHANNELS.map((c) => [c, n(`channel:${c}`)])) as Record<NoticeChannel, number>,
      });
    }
    return out;
  }

  /** Every notice of a user (for a withdrawal of consent): ids only, newest first. */
  async idsOfUser(userId: string): Promise<string[]> {
    return (await this.list({ userId, limit: SCAN_LIMIT })).map((r) => r.id);
  }

  async remove(id: string): Promise<void> {
    await this.store.del(recordKey(id));
    await this.store.zrem(INDEX, id);
    await this.store.zrem(OUTBOX, id);
  }
}
