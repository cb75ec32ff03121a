import { ASPECTS, type Aspect, type KnowledgeBase, type Procedure, type SystemIntent } from '../knowledge/schema.js';
import { analyse, featuresOf, pickAspect, type Analysis } from './analyse.js';
import { findDossierCodes, findNationalCode, findPhone } from './entities.js';
import { detectLanguage } from './language.js';
import { compileLexicon, SYNONYM_PREFIX, type CompiledLexicon, type Tokens } from './lexicon.js';
import { SearchIndex, type IndexField } from './search-index.js';
import { Speller } from './speller.js';
import type { Alternative, DecisionThresholds, IntentName, Matcher, UnderstandContext, Understanding } from './types.js';

export const DEFAULT_THRESHOLDS: DecisionThresholds = { answer: 0.42, clarify: 0.22, margin: 0.2, system: 0.45 };

export interface MatcherOptions {
  thresholds?: Partial<DecisionThresholds>;
}

/** Field weights of BM25F: a procedure's name says more than one of its sample phrasings. */
const WEIGHT = { name: 3, nameEn: 2, keyword: 2, phrasing: 1 } as const;
/** Query-side weights: accents confirm a syllable but are not a syllable of their own. */
const QUERY_WEIGHT = { unigram: 1, bigram: 1, accented: 0.5, repaired: 0.8 } as const;
/** What an unknown syllable would have scored: it lowers the coverage of messages about something else. */
const UNKNOWN_PENALTY = 1.6;
/** A candidate of a pending clarification weighs this much more. */
const PENDING_BOOST = 1.5;
/** Procedures offered in a clarification score at least this share of the best one. */
const CLARIFY_SHARE = 0.55;
const MAX_CANDIDATES = 3;
const TOP = 4;

interface DocRef {
  procedure?: Procedure;
  intent?: SystemIntent;
}

const INTENT_OF_KIND: Record<SystemIntent['kind'], IntentName> = {
  greeting: 'greeting',
  thanks: 'thanks',
  help: 'help',
  handoff: 'handoff',
  language: 'language',
  dossier_status: 'dossier_status',
  feedback: 'feedback',
  out_of_scope: 'out_of_scope',
  follow_dossier: 'follow_dossier',
  unfollow_dossier: 'unfollow_dossier',
};

const PAYLOAD = /^#p:([a-z0-9-]+)(?::([a-z]+))?$/;
const CHOICE = /^\s*(?:so|số|cai|cái|thu|thứ|number|no\.?|#)?\s*([1-3])\s*$/i;

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

class VietnameseMatcher implements Matcher {
  private readonly lex: CompiledLexicon;
  private readonly docs: DocRef[] = [];
  private readonly index: SearchIndex;
  private readonly speller: Speller;
  private readonly procedureDoc = new Map<string, number>();
  private readonly byNationalCode = new Map<string, Procedure>();
  private readonly thresholds: DecisionThresholds;
  /** Reused query buffers: a message never has more than a few hundred features. */
  private featureIds = new Int32Array(256);
  private featureWeights = new Float64Array(256);
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly topDocs = new Int32Array(TOP);
  private readonly topScores = new Float64Array(TOP);

  constructor(kb: KnowledgeBase, options: MatcherOptions) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
    this.lex = compileLexicon(kb.lexicon);
    const known = new Map<string, number>();
    const fieldsPerDoc: IndexField[][] = [];
    const field = (texts: string[], weight: number): IndexField => {
      const features: string[] = [];
      for (const t of texts) {
        const a = analyse(t, this.lex);
        for (const s of new Set(a.expanded.folded)) known.set(s, (known.get(s) ?? 0) + 1);
        featuresOf(a.content, features);
      }
      return { features, weight };
    };
    for (const p of kb.procedures) {
      this.procedureDoc.set(p.id, this.docs.length);
      if (p.nationalCode) this.byNationalCode.set(p.nationalCode, p);
      this.docs.push({ procedure: p });
      const fields = [field([p.name.vi], WEIGHT.name), field(p.keywords, WEIGHT.keyword), field(p.phrasings, WEIGHT.phrasing)];
      if (p.name.en) fields.push(field([p.name.en], WEIGHT.nameEn));
      fieldsPerDoc.push(fields);
    }
    for (const intent of kb.intents) {
      this.docs.push({ intent });
      fieldsPerDoc.push([field(intent.phrasings, WEIGHT.phrasing)]);
    }
    for (const w of this.lex.stopwords) if (!known.has(w)) known.set(w, 1);
    this.index = new SearchIndex(fieldsPerDoc);
    this.speller = new Speller(known);
    this.seen = new Int32Array(Math.max(1, countFeatures(this.index)));
  }

  /** Syllables the last repair produced (they weigh a little less than typed ones). */
  private readonly repaired = new Set<string>();
  private repair = (tokens: Tokens): Tokens => {
    let changed = false;
    const folded: string[] = [];
    const accented: string[] = [];
    for (let i = 0; i < tokens.folded.length; i++) {
      const f = tokens.folded[i]!;
      if (this.speller.has(f) || /\d/.test(f) || f.startsWith(SYNONYM_PREFIX)) {
        folded.push(f);
        accented.push(tokens.accented[i]!);
        continue;
      }
      const split = f.length >= 5 ? this.speller.split(f) : null;
      const fixed = split ? null : this.speller.correct(f);
      if (split) {
        folded.push(split[0], split[1]);
        accented.push('', '');
        this.repaired.add(split[0]).add(split[1]);
        changed = true;
      } else if (fixed) {
        folded.push(fixed);
        accented.push('');
        this.repaired.add(fixed);
        changed = true;
      } else {
        folded.push(f);
        accented.push(tokens.accented[i]!);
      }
    }
    return changed ? { folded, accented } : tokens;
  };

  /** Builds the query vector; returns its length and the coverage denominator (a perfect match's score). */
  private query(a: Analysis, repairedFrom: Set<string>): { count: number; self: number; unknown: number } {
    const stamp = ++this.stamp;
    let count = 0;
    let self = 0;
    let unknown = 0;
    const push = (feature: string, weight: number): void => {
      const id = this.index.featureId(feature);
      if (id === undefined) return;
      if (this.seen[id] === stamp) return;
      this.seen[id] = stamp;
      if (!this.index.informative(id)) return;
      if (count === this.featureIds.length) {
        const ids = new Int32Array(count * 2);
        ids.set(this.featureIds);
        this.featureIds = ids;
        const ws = new Float64Array(count * 2);
        ws.set(this.featureWeights);
        this.featureWeights = ws;
      }
      this.featureIds[count] = id;
      this.featureWeights[count] = weight;
      self += weight * this.index.maxWeight[id]!;
      count++;
    };
    const { folded, accented } = a.content;
    for (let i = 0; i < folded.length; i++) {
      const f = folded[i]!;
      if (this.index.featureId(f) === undefined && !this.speller.has(f) && !/^\d+$/.test(f)) {
        unknown++;
        self += UNKNOWN_PENALTY;
      }
      push(f, repairedFrom.has(f) ? QUERY_WEIGHT.repaired : QUERY_WEIGHT.unigram);
      const acc = accented[i]!;
      if (acc !== '' && acc !== f) push('~' + acc, QUERY_WEIGHT.accented);
      if (i > 0) push(folded[i - 1]! + ' ' + f, QUERY_WEIGHT.bigram);
    }
    return { count, self, unknown };
  }

  understand(text: string, context: UnderstandContext = {}): Understanding {
    const payload = PAYLOAD.exec(text.trim());
    if (payload) {
      const p = this.procedure(payload[1]!);
      if (p) {
        const aspect = (ASPECTS as readonly string[]).includes(payload[2] ?? '') ? (payload[2] as Aspect) : 'overview';
        return this.result(text, { decision: 'answer', intent: 'procedure', procedureId: p.id, aspect, confidence: 1 });
      }
    }

    const { codes, rest } = findDossierCodes(text);
    let body = codes.length ? rest : text;
    const national = findNationalCode(body);
    if (national) body = national.rest;
    const phone = findPhone(body);
    if (phone) body = phone.rest;
    const entities: Understanding['entities'] = {};
    if (national) entities.nationalCode = national.value;
    if (phone) entities.phone = phone.value;

    this.repaired.clear();
    const a = analyse(body, this.lex, this.repair);
    const repairedFrom = this.repaired;
    const language = detectLanguage(a.original.accented, a.original.folded);
    const aspect = pickAspect(a.aspectHits);
    const base = { language, entities };

    // Pending clarification: "1", "2", "3" pick a candidate.
    const pending = context.pendingCandidates?.filter((id) => this.procedureDoc.has(id)) ?? [];
    const choice = pending.length ? CHOICE.exec(text) : null;
    if (choice) {
      const picked = pending[Number(choice[1]) - 1];
      if (picked) return this.result(text, { ...base, decision: 'answer', intent: 'procedure', procedureId: picked, aspect: aspect ?? 'overview', confidence: 1 });
    }

    const q = this.query(a, repairedFrom);
    const touched = this.index.search(this.featureIds, this.featureWeights, q.count);
    const pendingDocs = new Set(pending.map((id) => this.procedureDoc.get(id)!));

    // Best procedures and the best system intent; follow/unfollow/status kept apart for dossier codes.
    let procCount = 0;
    this.topScores.fill(0);
    let sysDoc = -1;
    let sysScore = 0;
    const kindScore: Partial<Record<SystemIntent['kind'], number>> = {};
    for (let i = 0; i < touched; i++) {
      const d = this.index.touchedDoc(i);
      let s = this.index.score(d);
      const ref = this.docs[d]!;
      if (ref.intent) {
        const k = ref.intent.kind;
        if ((kindScore[k] ?? 0) < s) kindScore[k] = s;
        if (s > sysScore) {
          sysScore = s;
          sysDoc = d;
        }
        continue;
      }
      if (pendingDocs.has(d)) s *= PENDING_BOOST;
      if (s <= this.topScores[TOP - 1]!) continue;
      let j = TOP - 1;
      while (j > 0 && this.topScores[j - 1]! < s) {
        this.topScores[j] = this.topScores[j - 1]!;
        this.topDocs[j] = this.topDocs[j - 1]!;
        j--;
      }
      this.topScores[j] = s;
      this.topDocs[j] = d;
      procCount = Math.min(TOP, procCount + 1);
    }
    const self = q.self > 0 ? q.self : 1;
    const coverage = (s: number): number => Math.min(1, s / self);
    const p1 = procCount ? this.topScores[0]! : 0;
    const p2 = procCount > 1 ? this.topScores[1]! : 0;
    const covP = coverage(p1);
    const covS = coverage(sysScore);
    const topProcedure = procCount ? this.docs[this.topDocs[0]!]!.procedure! : null;
    const alternatives = (from: number, minShare: number): Alternative[] => {
      const out: Alternative[] = [];
      for (let j = from; j < procCount && out.length < MAX_CANDIDATES; j++) {
        const s = this.topScores[j]!;
        if (s < p1 * minShare) break;
        out.push({ procedureId: this.docs[this.topDocs[j]!]!.procedure!.id, confidence: round(coverage(s)) });
      }
      return out;
    };

    if (codes.length) {
      const follow = kindScore.follow_dossier ?? 0;
      const unfollow = kindScore.unfollow_dossier ?? 0;
      const best = Math.max(follow, unfollow);
      const intent: IntentName = coverage(best) >= 0.25 ? (unfollow >= follow ? 'unfollow_dossier' : 'follow_dossier') : 'dossier_status';
      return this.result(text, { ...base, decision: 'answer', intent, intentId: intent, dossierCode: codes[0]!, confidence: 1 });
    }

    if (national) {
      const p = this.byNationalCode.get(national.value);
      if (p) return this.result(text, { ...base, decision: 'answer', intent: 'procedure', procedureId: p.id, aspect: aspect ?? 'overview', confidence: 1 });
    }

    const t = this.thresholds;
    const last = context.lastProcedureId && this.procedureDoc.has(context.lastProcedureId) ? context.lastProcedureId : null;
    const sysWins = sysDoc >= 0 && covS >= t.system && sysScore >= p1;

    // An aspect asked on its own continues the conversation about the last procedure.
    if (aspect && last && !sysWins && (a.content.folded.length === 0 || covP < t.answer || topProcedure?.id === last)) {
      return this.result(text, { ...base, decision: 'answer', intent: 'procedure', procedureId: last, aspect, confidence: round(Math.max(0.6, covP)), followUp: true });
    }

    if (sysWins) {
      const intent = this.docs[sysDoc]!.intent!;
      return this.result(text, {
        ...base,
        language: intent.kind === 'language' && intent.language ? intent.language : language,
        decision: 'answer',
        intent: INTENT_OF_KIND[intent.kind],
        intentId: intent.id,
        confidence: round(covS),
      });
    }

    if (topProcedure) {
      const margin = p1 > 0 ? (p1 - p2) / p1 : 0;
      const pendingHit = pendingDocs.has(this.topDocs[0]!);
      if ((covP >= t.answer && margin >= t.margin) || (pendingHit && covP >= t.clarify)) {
        return this.result(text, {
          ...base,
          decision: 'answer',
          intent: 'procedure',
          procedureId: topProcedure.id,
          aspect: aspect ?? 'overview',
          confidence: round(covP),
          alternatives: alternatives(1, CLARIFY_SHARE),
        });
      }
      if (covP >= t.clarify) {
        return this.result(text, {
          ...base,
          decision: 'clarify',
          intent: 'procedure',
          procedureId: topProcedure.id,
          aspect: aspect ?? 'overview',
          confidence: round(covP),
          alternatives: alternatives(0, CLARIFY_SHARE),
        });
      }
    }
    return this.result(text, { ...base, decision: 'fallback', intent: 'fallback', aspect, confidence: round(Math.max(covP, covS)) });
  }

  private procedure(id: string): Procedure | undefined {
    const d = this.procedureDoc.get(id);
    return d === undefined ? undefined : this.docs[d]!.procedure;
  }

  private result(text: string, u: Partial<Understanding> & Pick<Understanding, 'decision' | 'intent' | 'confidence'>): Understanding {
    return {
      text,
      decision: u.decision,
      intent: u.intent,
      intentId: u.intentId ?? null,
      procedureId: u.procedureId ?? null,
      aspect: u.aspect ?? null,
      dossierCode: u.dossierCode ?? null,
      confidence: u.confidence,
      alternatives: u.alternatives ?? [],
      language: u.language ?? 'vi',
      followUp: u.followUp ?? false,
      entities: u.entities ?? {},
    };
  }
}

function countFeatures(index: SearchIndex): number {
  let n = 0;
  for (const _ of index.features()) n++;
  return n;
}

/** Builds the matcher for one version of the knowledge base (all precomputation happens here). */
export function buildMatcher(kb: KnowledgeBase, options: MatcherOptions = {}): Matcher {
  return new VietnameseMatcher(kb, options);
}
