import type { Store } from '../store/ports.js';
import {
  COMPLAINT_STATUSES,
  MAX_PART_CHARS,
  MAX_PARTS,
  formatReference,
  referenceDay,
  WITHDRAWN_USER_ID,
  type Complaint,
  type ComplaintEvent,
  type ComplaintStatus,
} from './complaint.js';

/**
 * Complaints in the store. The record (`complaint:<ref>`) is the truth; sorted sets index it for the staff
 * queue (all, per status, per citizen). Filing is idempotent per webhook event, so a retried job finds the
 * complaint it already stored instead of filing a second one.
 */

const key = (ref: string) => `complaint:${ref}`;
const byEvent = (identity: string) => `complaint:event:${identity}`;
const seqKey = (day: string) => `complaint:seq:${day}`;
const ALL = 'complaints:all';
const statusIndex = (s: ComplaintStatus) => `complaints:status:${s}`;
const userIndex = (userId: string) => `complaints:user:${userId}`;
/** The complaint a citizen was just asked to share a phone for. */
const awaitingContact = (userId: string) => `complaint:awaiting-contact:${userId}`;

const EVENT_MARK_TTL_MS = 7 * 24 * 3600 * 1000;
const SEQ_TTL_MS = 3 * 24 * 3600 * 1000;
/** How long a shared phone is matched to the complaint that asked for it. */
export const CONTACT_WINDOW_MS = 24 * 3600 * 1000;

export class ComplaintNotFoundError extends Error {
  constructor(ref: string) {
    super(`no complaint ${ref}`);
    this.name = 'ComplaintNotFoundError';
  }
}

export interface ComplaintPage {
  items: Complaint[];
  total: number;
  counts: Record<ComplaintStatus, number>;
}

export class ComplaintStore {
  constructor(private readonly store: Store) {}

  async get(ref: string): Promise<Complaint | null> {
    const raw = await this.store.get(key(ref));
    return raw ? (JSON.parse(raw) as Complaint) : null;
  }

  async require(ref: string): Promise<Complaint> {
    const c = await this.get(ref);
    if (!c) throw new ComplaintNotFoundError(ref);
    return c;
  }

  /** Newest first: the indexes score by -createdAt so an ascending range reads newest first. */
  private async index(c: Complaint): Promise<void> {
    await this.store.zadd(ALL, -c.createdAt, c.ref);
    await this.store.zadd(userIndex(c.userId), -c.createdAt, c.ref);
    for (const s of COMPLAINT_STATUSES) if (s !== c.status) await this.store.zrem(statusIndex(s), c.ref);
    await this.store.zadd(statusIndex(c.status), -c.createdAt, c.ref);
  }

  private async write(c: Complaint): Promise<void> {
    await this.store.set(key(c.ref), JSON.stringify(c));
    await this.index(c);
  }

  /**
   * Stores a new complaint for the event `identity` and returns it; a second call for the same event returns
   * the complaint the first one stored (and repairs its indexes if the first call stopped half-way).
   */
  async file(input: { identity: string; userId: string; text: string; language: 'vi' | 'en'; at: number }): Promise<Complaint> {
    const day = referenceDay(input.at);
    const candidate = formatReference(day, await this.store.incrBy(seqKey(day), 1, SEQ_TTL_MS));
    const claimed = await this.store.setIfAbsent(byEvent(input.identity), candidate, EVENT_MARK_TTL_MS);
    const ref = claimed ? candidate : ((await this.store.get(byEvent(input.identity))) ?? candidate);
    const complaint: Complaint = {
      ref,
      userId: input.userId,
      language: input.language,
      parts: [{ at: input.at, text: input.text.slice(0, MAX_PART_CHARS) }],
      status: 'new',
      createdAt: input.at,
      updatedAt: input.at,
      history: [{ at: input.at, by: 'citizen', action: 'filed' }],
    };
    const created = await this.store.setIfAbsent(key(ref), JSON.stringify(complaint));
    const stored = created ? complaint : await this.require(ref);
    await this.index(stored);
    await this.store.set(awaitingContact(input.userId), ref, { ttlMs: CONTACT_WINDOW_MS });
    return stored;
  }

  /** Appends what the citizen added; idempotent per event. Null when the complaint is gone or full. */
  async append(ref: string, input: { identity: string; userId: string; text: string; at: number }): Promise<Complaint | null> {
    const c = await this.get(ref);
    if (!c || c.userId !== input.userId) return null;
    if (!(await this.store.setIfAbsent(byEvent(input.identity), ref, EVENT_MARK_TTL_MS))) return c;
    if (c.parts.length >= MAX_PARTS) return null;
    c.parts.push({ at: input.at, text: input.text.slice(0, MAX_PART_CHARS) });
    c.history.push({ at: input.at, by: 'citizen', action: 'added' });
    c.updatedAt = input.at;
    await this.write(c);
    return c;
  }

  /** Attaches a phone the citizen shared to the complaint that asked for it; null when none is waiting. */
  async attachContact(userId: string, contact: { phone?: string; name?: string }, at: number): Promise<Complaint | null> {
    const ref = await this.store.get(awaitingContact(userId));
    if (!ref) return null;
    const c = await this.get(ref);
    if (!c || c.userId !== userId) return null;
    c.contact = { ...contact, at };
    c.history.push({ at, by: 'citizen', action: 'contact' });
    c.updatedAt = at;
    await this.write(c);
    await this.store.del(awaitingContact(userId));
    return c;
  }

  async setStatus(ref: string, status: ComplaintStatus, by: string, at = Date.now()): Promise<Complaint> {
    const c = await this.require(ref);
    if (c.status === status) return c;
    c.history.push({ at, by, action: 'status', from: c.status, to: status });
    c.status = status;
    c.updatedAt = at;
    await this.write(c);
    return c;
  }

  async recordAnswer(ref: string, text: string, by: string, at = Date.now()): Promise<Complaint> {
    const c = await this.require(ref);
    c.history.push({ at, by, action: 'answer', from: c.status, to: 'answered' });
    c.answer = { text, by, at };
    c.status = 'answered';
    c.updatedAt = at;
    await this.write(c);
    return c;
  }

  async recordEvent(ref: string, event: ComplaintEvent): Promise<Complaint> {
    const c = await this.require(ref);
    c.history.push(event);
    c.updatedAt = event.at;
    await this.write(c);
    return c;
  }

  /** The staff queue, newest first, optionally one status; counts per status for the tabs. */
  async list(opts: { status?: ComplaintStatus; limit: number; offset: number }): Promise<ComplaintPage> {
    const index = opts.status ? statusIndex(opts.status) : ALL;
    const entries = await this.store.zrangeByScore(index, -Number.MAX_SAFE_INTEGER, 0, opts.offset + opts.limit);
    const items: Complaint[] = [];
    for (const { member } of entries.slice(opts.offset)) {
      const c = await this.get(member);
      // The record is the truth: an index entry left behind by an interrupted change is skipped.
      if (c && (!opts.status || c.status === opts.status)) items.push(c);
    }
    const counts = Object.fromEntries(await Promise.all(COMPLAINT_STATUSES.map(async (s) => [s, await this.store.zcard(statusIndex(s))]))) as Record<ComplaintStatus, number>;
    return { items, total: await this.store.zcard(index), counts };
  }

  /** A citizen's data-deletion request: contact details and the link to their Zalo id are removed. */
  async forgetUser(userId: string, at = Date.now()): Promise<number> {
    const refs = await this.store.zrangeByScore(userIndex(userId), -Number.MAX_SAFE_INTEGER, 0);
    for (const { member } of refs) {
      const c = await this.get(member);
      if (!c) continue;
      delete c.contact;
      c.userId = WITHDRAWN_USER_ID;
      c.history.push({ at, by: 'system', action: 'withdrawn' });
      c.updatedAt = at;
      await this.store.set(key(c.ref), JSON.stringify(c));
    }
    await this.store.del(userIndex(userId), awaitingContact(userId));
    return refs.length;
  }
}
