import { randomBytes } from 'node:crypto';
import type { Store } from '../store/ports.js';
import type { EvalCase, EvalCaseBody } from './api-types.js';

const KEY = 'eval:cases';
const MAX_CASES = 2000;

/**
 * Conversations saved from the test console as evaluation cases (turns with what each should be understood as).
 * One store hash, id → JSON; the multi-turn evaluation reads them back through `list()` or the API.
 */
export class EvalCaseStore {
  constructor(private readonly store: Store) {}

  async list(): Promise<EvalCase[]> {
    const all = Object.values(await this.store.hgetall(KEY)).map((raw) => JSON.parse(raw) as EvalCase);
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  async get(id: string): Promise<EvalCase | null> {
    const raw = await this.store.hget(KEY, id);
    return raw ? (JSON.parse(raw) as EvalCase) : null;
  }

  /** Saves a case; refuses past MAX_CASES so a runaway client cannot fill the store. */
  async create(body: EvalCaseBody, by: string, contentVersion: string, now = Date.now()): Promise<EvalCase | null> {
    if (Object.keys(await this.store.hgetall(KEY)).length >= MAX_CASES) return null;
    const c: EvalCase = { id: `c${now.toString(36)}${randomBytes(3).toString('hex')}`, ...body, createdAt: now, createdBy: by, contentVersion };
    await this.store.hset(KEY, { [c.id]: JSON.stringify(c) });
    return c;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.store.hdel(KEY, id)) > 0;
  }
}
