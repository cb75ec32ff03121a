import type { Store } from '../store/ports.js';

export interface AuditEntry {
  at: number;
  /** Username, or "api-token" for bearer automation, or "system". */
  who: string;
  /** e.g. "procedure.save", "procedure.publish", "user.create", "handoff.reply". */
  action: string;
  target?: string;
  /** The state the change replaced and the state it left (the fields it touched), when there is one. */
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

/** At most this many changed fields of one change go into the log; the versions keep the rest. */
const MAX_FIELDS = 50;

/** A field-level diff as before/after maps keyed by field path (capped), for an audit entry. */
export function beforeAfter(diff: readonly { path: string; before?: unknown; after?: unknown }[]): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const d of diff.slice(0, MAX_FIELDS)) {
    before[d.path] = d.before ?? null;
    after[d.path] = d.after ?? null;
  }
  return { before, after };
}

const KEY = 'admin:audit';
const MAX_ENTRIES = 20_000;

/** Who changed what and when; kept in the store (newest first, capped). */
export class AuditLog {
  constructor(private readonly store: Store) {}

  async record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<void> {
    const full: AuditEntry = { at: entry.at ?? Date.now(), who: entry.who, action: entry.action, target: entry.target, before: entry.before, after: entry.after, detail: entry.detail };
    await this.store.lpushCapped(KEY, JSON.stringify(full), MAX_ENTRIES);
  }

  async list(limit = 200, offset = 0): Promise<AuditEntry[]> {
    const raw = await this.store.lrange(KEY, offset, offset + limit - 1);
    return raw.map((r) => JSON.parse(r) as AuditEntry);
  }
}
