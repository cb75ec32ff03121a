import { createHash } from 'node:crypto';
import { vnDay } from '../announcements/quiet-hours.js';
import type { Language, Translate } from '../dialogue/types.js';
import type { DossierFacts, DossierNotice } from '../notify/types.js';
import type { Subscription } from './follows.js';
import { formatVietnamDate, renderStatusNotice, statusLabel } from './render.js';
import { FINAL_STATUSES, type DossierLookupResult } from './types.js';

/** What the watcher hands notify/ for one status change: the citizen's message and the dossier's fields. */

/** The dossier fields a template may carry, in Vietnamese (templates are registered in Vietnamese). */
export function dossierFacts(result: DossierLookupResult, tVi: Translate, portalUrl?: string, ownerVerified = true): DossierFacts {
  const facts: DossierFacts = { code: result.code, statusCode: result.status, status: statusLabel(result, tVi) };
  // What the dossier is about, and where and when, is for its owner (see renderStatusNotice).
  if (ownerVerified) {
    if (result.procedureName) facts.procedure_name = result.procedureName;
    if (result.procedureCode) facts.procedureCode = result.procedureCode;
    if (result.agencyName) facts.agency = result.agencyName;
    if (result.dueAt && !FINAL_STATUSES.has(result.status)) facts.due_date = formatVietnamDate(result.dueAt);
  }
  const link = result.portalUrl ?? portalUrl;
  if (link) facts.link = link;
  return facts;
}

/**
 * The notice of one change "stored status at its time → new status" for one follower. Its id and ledger bucket
 * depend only on that change, so every instance that sees it asks for the same claim.
 */
export function dossierNotice(sub: Subscription, result: DossierLookupResult, tFor: (lng: Language) => Translate, portalUrl?: string): DossierNotice {
  const change = `${sub.userId}|${sub.code}|${sub.status || 'none'}|${sub.changedAt}|${result.status}`;
  return {
    id: `n${createHash('sha256').update(change).digest('hex').slice(0, 24)}`,
    bucket: vnDay(sub.changedAt),
    userId: sub.userId,
    language: sub.language,
    facts: dossierFacts(result, tFor('vi'), portalUrl, sub.ownerVerified),
    message: renderStatusNotice(result, tFor(sub.language), { portalUrl, following: true, ownerVerified: sub.ownerVerified }),
    final: FINAL_STATUSES.has(result.status),
  };
}
