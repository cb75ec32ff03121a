import { randomBytes } from 'node:crypto';
import type { ReplyButton } from '../dialogue/types.js';
import type { Store } from '../store/ports.js';
import type { Announcement, AnnouncementReport, AnnouncementStatus, Audience } from './types.js';

/**
 * Announcements and their delivery counters as Store hashes. The counters are incremented by the
 * workers of every instance, so the report is the same wherever it is read.
 */

const INDEX_KEY = 'announcements';
// The {id} hash tag keeps every key of one announcement in one Redis Cluster slot (the ledger's scripts need that).
export const annKey = (id: string) => `ann:{${id}}`;
export const errorsKey = (id: string) => `ann:{${id}}:errors`;
export const skipsKey = (id: string) => `ann:{${id}}:skips`;
export const channelsKey = (id: string) => `ann:{${id}}:channels`;
export const marksKey = (id: string) => `ann:{${id}}:marks`;
/** Users whose delivery a crash left uncertain (until the conversation history settles them). */
export const uncertainKey = (id: string) => `ann:{${id}}:uncertain`;

function newId(now: number): string {
  return `a${now.toString(36)}${randomBytes(4).toString('hex')}`;
}

const iso = (v: number | undefined) => (v === undefined ? null : new Date(v).toISOString());
const opt = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

export interface NewAnnouncement {
  title: string;
  text: string;
  buttons: ReplyButton[];
  imageUrl?: string;
  audience: Audience;
  status: AnnouncementStatus;
  sendAt?: number;
  createdBy: string;
}

export class AnnouncementRepository {
  constructor(private readonly store: Store) {}

  async create(input: NewAnnouncement, now: number): Promise<Announcement> {
    const id = newId(now);
    const fields: Record<string, string> = {
      id,
      title: input.title,
      text: input.text,
      buttons: JSON.stringify(input.buttons),
      audience: JSON.stringify(input.audience),
      status: input.status,
      createdAt: String(now),
      createdBy: input.createdBy,
    };
    if (input.imageUrl) fields.imageUrl = input.imageUrl;
    if (input.sendAt !== undefined) fields.sendAt = String(input.sendAt);
    await this.store.hset(annKey(id), fields);
    await this.store.zadd(INDEX_KEY, now, id);
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Announcement | null> {
    if (!/^[a-z0-9]{1,40}$/.test(id)) return null;
    const h = await this.store.hgetall(annKey(id));
    if (!h.status) return null;
    return {
      id,
      title: h.title ?? '',
      text: h.text ?? '',
      buttons: JSON.parse(h.buttons ?? '[]') as ReplyButton[],
      imageUrl: h.imageUrl || undefined,
      audience: JSON.parse(h.audience ?? '{"userIds":[]}') as Audience,
      status: h.status as AnnouncementStatus,
      createdAt: Number(h.createdAt),
      createdBy: h.createdBy ?? '',
      sendAt: opt(h.sendAt),
      startedAt: opt(h.startedAt),
      finishedAt: opt(h.finishedAt),
      cancelledAt: opt(h.cancelledAt),
    };
  }

  async status(id: string): Promise<AnnouncementStatus | null> {
    return (await this.store.hget(annKey(id), 'status')) as AnnouncementStatus | null;
  }

  async update(id: string, fields: Record<string, string>): Promise<void> {
    await this.store.hset(annKey(id), fields);
  }

  async field(id: string, name: string): Promise<string | null> {
    return this.store.hget(annKey(id), name);
  }

  /** Newest first. */
  async list(limit: number): Promise<Announcement[]> {
    const ids = (await this.store.zrangeByScore(INDEX_KEY, -Infinity, Infinity)).map((e) => e.member).reverse().slice(0, limit);
    const out: Announcement[] = [];
    for (const id of ids) {
      const a = await this.get(id);
      if (a) out.push(a);
    }
    return out;
  }

  async report(id: string): Promise<AnnouncementReport | null> {
    const a = await this.get(id);
    if (!a) return null;
    const [h, errors, skips, channels, uncertainUsers] = await Promise.all([
      this.store.hgetall(annKey(id)),
      this.store.hgetall(errorsKey(id)),
      this.store.hgetall(skipsKey(id)),
      this.store.hgetall(channelsKey(id)),
      this.store.smembers(uncertainKey(id)),
    ]);
    const n = (k: string) => Number(h[k] ?? 0);
    const numbers = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
    return {
      id,
      title: a.title,
      status: a.status,
      audience: a.audience,
      createdAt: new Date(a.createdAt).toISOString(),
      createdBy: a.createdBy,
      sendAt: iso(a.sendAt),
      startedAt: iso(a.startedAt),
      finishedAt: iso(a.finishedAt),
      cancelledAt: iso(a.cancelledAt),
      total: h.total === undefined ? null : Number(h.total),
      enqueued: n('enqueued'),
      sent: n('sent'),
      failed: n('failed'),
      skipped: n('skipped'),
      cancelled: n('cancelled'),
      uncertain: n('uncertain'),
      uncertainUsers: uncertainUsers.sort().slice(0, 100),
      reconcile: h.reconcileState
        ? { state: h.reconcileState as NonNullable<AnnouncementReport['reconcile']>['state'], round: n('reconcileRound'), at: iso(opt(h.reconciledAt)), reason: h.reconcileReason || null }
        : null,
      errorsByCode: numbers(errors),
      skippedByReason: numbers(skips),
      sentByChannel: numbers(channels),
      durationMs: a.startedAt !== undefined && a.finishedAt !== undefined ? a.finishedAt - a.startedAt : null,
    };
  }
}
