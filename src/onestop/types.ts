/**
 * The one-stop port: what the bot needs from a province's one-stop system (reference §2.5).
 * Adapters (iGate, national vocabulary) implement `OnestopAdapter`; the rest of the bot sees `OnestopPort`.
 */

export type DossierStatus =
  | 'moi_nop'
  | 'da_tiep_nhan'
  | 'dang_xu_ly'
  | 'cho_bo_sung'
  | 'cho_nop_phi'
  | 'tam_dung'
  | 'co_ket_qua'
  | 'da_tra_ket_qua'
  | 'tu_choi'
  | 'da_rut_huy'
  | 'khong_ro';

export const DOSSIER_STATUSES: readonly DossierStatus[] = [
  'moi_nop',
  'da_tiep_nhan',
  'dang_xu_ly',
  'cho_bo_sung',
  'cho_nop_phi',
  'tam_dung',
  'co_ket_qua',
  'da_tra_ket_qua',
  'tu_choi',
  'da_rut_huy',
  'khong_ro',
];

/** Statuses after which nothing more happens to the dossier: following it ends. */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set(['da_tra_ket_qua', 'tu_choi', 'da_rut_huy']);

/** Statuses in which the processing clock no longer runs, so "overdue" cannot apply. */
const FINISHED_STATUSES: ReadonlySet<DossierStatus> = new Set(['co_ket_qua', 'da_tra_ket_qua', 'tu_choi', 'da_rut_huy']);

export interface DossierLookupResult {
  code: string;
  source: 'igate' | 'dvcqg' | 'lgsp' | 'other';
  procedureCode?: string;
  procedureName: string;
  /** Present only after the second factor matched. */
  ownerNameMasked?: string;
  agencyName?: string;
  channel?: 'truc_tiep' | 'truc_tuyen' | 'buu_chinh';
  submittedAt?: Date;
  receivedAt?: Date;
  dueAt?: Date;
  finishedAt?: Date;
  returnedAt?: Date;
  status: DossierStatus;
  /** Raw label from the source system. */
  statusLabel: string;
  sourceStatusCode?: string;
  /** Computed: not finished and past the appointment date. */
  overdue: boolean;
  portalUrl?: string;
  /**
   * Whether the citizen proved ownership: undefined when the source returns no owner data (nothing to
   * protect), false when a second factor is needed or did not match, true when it matched.
   */
  ownerVerified?: boolean;
  /** A second factor was given and did not match. */
  proofRejected?: boolean;
}

/** Owner data an adapter saw, reduced to what the bot may keep: a masked name and proof digests. */
export interface DossierOwner {
  nameMasked?: string;
  /** sha256 digests of `<code>:<last 4 digits>` of the owner's ID number and phone. */
  proofDigests: string[];
}

/** One dossier as fetched, before the second factor is applied (this is what the cache keeps). */
export interface DossierRecord {
  result: Omit<DossierLookupResult, 'ownerNameMasked' | 'ownerVerified' | 'proofRejected' | 'overdue'>;
  owner?: DossierOwner;
}

/** A one-stop system adapter: fetches one dossier by its normalised code. Null = not found. */
export interface OnestopAdapter {
  readonly name: string;
  fetchDossier(code: string): Promise<DossierRecord | null>;
}

export interface LookupOptions {
  /** Skip the result cache (the watcher wants the live status); the fresh result refreshes the cache. */
  fresh?: boolean;
  /** The asker proved ownership of this dossier earlier (see Follows.recordOwnership): owner details without a proof. */
  ownerProven?: boolean;
}

export interface OnestopPort {
  /** Null when the system does not know the code. Throws OnestopUnavailableError when it cannot answer. */
  lookupDossier(code: string, proof?: string, opts?: LookupOptions): Promise<DossierLookupResult | null>;
}

export type UnavailableReason = 'breaker_open' | 'timeout' | 'network' | 'server_error' | 'auth' | 'bad_response' | 'not_configured';

/** The one-stop system could not answer now (slow, down, misbehaving, or the breaker is open). */
export class OnestopUnavailableError extends Error {
  readonly reason: UnavailableReason;
  readonly httpStatus?: number;

  constructor(reason: UnavailableReason, message: string, opts: { httpStatus?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OnestopUnavailableError';
    this.reason = reason;
    this.httpStatus = opts.httpStatus;
  }
}

export function isOverdue(status: DossierStatus, dueAt: Date | undefined, now: number): boolean {
  if (!dueAt || FINISHED_STATUSES.has(status)) return false;
  return dueAt.getTime() < now;
}
