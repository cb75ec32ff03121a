import type { Language, Reply } from '../dialogue/types.js';
import type { DossierStatus } from '../onestop/types.js';

/**
 * The notice chain's vocabulary. The dossier watcher hands `notify/` a notice ("notice for user U about X")
 * and reads back a receipt; the chain decides which channel reaches the citizen and returns the steps it took.
 */

/** Consultation message (7-day window) → template message by user id (Tag 1) → ZNS by phone number. */
export type NoticeChannel = 'consultation' | 'template' | 'zns';
export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['consultation', 'template', 'zns'];

/** The dossier fields a template parameter can be mapped from. */
export const DOSSIER_FIELDS = ['code', 'procedure_name', 'status', 'due_date', 'link', 'agency'] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];

/** What a template may say about a dossier; values are already in citizen wording (Vietnamese). */
export type DossierFacts = { [K in DossierField]?: string } & {
  code: string;
  /** Machine status, for counting and the satisfaction step. */
  statusCode: DossierStatus;
  procedureCode?: string;
};

export interface DossierNotice {
  /** The same change always gives the same id: the once-only claim is on it. */
  id: string;
  /** The ledger bucket of the claim; a pure function of the change, so every instance picks the same one. */
  bucket: string;
  userId: string;
  language: Language;
  facts: DossierFacts;
  /** The consultation message (inside the 7-day window). */
  message: Reply;
  /** The dossier reached a final status: the notice asks how satisfied the citizen is. */
  final: boolean;
}

/** One step of one run of the chain, as data (shown in the console, asserted in tests). */
export interface ChainStep {
  channel: NoticeChannel;
  /** sent; skipped = not tried (no template, no phone, outside the window...); failed = Zalo refused or errored. */
  result: 'sent' | 'skipped' | 'failed';
  /** Why it was skipped or what the failure means, e.g. `outside_window`, `no_template`, `template_not_by_uid`. */
  reason?: string;
  /** Zalo's error code, or `timeout` / `network` / `http_503`. */
  code?: string;
  messageId?: string;
  at: number;
}

/** How one run of the chain ended. */
export type ChainOutcome =
  | { kind: 'sent'; channel: NoticeChannel; messageId: string }
  /** Every channel was tried or skipped: the citizen cannot be reached now. */
  | { kind: 'unreachable'; reason: string }
  /** A transient failure (network, 5xx, rate limit, token, quota): run the chain again later. */
  | { kind: 'retry'; reason: string; code?: string }
  /** Night (ZNS is not sent 22:00–06:00) or a daily limit: run again at `until`. */
  | { kind: 'hold'; until: number; reason: string }
  /** A call timed out: the message may have left. Never resent blindly. */
  | { kind: 'uncertain'; channel: NoticeChannel; reason: string };

export interface ChainRun {
  outcome: ChainOutcome;
  steps: ChainStep[];
}

/**
 * Where a notice stands. pending/retrying/held/checking are on their way (the outbox runs them again);
 * sent/unreachable/failed/uncertain are settled (the console's retry starts a new attempt).
 */
export const NOTICE_STATES = ['pending', 'retrying', 'held', 'checking', 'sent', 'unreachable', 'failed', 'uncertain'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const SETTLED_STATES: ReadonlySet<NoticeState> = new Set(['sent', 'unreachable', 'failed', 'uncertain']);

export interface NoticeReceipt {
  id: string;
  /** `duplicate`: another run (instance, retry) owns this notice; nothing was sent by this call. */
  state: NoticeState | 'duplicate';
  channel?: NoticeChannel;
  steps: ChainStep[];
}

/** What the dossier watcher sees of `notify/`. */
export interface NoticePort {
  deliver(notice: DossierNotice): Promise<NoticeReceipt>;
}
