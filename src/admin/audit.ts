import type { Store } from '../store/ports.js';

export interface AuditEntry {
  at: number;
  /** Username, or "api-token" for bearer automation, or "system". */
  who: string;
  /** e.g. "procedure.save", "procedure.publish", "user.create", "handoff.reply". */
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
}

const KEY = 'admin:audit';
const MAX_ENTRIES = 20_000;

/** Who changed what and when; kept in the store (newest first, capped). */
export class AuditLog {
  constructor(private readonly store: Store) {}

  async record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<void> {
    const full: AuditEntry = { at: entry.at ?? Date.now(), who: entry.who, action: entry.action, target: entry.target, detail: entry.detail };
    await this.store.lpushCapped(KEY, JSON.stringify(full), MAX_ENTRIES);
  }

  async list(limit = 200, offset = 0): Promise<AuditEntry[]> {
    const raw = await this.store.lrange(KEY, offset, offset + limit - 1);
    return raw.map((r) => JSON.parse(r) as AuditEntry);
  }
}
