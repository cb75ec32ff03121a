import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Action, Language, Session, Translate } from './types.js';
import { newSession } from './types.js';
import { parsePayload } from './payload.js';
import { runTurn, type Understander } from './turn.js';

/**
 * The multi-turn evaluation (test/fixtures/dialogue-eval/README.md): conversations run through the same
 * core as the bot (matcher with the session's context → decide), each turn scored against its label.
 */

export interface ExpectedTurn {
  intent: string;
  decision?: 'answer' | 'clarify';
  procedureId?: string;
  procedureIds?: string[];
  aspect?: string;
  /** The n-th option of the bot's last clarifying question (1-based). */
  choice?: number;
  dossierCode?: string | null;
  language?: Language;
}

export interface Conversation {
  id: string;
  tags: string[];
  turns: { text: string; expect: ExpectedTurn }[];
}

/** right; wrong: answered with another procedure or intent (confidently wrong); missed: asked, fell back or answered in the wrong language. */
export type TurnVerdict = 'right' | 'wrong' | 'missed';

/** What the bot did with one turn, as far as scoring goes. */
export interface ObservedTurn {
  intent: string;
  decision: 'answer' | 'clarify' | 'fallback';
  procedureId: string | null;
  aspect: string | null;
  /** Procedures offered as buttons by a clarifying question, in the bot's order. */
  offered: string[];
  dossierCode: string | null;
  language: Language;
  /** The answer applied the previous procedure to this message. */
  followUp: boolean;
}

export interface TurnOutcome {
  conversation: string;
  tags: string[];
  index: number;
  text: string;
  expect: ExpectedTurn;
  /** The procedure the label means (resolved for choices and aspect-only turns). */
  expectedProcedure: string | null;
  got: ObservedTurn;
  verdict: TurnVerdict;
  /** The topic was right and only the reply language was not. */
  languageWrong: boolean;
  /** Null when the label names no aspect or the procedure was not answered right. */
  aspectRight: boolean | null;
}

export interface DialogueReport {
  conversations: number;
  turns: number;
  right: number;
  wrong: number;
  missed: number;
  languageWrong: number;
  aspectChecked: number;
  aspectRight: number;
  conversationsAllRight: number;
  perIntent: Map<string, { total: number; right: number; wrong: number }>;
  perTag: Map<string, { total: number; right: number; wrong: number }>;
  outcomes: TurnOutcome[];
}

export function parseConversations(text: string): Conversation[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const c = JSON.parse(l) as Conversation;
      if (!c.id || !Array.isArray(c.turns) || c.turns.some((t) => typeof t.text !== 'string' || !t.expect?.intent)) {
        throw new Error(`line ${i + 1}: not a conversation (id, turns[].text, turns[].expect.intent)`);
      }
      return c;
    });
}

/**
 * The bot's intent names where the evaluation's labels use others. The labels have no intent for following a
 * dossier: "báo tôi khi hồ sơ có kết quả" is labelled a dossier-status turn, which following it serves.
 */
const LABEL_OF_INTENT: Record<string, string> = { contacts: 'contact', follow_dossier: 'dossier_status', unfollow_dossier: 'dossier_status' };

function observe(actions: Action[], session: Session, followUp: boolean): ObservedTurn {
  const record = actions.find((a): a is Extract<Action, { type: 'record_answer' }> => a.type === 'record_answer');
  const lookup = actions.find((a): a is Extract<Action, { type: 'lookup_dossier' }> => a.type === 'lookup_dossier');
  const decision = record?.decision ?? 'fallback';
  const offered: string[] = [];
  if (decision === 'clarify') {
    for (const a of actions) {
      if (a.type !== 'reply') continue;
      for (const b of a.reply.buttons) {
        const p = b.kind === 'query' ? parsePayload(b.payload) : null;
        if (p?.kind === 'procedure') offered.push(p.procedureId);
      }
    }
  }
  return {
    intent: decision === 'fallback' ? 'fallback' : decision === 'clarify' ? 'procedure' : (LABEL_OF_INTENT[record?.intent ?? ''] ?? record?.intent ?? 'fallback'),
    decision,
    procedureId: record?.procedureId ?? null,
    aspect: record?.aspect ?? null,
    offered,
    dossierCode: lookup?.code ?? null,
    language: session.language,
    followUp,
  };
}

/** Replies that ask or admit not knowing: not an answer, so never a confident wrong one. */
const NOT_AN_ANSWER = new Set(['fallback', 'ask_need']);

/**
 * `lookedUp` is the dossier the bot looked up last in the conversation: a follow-up labelled with no code (the text
 * holds none) is about that dossier, so looking it up again answers it.
 */
function judgeTopic(e: ExpectedTurn, expected: string | null, got: ObservedTurn, lookedUp: string | null = null): TurnVerdict {
  const asked = got.decision !== 'answer' || NOT_AN_ANSWER.has(got.intent);
  if (e.intent === 'procedure' && e.decision === 'clarify') {
    const ids = e.procedureIds ?? [];
    if (got.decision === 'clarify') {
      const hits = ids.filter((id) => got.offered.includes(id)).length;
      return hits >= Math.min(2, ids.length) ? 'right' : 'missed';
    }
    if (asked) return 'missed';
    // Answering one of the plausible procedures skips the question but is not a wrong topic.
    return got.intent === 'procedure' && got.procedureId !== null && ids.includes(got.procedureId) ? 'missed' : 'wrong';
  }
  if (e.intent === 'procedure') {
    if (asked) return 'missed';
    return got.intent === 'procedure' && expected !== null && got.procedureId === expected ? 'right' : 'wrong';
  }
  if (e.intent === 'fallback') return got.intent === 'fallback' ? 'right' : asked ? 'missed' : 'wrong';
  if (got.intent === e.intent) {
    const sameDossier = e.dossierCode === null && got.dossierCode !== null && got.dossierCode === lookedUp;
    if (e.intent === 'dossier_status' && e.dossierCode !== undefined && got.dossierCode !== e.dossierCode && !sameDossier) return got.dossierCode ? 'wrong' : 'missed';
    return 'right';
  }
  return asked ? 'missed' : 'wrong';
}

export interface EvaluateOptions {
  matcher: Understander;
  kb: KnowledgeBase;
  tFor: (lng: Language) => Translate;
  /** Clock of the first turn; each later turn is a minute later (well inside the session's lifetime). */
  start?: number;
}

export function evaluateConversations(conversations: Conversation[], options: EvaluateOptions): DialogueReport {
  const report: DialogueReport = {
    conversations: conversations.length,
    turns: 0,
    right: 0,
    wrong: 0,
    missed: 0,
    languageWrong: 0,
    aspectChecked: 0,
    aspectRight: 0,
    conversationsAllRight: 0,
    perIntent: new Map(),
    perTag: new Map(),
    outcomes: [],
  };
  const bump = (map: DialogueReport['perIntent'], key: string, v: TurnVerdict) => {
    const s = map.get(key) ?? { total: 0, right: 0, wrong: 0 };
    s.total++;
    if (v === 'right') s.right++;
    if (v === 'wrong') s.wrong++;
    map.set(key, s);
  };
  let now = options.start ?? Date.UTC(2026, 11, 3, 2, 0, 0);
  for (const c of conversations) {
    let session = newSession(`eval-${c.id}`);
    let lastOffered: string[] = [];
    /** The procedure the labels say the conversation is on. */
    let current: string | null = null;
    let allRight = true;
    let lookedUp: string | null = null;
    c.turns.forEach((turn, index) => {
      now += 60_000;
      const out = runTurn({ text: turn.text, session, kb: options.kb, matcher: options.matcher, tFor: options.tFor, now });
      session = out.session;
      const got = observe(out.actions, session, out.understanding.followUp);
      const e = turn.expect;
      let expected: string | null = null;
      if (e.intent === 'procedure') {
        if (e.choice !== undefined) expected = lastOffered[e.choice - 1] ?? null;
        else if (e.decision !== 'clarify') expected = e.procedureId ?? current;
        if (expected) current = expected;
      }
      let verdict = judgeTopic(e, expected, got, lookedUp);
      if (got.dossierCode) lookedUp = got.dossierCode;
      const wantLanguage = e.language ?? 'vi';
      const languageWrong = verdict === 'right' && got.language !== wantLanguage;
      if (languageWrong) verdict = 'missed';
      let aspectRight: boolean | null = null;
      if (e.aspect && e.intent === 'procedure' && got.decision === 'answer' && got.procedureId === expected && expected !== null) {
        aspectRight = got.aspect === e.aspect;
        report.aspectChecked++;
        if (aspectRight) report.aspectRight++;
      }
      if (got.decision === 'clarify') lastOffered = got.offered;
      report.turns++;
      report[verdict]++;
      if (languageWrong) report.languageWrong++;
      if (verdict !== 'right' || aspectRight === false) allRight = false;
      bump(report.perIntent, e.intent, verdict);
      for (const tag of c.tags) bump(report.perTag, tag, verdict);
      report.outcomes.push({ conversation: c.id, tags: c.tags, index, text: turn.text, expect: e, expectedProcedure: expected, got, verdict, languageWrong, aspectRight });
    });
    if (allRight) report.conversationsAllRight++;
  }
  return report;
}

const pct = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(1) : '0.0') + ' %';

function describeGot(g: ObservedTurn): string {
  if (g.decision === 'clarify') return `clarify [${g.offered.join(', ')}]`;
  const bits = [g.decision, g.intent];
  if (g.procedureId) bits.push(g.procedureId);
  if (g.aspect) bits.push(`(${g.aspect})`);
  if (g.dossierCode) bits.push(g.dossierCode);
  if (g.followUp) bits.push('[carried over]');
  bits.push(g.language);
  return bits.join(' ');
}

function describeExpect(e: ExpectedTurn, expected: string | null): string {
  const bits = [e.intent];
  if (e.choice !== undefined) bits.push(`choice ${e.choice} → ${expected ?? '(nothing offered)'}`);
  else if (e.decision === 'clarify') bits.push(`clarify [${(e.procedureIds ?? []).join(', ')}]`);
  else if (expected) bits.push(expected);
  if (e.aspect) bits.push(`(${e.aspect})`);
  if (e.dossierCode !== undefined) bits.push(String(e.dossierCode));
  bits.push(e.language ?? 'vi');
  return bits.join(' ');
}

export function formatDialogueReport(r: DialogueReport, options: { misses?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`conversations: ${r.conversations} (all turns right: ${r.conversationsAllRight}, ${pct(r.conversationsAllRight, r.conversations)})`);
  lines.push(`turns:         ${r.turns}`);
  lines.push(`right:         ${r.right} (${pct(r.right, r.turns)})`);
  lines.push(`wrong:         ${r.wrong} (${pct(r.wrong, r.turns)})  answered with another procedure or intent`);
  lines.push(`missed:        ${r.missed} (${pct(r.missed, r.turns)})  asked, fell back, or right topic in the wrong language (${r.languageWrong})`);
  lines.push(`aspect right:  ${r.aspectRight}/${r.aspectChecked} (${pct(r.aspectRight, r.aspectChecked)}) of labelled aspects on right procedure answers`);
  const table = (title: string, map: DialogueReport['perIntent']) => {
    lines.push('', `${title} (right / wrong of total):`);
    for (const [k, s] of [...map].sort((a, b) => b[1].total - a[1].total)) {
      lines.push(`  ${k.padEnd(14)} ${pct(s.right, s.total).padStart(8)} right  ${String(s.wrong).padStart(3)} wrong  of ${s.total}`);
    }
  };
  table('per expected intent', r.perIntent);
  table('per tag', r.perTag);
  if (options.misses) {
    lines.push('', 'misses:');
    for (const o of r.outcomes) {
      if (o.verdict === 'right' && o.aspectRight !== false) continue;
      const tag = o.verdict === 'right' ? 'aspect' : o.languageWrong ? 'language' : o.verdict;
      lines.push(`  [${tag}] ${o.conversation}#${o.index + 1} ${o.text}\n      want ${describeExpect(o.expect, o.expectedProcedure)}; got ${describeGot(o.got)}`);
    }
  }
  return lines.join('\n');
}
