import type { Logger } from 'pino';
import type { DeliveryLedger, LedgerKeys } from '../announcements/ledger.js';
import type { Reply } from '../dialogue/types.js';
import { maskId } from '../observability/logger.js';
import type { Store } from '../store/ports.js';
import { runNoticeChain, type ChainDeps } from './chain.js';
import type { NoticeRecord, NoticeRepository } from './notices.js';
import { SETTLED_STATES, type ChainRun, type DossierNotice, type NoticePort, type NoticeReceipt, type NoticeState } from './types.js';

/**
 * Sends each notice at most once across retries, restarts and instances: the delivery ledger of the
 * announcements (claim before the chain runs, settle after) holds one mark per notice and attempt. A run
 * that must wait (transient failure, night, a timeout to be checked) releases or keeps its claim and puts the
 * notice in the outbox; one instance at a time runs the outbox. A notice whose run died, or whose call timed
 * out, is never sent blindly again: a delivery check may settle it, otherwise it is recorded `uncertain` and
 * a person decides (the console's retry).
 */

/** The notices' own keys in the shared ledger: one bucket per Vietnam day (of the change's previous status). */
export const NOTICE_LEDGER_KEYS: LedgerKeys = {
  marks: (b) => `notice:{${b}}:marks`,
  counts: (b) => `notice:{${b}}:tally`,
  errors: (b) => `notice:{${b}}:errors`,
  skips: (b) => `notice:{${b}}:skips`,
  channels: (b) => `notice:{${b}}:channels`,
  uncertain: (b) => `notice:{${b}}:uncertain`,
};

const MARKS_TTL_MS = 30 * 86_400_000;
const OUTBOX_LOCK = 'notice:outbox:lock';

export interface DeliveryCheck {
  /** Whether the notice reached the citizen after `since` (e.g. from the conversation history); null: cannot tell. */
  wasDelivered(record: NoticeRecord, since: number): Promise<boolean | null>;
}

export interface NoticeHooks {
  /** The final notice's consultation message, asking how satisfied the citizen is. */
  withQuestion?(notice: DossierNotice): Reply;
  /** The notice settled; `asked` when a final notice went out by consultation (its question with it). */
  settled?(record: NoticeRecord, at: number): Promise<void>;
}

export interface NoticeServiceOptions {
  store: Store;
  repo: NoticeRepository;
  ledger: DeliveryLedger;
  chain: ChainDeps;
  logger: Logger;
  now?: () => number;
  hooks?: NoticeHooks;
  check?: DeliveryCheck;
  /** Runs of the chain per attempt before a notice that keeps failing transiently is recorded failed. */
  maxAttempts?: number;
  /** First wait before a transient failure is tried again; doubles per run, at most an hour. */
  retryBaseMs?: number;
  /** How long a claim may be held by a live run before it is treated as left by a dead one. */
  pendingGraceMs?: number;
  onSettled?: (state: NoticeState, channel: string) => void;
}

export class NoticeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NoticeError';
  }
}

const claimField = (id: string, generation: number) => `${id}.${generation}`;

export class NoticeService implements NoticePort {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly graceMs: number;

  constructor(private readonly opts: NoticeServiceOptions) {
    this.log = opts.logger.child({ module: 'notify' });
    this.now = opts.now ?? Date.now;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.retryBaseMs = opts.retryBaseMs ?? 60_000;
    this.graceMs = opts.pendingGraceMs ?? 5 * 60_000;
  }

  /** Claims the notice and runs the chain; a notice another run owns comes back as `duplicate`. */
  async deliver(notice: DossierNotice): Promise<NoticeReceipt> {
    const now = this.now();
    const claim = await this.claim(notice.bucket, claimField(notice.id, 0), now);
    if (claim.state === 'settled' || claim.state === 'pending') return { id: notice.id, state: 'duplicate', steps: [] };
    let record = await this.opts.repo.get(notice.id);
    if (record && SETTLED_STATES.has(record.state)) {
      // The record outlived its claim (the ledger's marks expire): it was settled long ago; never again.
      await this.opts.ledger.settle(notice.bucket, claimField(notice.id, 0), { counter: 'skipped', reason: 'already_settled' });
      return { id: notice.id, state: 'duplicate', steps: [] };
    }
    if (!record) {
      const message = notice.final && this.opts.hooks?.withQuestion ? this.opts.hooks.withQuestion(notice) : notice.message;
      record = await this.opts.repo.create({ ...notice, message }, now);
    }
    return this.run(record, now);
  }

  private async claim(bucket: string, field: string, now: number) {
    const claim = await this.opts.ledger.claim(bucket, field, now);
    // The bucket lives 30 days after its last claim, not its first.
    if (claim.state === 'fresh' || claim.state === 'retry') await this.opts.store.expire(NOTICE_LEDGER_KEYS.marks(bucket), MARKS_TTL_MS);
    return claim;
  }

  /** One run of the chain under a held claim, then the outcome recorded (and the claim settled or released). */
  private async run(record: NoticeRecord, now: number): Promise<NoticeReceipt> {
    const repo = this.opts.repo;
    // If this process dies mid-run, the outbox finds the notice after the grace period.
    await repo.schedule(record.id, now + this.graceMs);
    let run: ChainRun;
    try {
      run = await runNoticeChain(
        { id: record.id, bucket: record.bucket, userId: record.userId, language: record.language, facts: record.facts, message: record.message, final: record.final },
        this.opts.chain,
        `${record.id}-${record.generation}`,
      );
    } catch (err) {
      this.log.error({ notice: record.id, err: (err as Error).message }, 'notice chain failed unexpectedly; will retry');
      run = { outcome: { kind: 'retry', reason: 'internal' }, steps: [] };
    }
    const field = claimField(record.id, record.generation);
    const attempts = record.attempts + 1;
    const at = this.now();
    const o = run.outcome;
    let next: NoticeRecord;
    switch (o.kind) {
      case 'sent':
        await this.opts.ledger.settle(record.bucket, field, { counter: 'sent', messageId: o.messageId, channel: o.channel });
        next = await repo.update(record, { state: 'sent', channel: o.channel, messageId: o.messageId, reason: undefined, error: undefined, nextAt: undefined, attempts, newSteps: run.steps }, at);
        break;
      case 'unreachable':
        await this.opts.ledger.settle(record.bucket, field, { counter: 'skipped', reason: o.reason });
        next = await repo.update(record, { state: 'unreachable', reason: o.reason, error: lastCode(run), nextAt: undefined, attempts, newSteps: run.steps }, at);
        break;
      case 'retry': {
        if (attempts >= this.maxAttempts) {
          await this.opts.ledger.settle(record.bucket, field, { counter: 'failed', code: o.code || o.reason });
          next = await repo.update(record, { state: 'failed', reason: o.reason, error: o.code, nextAt: undefined, attempts, newSteps: run.steps }, at);
          break;
        }
        await this.opts.ledger.release(record.bucket, field);
        const when = at + Math.min(3600_000, this.retryBaseMs * 2 ** (attempts - 1));
        next = await repo.update(record, { state: 'retrying', reason: o.reason, error: o.code, nextAt: when, attempts, newSteps: run.steps }, at);
        await repo.schedule(record.id, when);
        break;
      }
      case 'hold':
        await this.opts.ledger.release(record.bucket, field);
        next = await repo.update(record, { state: 'held', reason: o.reason, nextAt: o.until, attempts, newSteps: run.steps }, at);
        await repo.schedule(record.id, o.until);
        break;
      case 'uncertain':
        // The claim stays: only a check (or a person) may send this notice again.
        next = await repo.update(record, { state: 'checking', channel: o.channel, reason: o.reason, error: lastCode(run), nextAt: at + this.graceMs, attempts, newSteps: run.steps }, at);
        await repo.schedule(record.id, at + this.graceMs);
        break;
    }
    if (SETTLED_STATES.has(next.state)) await this.settled(next, at);
    this.log.info({ notice: next.id, user: maskId(next.userId), state: next.state, channel: next.channel, reason: next.reason }, 'dossier notice');
    return { id: next.id, state: next.state, channel: next.channel, steps: run.steps };
  }

  private async settled(record: NoticeRecord, at: number): Promise<void> {
    await this.opts.repo.unschedule(record.id);
    this.opts.onSettled?.(record.state, record.channel ?? 'none');
    await this.opts.hooks?.settled?.(record, at).catch((err: Error) => this.log.warn({ err: err.message }, 'notice hook failed'));
  }

  /** Runs notices whose time has come (retries, night holds, checks); once across instances. Returns how many ran. */
  async processDue(limit = 50): Promise<number> {
    const lock = await this.opts.store.tryLock(OUTBOX_LOCK, 5 * 60_000);
    if (!lock) return 0;
    let ran = 0;
    try {
      for (const id of await this.opts.repo.due(this.now(), limit)) {
        await lock.extend(5 * 60_000);
        if (await this.processOne(id)) ran++;
      }
    } finally {
      await lock.release().catch(() => false);
    }
    return ran;
  }

  private async processOne(id: string): Promise<boolean> {
    const repo = this.opts.repo;
    const record = await repo.get(id);
    if (!record || SETTLED_STATES.has(record.state)) {
      await repo.unschedule(id);
      return false;
    }
    const now = this.now();
    const field = claimField(record.id, record.generation);
    const claim = await this.claim(record.bucket, field, now);
    if (claim.state === 'settled') {
      // Settled by a run that died before writing the record: what it did is not known here.
      await this.settled(await repo.update(record, { state: 'uncertain', reason: 'settled_unrecorded', nextAt: undefined }, now), now);
      return false;
    }
    if (claim.state === 'pending') {
      if (now - claim.since < this.graceMs) {
        await repo.schedule(id, claim.since + this.graceMs);
        return false;
      }
      // Left by a dead run or a timed-out call: ask whether it arrived before anything is sent again.
      const delivered = this.opts.check ? await this.opts.check.wasDelivered(record, claim.since).catch(() => null) : null;
      if (delivered === true) {
        await this.opts.ledger.settle(record.bucket, field, { counter: 'sent', messageId: 'reconciled', channel: record.channel ?? 'reconciled' });
        await this.settled(await repo.update(record, { state: 'sent', reason: 'reconciled', nextAt: undefined }, now), now);
        return true;
      }
      if (delivered === null) {
        await this.opts.ledger.settle(record.bucket, field, { counter: 'uncertain', since: claim.since });
        await this.settled(await repo.update(record, { state: 'uncertain', reason: record.reason ?? 'interrupted', nextAt: undefined }, now), now);
        return false;
      }
      await this.opts.ledger.release(record.bucket, field);
      if ((await this.claim(record.bucket, field, now)).state !== 'retry') return false;
    }
    await this.run(record, now);
    return true;
  }

  /**
   * The console's retry. A settled notice that did not reach the citizen (unreachable, failed, uncertain) starts a
   * new attempt under a new claim — a person decided to send it again. A notice still on its way runs now.
   */
  async retry(id: string): Promise<NoticeRecord> {
    const repo = this.opts.repo;
    const record = await repo.get(id);
    if (!record) throw new NoticeError(404, 'not_found', 'Không có thông báo này.');
    if (record.state === 'sent') throw new NoticeError(409, 'already_sent', 'Thông báo này đã đến người dân; không gửi lần hai.');
    const now = this.now();
    if (!SETTLED_STATES.has(record.state)) {
      await repo.schedule(id, now);
      await this.processOne(id);
      return (await repo.get(id))!;
    }
    const generation = record.generation + 1;
    const claim = await this.claim(record.bucket, claimField(id, generation), now);
    if (claim.state !== 'fresh' && claim.state !== 'retry') throw new NoticeError(409, 'in_progress', 'Thông báo này đang được gửi lại.');
    const reopened = await repo.update(record, { state: 'pending', generation, attempts: 0, reason: undefined, error: undefined, nextAt: undefined }, now);
    await this.run(reopened, now);
    return (await repo.get(id))!;
  }
}

function lastCode(run: ChainRun): string | undefined {
  for (let i = run.steps.length - 1; i >= 0; i--) if (run.steps[i]!.code) return run.steps[i]!.code;
  return undefined;
}
