import type { Matcher, Understanding } from './types.js';

/**
 * One labelled message of test/fixtures/nlu-eval/*.jsonl. Two label formats: the curated parts name a
 * `procedureId`; the catalogue parts (catalogue-*.jsonl) name every acceptable national code instead.
 */
export interface EvalItem {
  text: string;
  intent: string;
  procedureId?: string | null;
  /** Catalogue format: every national code that is an acceptable answer (or, for `clarify`, the variants to offer). */
  nationalCodes?: string[];
  aspect: string | null;
  dossierCode?: string | null;
  expect: 'answer' | 'clarify';
}

/** The procedure id that answers a national code in the knowledge the matcher was built from. */
export type CodeOwner = (nationalCode: string) => string | undefined;

/**
 * Right (for a catalogue item: *found*), wrong (a confident answer naming something else) or unanswered (a
 * fallback, or a clarification without an acceptable candidate).
 */
export type Verdict = 'right' | 'wrong' | 'unanswered';

export interface EvalOutcome {
  item: EvalItem;
  got: Understanding;
  verdict: Verdict;
  aspectRight: boolean | null;
}

export interface EvalReport {
  total: number;
  right: number;
  wrong: number;
  /** Top-1 right: the best guess names the right intent and procedure, whatever the decision. */
  top1: number;
  aspectChecked: number;
  aspectRight: number;
  perIntent: Map<string, { total: number; right: number; wrong: number }>;
  confusions: Map<string, number>;
  outcomes: EvalOutcome[];
  /** Items labelled with national codes: found = right among them, confidently wrong = wrong among them. */
  catalogue: { total: number; found: number; answered: number; clarified: number; wrong: number };
}

export function parseEvalFile(text: string): EvalItem[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalItem);
}

function label(intent: string, procedureId: string | null | undefined): string {
  return procedureId ? `${intent}:${procedureId}` : intent;
}

function itemLabel(item: EvalItem): string {
  return item.nationalCodes ? `${item.intent}:${item.nationalCodes.join('|')}` : label(item.intent, item.procedureId);
}

/** Whether a chosen procedure is one the catalogue label accepts: by its own code, or by a code its id answers. */
function acceptable(item: EvalItem, procedureId: string | null, nationalCode: string | null, owner: CodeOwner | undefined): boolean {
  const codes = item.nationalCodes ?? [];
  if (nationalCode !== null && codes.includes(nationalCode)) return true;
  return procedureId !== null && owner !== undefined && codes.some((c) => owner(c) === procedureId);
}

/**
 * A catalogue item is *found* when it is answered with an acceptable code, or clarified with one among the
 * (at most three) buttons; an answer naming anything else is a confident wrong answer.
 */
function judgeCatalogue(item: EvalItem, got: Understanding, owner: CodeOwner | undefined): Verdict {
  if (got.decision === 'answer') return got.intent === 'procedure' && acceptable(item, got.procedureId, got.nationalCode, owner) ? 'right' : 'wrong';
  if (got.decision === 'clarify') {
    const buttons = got.alternatives.slice(0, 3);
    return buttons.some((a) => acceptable(item, a.procedureId, a.nationalCode, owner)) ? 'right' : 'unanswered';
  }
  return 'unanswered';
}

/**
 * Scores one answer. Right: an answer with the right intent (and procedure, and dossier code); a fallback
 * for a message labelled fallback; or a clarification that offers the right procedure when the label
 * expects one. Wrong: an answer that names another intent or procedure (a confident wrong answer).
 * Asking what is needed (generic words only) is judged like a fallback.
 */
export function judge(item: EvalItem, got: Understanding, owner?: CodeOwner): Verdict {
  // Asking what the citizen needs answers nothing: it counts as a fallback.
  if (got.intent === 'ask_need') return item.intent === 'fallback' ? 'right' : 'unanswered';
  if (item.nationalCodes) return judgeCatalogue(item, got, owner);
  if (item.intent === 'fallback') return got.decision === 'fallback' ? 'right' : got.decision === 'answer' ? 'wrong' : 'unanswered';
  if (got.decision === 'answer') {
    const same =
      got.intent === item.intent &&
      (item.intent !== 'procedure' || got.procedureId === item.procedureId) &&
      (item.intent !== 'dossier_status' || got.dossierCode === item.dossierCode);
    return same ? 'right' : 'wrong';
  }
  if (got.decision === 'clarify' && item.expect === 'clarify' && item.procedureId) {
    const offered = got.alternatives.some((a) => a.procedureId === item.procedureId);
    return offered ? 'right' : 'unanswered';
  }
  return 'unanswered';
}

/** `owner` maps a label's national codes to procedure ids (see knownProcedures(kb).byCode); without it, codes are compared. */
export function evaluate(matcher: Matcher, items: EvalItem[], owner?: CodeOwner): EvalReport {
  const report: EvalReport = {
    total: 0,
    right: 0,
    wrong: 0,
    top1: 0,
    aspectChecked: 0,
    aspectRight: 0,
    perIntent: new Map(),
    confusions: new Map(),
    outcomes: [],
    catalogue: { total: 0, found: 0, answered: 0, clarified: 0, wrong: 0 },
  };
  for (const item of items) {
    const got = matcher.understand(item.text);
    const verdict = judge(item, got, owner);
    if (item.nationalCodes) {
      const c = report.catalogue;
      c.total++;
      if (verdict === 'right') {
        c.found++;
        if (got.decision === 'answer') c.answered++;
        else c.clarified++;
      } else if (verdict === 'wrong') c.wrong++;
    }
    report.total++;
    const per = report.perIntent.get(item.intent) ?? { total: 0, right: 0, wrong: 0 };
    per.total++;
    if (verdict === 'right') {
      report.right++;
      per.right++;
    } else if (verdict === 'wrong') {
      report.wrong++;
      per.wrong++;
    }
    report.perIntent.set(item.intent, per);
    const gotIntent = got.decision === 'fallback' ? 'fallback' : got.intent;
    const gotProcedure = got.procedureId ?? (got.decision === 'clarify' ? (got.alternatives[0]?.procedureId ?? null) : null);
    const gotCode = got.nationalCode ?? (got.decision === 'clarify' ? (got.alternatives[0]?.nationalCode ?? null) : null);
    const sameProcedure = item.nationalCodes ? acceptable(item, gotProcedure, gotCode, owner) : gotProcedure === item.procedureId;
    if (gotIntent === item.intent && (item.intent !== 'procedure' || sameProcedure)) report.top1++;
    let aspectRight: boolean | null = null;
    if (verdict === 'right' && item.intent === 'procedure' && got.decision === 'answer') {
      aspectRight = got.aspect === item.aspect;
      report.aspectChecked++;
      if (aspectRight) report.aspectRight++;
    }
    if (verdict !== 'right') {
      const key = `${itemLabel(item)} → ${got.decision} ${label(gotIntent, gotProcedure)}`;
      report.confusions.set(key, (report.confusions.get(key) ?? 0) + 1);
    }
    report.outcomes.push({ item, got, verdict, aspectRight });
  }
  return report;
}

const pct = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(1) : '0.0') + ' %';

export function formatReport(r: EvalReport, options: { misses?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`items: ${r.total}`);
  lines.push(`answered right: ${r.right} (${pct(r.right, r.total)})`);
  lines.push(`wrong answers:  ${r.wrong} (${pct(r.wrong, r.total)})`);
  lines.push(`unanswered (clarify/fallback when an answer was expected): ${r.total - r.right - r.wrong} (${pct(r.total - r.right - r.wrong, r.total)})`);
  lines.push(`top-1 right:    ${r.top1} (${pct(r.top1, r.total)})`);
  lines.push(`aspect right:   ${r.aspectRight}/${r.aspectChecked} (${pct(r.aspectRight, r.aspectChecked)}) on correctly answered procedure items`);
  const c = r.catalogue;
  if (c.total) {
    lines.push('', `catalogue items (labelled with national codes): ${c.total}`);
    lines.push(`  found:             ${c.found} (${pct(c.found, c.total)}): answered with an acceptable code ${c.answered}, clarified with one among the buttons ${c.clarified}`);
    lines.push(`  confidently wrong: ${c.wrong} (${pct(c.wrong, c.total)})`);
  }
  lines.push('', 'per intent (right / wrong of total):');
  for (const [intent, s] of [...r.perIntent].sort((a, b) => b[1].total - a[1].total)) {
    lines.push(`  ${intent.padEnd(18)} ${pct(s.right, s.total).padStart(8)} right  ${String(s.wrong).padStart(3)} wrong  of ${s.total}`);
  }
  const conf = [...r.confusions].sort((a, b) => b[1] - a[1]).slice(0, 15);
  if (conf.length) {
    lines.push('', 'top confusions (expected → got):');
    for (const [k, n] of conf) lines.push(`  ${String(n).padStart(3)}  ${k}`);
  }
  if (options.misses) {
    lines.push('', 'misses:');
    for (const o of r.outcomes) {
      if (o.verdict === 'right' && o.aspectRight !== false) continue;
      const tag = o.verdict === 'right' ? `aspect ${o.got.aspect}≠${o.item.aspect}` : o.verdict;
      lines.push(
        `  [${tag}] ${o.item.text}\n      want ${itemLabel(o.item)} ${o.item.expect}; got ${o.got.decision} ${label(o.got.intent, o.got.procedureId)} conf ${o.got.confidence} alts ${o.got.alternatives.map((a) => `${a.procedureId}:${a.confidence}`).join(' ')}`,
      );
    }
  }
  return lines.join('\n');
}
