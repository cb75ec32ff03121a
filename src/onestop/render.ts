import type { Reply, ReplyButton, Translate } from '../dialogue/types.js';
import { FINAL_STATUSES, type DossierLookupResult } from './types.js';

/** The citizen-facing text of a dossier: what it is, where it stands, when it is due, what comes next. */

const VN_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** dd/mm/yyyy in Vietnam time. */
export function formatVietnamDate(d: Date): string {
  return VN_DATE.format(d);
}

export function statusLabel(result: Pick<DossierLookupResult, 'status' | 'statusLabel'>, t: Translate): string {
  return t(`dossier.status.${result.status}`, { label: result.statusLabel || '?' });
}

export interface ButtonOptions {
  portalUrl?: string;
  following?: boolean;
}

export function dossierButtons(code: string, t: Translate, opts: ButtonOptions & { final?: boolean }): ReplyButton[] {
  const buttons: ReplyButton[] = [];
  if (opts.following) buttons.push({ kind: 'query', title: t('dossier.button.unfollow'), payload: `#d:unfollow:${code}` });
  else if (!opts.final) buttons.push({ kind: 'query', title: t('dossier.button.follow'), payload: `#d:follow:${code}` });
  if (opts.portalUrl) buttons.push({ kind: 'url', title: t('dossier.button.portal'), url: opts.portalUrl });
  return buttons;
}

/** The lines describing a dossier (no buttons); `intro` replaces the "Hồ sơ: <code>" header. */
export function describeDossier(result: DossierLookupResult, t: Translate, intro?: string): string[] {
  const lines: string[] = [intro ?? t('dossier.line.code', { code: result.code })];
  if (result.procedureName) lines.push(t('dossier.line.procedure', { procedure: result.procedureName }));
  if (result.ownerNameMasked) lines.push(t('dossier.line.owner', { name: result.ownerNameMasked }));
  // A notice's intro already names the new status.
  if (!intro) lines.push(t('dossier.line.status', { status: statusLabel(result, t) }));
  if (result.agencyName) lines.push(t('dossier.line.agency', { agency: result.agencyName }));
  if (result.dueAt && !FINAL_STATUSES.has(result.status)) lines.push(t('dossier.line.due', { date: formatVietnamDate(result.dueAt) }));
  if (result.returnedAt && result.status === 'da_tra_ket_qua') lines.push(t('dossier.line.returned', { date: formatVietnamDate(result.returnedAt) }));
  lines.push(...nextSteps(result, t, result.agencyName));
  return lines;
}

/** The dossier waits for the citizen (documents, fees): the appointment date is not the office's delay. */
const WAITING_ON_CITIZEN: ReadonlySet<DossierLookupResult['status']> = new Set(['cho_bo_sung', 'cho_nop_phi']);

/**
 * What comes next. A dossier late on the office's side gets one apology and whom to ask instead of "you need
 * not do anything"; one late while it waits for the citizen keeps what to do and says a new date will follow.
 * `agency` is named only where the details may be shown.
 */
function nextSteps(result: DossierLookupResult, t: Translate, agency: string | undefined): string[] {
  if (result.overdue && !WAITING_ON_CITIZEN.has(result.status)) {
    const whom = agency ? t('dossier.overdue.whomAgency', { agency }) : t('dossier.overdue.whom');
    return [`${t('dossier.overdue.late')} ${whom}`];
  }
  const lines = [t(`dossier.next.${result.status}`)];
  if (result.overdue) lines.push(t('dossier.overdue.waiting'));
  return lines;
}

/** A late dossier offers a person to talk to. */
function handoffButton(result: DossierLookupResult, t: Translate): ReplyButton[] {
  return result.overdue ? [{ kind: 'query', title: t('common.button.handoff'), payload: '#i:handoff' }] : [];
}

/**
 * What anyone holding the code may read: where the dossier stands and what comes next. Procedure, agency and
 * dates tell a stranger what the owner applied for and where; they follow only the second factor.
 */
function describeStatusOnly(result: DossierLookupResult, t: Translate): string[] {
  return [t('dossier.line.code', { code: result.code }), t('dossier.line.status', { status: statusLabel(result, t) }), ...nextSteps(result, t, undefined)];
}

/** The answer to a look-up: the details only once the owner's second factor matched. */
export function renderDossierStatus(result: DossierLookupResult, t: Translate, opts: ButtonOptions): Reply {
  const lines = result.ownerVerified === true ? describeDossier(result, t) : describeStatusOnly(result, t);
  if (result.proofRejected) lines.push(t('dossier.proof.rejected'));
  else if (result.ownerVerified === false) lines.push(t('dossier.proof.ask'));
  return {
    text: lines.join('\n'),
    buttons: [...dossierButtons(result.code, t, { ...opts, final: FINAL_STATUSES.has(result.status) }), ...handoffButton(result, t)],
  };
}

/**
 * The notice the watcher sends when a followed dossier changes status. Anyone may follow a code, so the details
 * go only to a follower who proved ownership; the others learn the status and how to see more.
 */
export function renderStatusNotice(result: DossierLookupResult, t: Translate, opts: ButtonOptions & { ownerVerified: boolean }): Reply {
  const final = FINAL_STATUSES.has(result.status);
  const intro = t('dossier.notice.changed', { code: result.code, status: statusLabel(result, t) });
  // Unverified: no agency named; a late dossier still gets the apology, never "nothing to do" (nextSteps).
  const lines = opts.ownerVerified ? describeDossier(result, t, intro) : [intro, ...nextSteps(result, t, undefined)];
  if (!opts.ownerVerified && !final) lines.push(t('dossier.notice.detailsAfterProof'));
  if (final) lines.push(t('dossier.notice.ended'));
  return { text: lines.join('\n'), buttons: [...dossierButtons(result.code, t, { ...opts, following: !final && opts.following, final }), ...handoffButton(result, t)] };
}
