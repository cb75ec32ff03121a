import { officialAspects } from '../knowledge/agreement.js';
import type { KnownProcedure } from '../knowledge/known-procedures.js';
import type { OfficialRecord } from '../knowledge/official.js';
import type { Aspect, Fee, LocalizedText, Procedure } from '../knowledge/schema.js';
import { fitBlocks, finishReply, formatDate, formatNumber, pick, type TextBlock } from './limits.js';
import { payload } from './payload.js';
import { OFFICIAL_ANSWER_MAX, officialDurationBlock, officialFeeBlock, officialSummary, renderOfficialAnswer, sourceLine } from './render-official.js';
import { factsOnly, withoutInternalNotes } from './plain-wording.js';
import type { Language, Reply, ReplyButton, Translate } from './types.js';

/** Which other aspects an answer offers, in order of how often citizens ask next. */
const NEXT_ASPECTS: readonly Aspect[] = ['documents', 'fee', 'duration', 'place', 'online', 'steps', 'result', 'overview', 'legal'];
/** The overview already states body, time and fee headline: offer the details, and leave room for feedback. */
const OVERVIEW_NEXT: readonly Aspect[] = ['documents', 'fee'];
const ASPECT_BUTTONS_MAX = 4;

/** Drops the final full stop so that a content sentence can sit inside a locale sentence. */
function clause(s: string): string {
  const t = s.trim();
  let end = t.length;
  // A loop, not a `[.。]+$` regex: that one rescans every run of dots it meets (quadratic).
  while (end > 0 && (t[end - 1] === '.' || t[end - 1] === '。')) end--;
  return t.slice(0, end);
}

function lowerFirst(s: string): string {
  // Lower-case only an ordinary first word, never an acronym such as "UBND".
  const first = s.split(/\s/u)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Collects the texts of one answer in the reply language (without research notes), remembers whether
 * Vietnamese had to stand in, and whether a fact needs the answer's one caveat ("check the official page").
 */
class Wording {
  usedVietnamese = false;
  needsCaveat = false;
  constructor(readonly lang: Language, readonly t: Translate) {}
  of(text: LocalizedText): string {
    return withoutInternalNotes(
      pick(text, this.lang, () => {
        this.usedVietnamese = true;
      }),
    );
  }
  /** The text without its own "check the page" pointers: the caveat line says it once for the whole answer. */
  hedged(text: LocalizedText): string {
    this.needsCaveat = true;
    return factsOnly(pick(text, this.lang, () => (this.usedVietnamese = true)));
  }
}

function amount(n: number, w: Wording): string {
  return w.t('answer.fee.amount', { amount: formatNumber(n, w.lang) });
}

function feeIsFree(f: Fee): boolean {
  return f.kind === 'free' || (f.kind === 'amount' && f.amountVnd === 0);
}

/** One fee, never more certain than its source: council and unknown fees name who sets them and where to check. */
function feeLine(f: Fee, w: Wording, sharedBasis: boolean): string {
  const t = w.t;
  const label = clause(w.of(f.label));
  let line: string;
  // Only a confirmed amount stands alone; every other fee leans on the answer's one caveat line.
  const unsure = f.certainty !== 'confirmed' || f.kind === 'council' || f.kind === 'unknown';
  if (unsure) w.needsCaveat = true;
  if (feeIsFree(f)) {
    line = f.certainty === 'confirmed' ? t('answer.fee.freeLine', { label }) : t('answer.fee.freeUnverified', { label });
  } else if (f.kind === 'amount') {
    const a = amount(f.amountVnd!, w);
    line = f.certainty === 'confirmed' ? t('answer.fee.amountLine', { label, amount: a }) : t('answer.fee.amountUnverified', { label, amount: a });
  } else if (f.kind === 'council') {
    line = t('answer.fee.council', { label });
  } else {
    line = t('answer.fee.unknown', { label });
  }
  const parts = [line];
  // An unsure fee's condition may only say "check the page": the caveat line says that once.
  const condition = f.condition ? clause(unsure ? factsOnly(w.of(f.condition)) : w.of(f.condition)) : '';
  if (condition) parts.push(t('answer.fee.condition', { condition }));
  if (f.legalBasis && !sharedBasis) parts.push(t('answer.fee.legalBasis', { basis: f.legalBasis }));
  return parts.join('\n');
}

/** The fee in a few words, for the overview. */
function feeHeadline(p: Procedure, w: Wording): string {
  const t = w.t;
  // Content lists the common case first (e.g. "on time: free" before "late: set by the council").
  const main = p.fees[0]!;
  let text: string;
  if (main.certainty !== 'confirmed' || main.kind === 'council' || main.kind === 'unknown') w.needsCaveat = true;
  if (feeIsFree(main)) text = main.certainty === 'confirmed' ? t('answer.fee.freeShort') : t('answer.fee.freeShortUnverified');
  else if (main.kind === 'amount') {
    text = amount(main.amountVnd!, w);
    if (main.certainty !== 'confirmed') text = t('answer.fee.amountShortUnverified', { amount: text });
  } else if (main.kind === 'council') text = t('answer.fee.councilShort');
  else text = t('answer.fee.unknownShort');
  if (p.fees.length > 1) text = t('answer.fee.seeDetails', { fee: text });
  return text;
}

/** In English, a bare number of working days reads better than the Vietnamese sentence it would fall back to. */
function durationText(p: Procedure, w: Wording): string {
  const d = p.duration;
  if (w.lang === 'en' && !d.text.en && d.workingDays !== undefined && d.workingDays > 0) {
    return w.t('answer.workingDays', { count: d.workingDays });
  }
  return clause(w.of(d.text));
}

/**
 * An unsure time is said once: the content's own wording ("Khoảng 8 ngày…", "Thường…") without its notes and
 * pointers, "khoảng" added only to a bare figure, and the answer's caveat line for the rest.
 */
function durationMain(p: Procedure, w: Wording, short: boolean): string {
  const d = p.duration;
  if (d.certainty === 'confirmed') return w.t(short ? 'answer.duration.short' : 'answer.duration.confirmed', { text: durationText(p, w) });
  w.needsCaveat = true;
  const englishDays = w.lang === 'en' && !d.text.en && d.workingDays !== undefined && d.workingDays > 0;
  const facts = englishDays ? durationText(p, w) : clause(w.hedged(d.text));
  if (!facts) return w.t('answer.duration.unknown');
  const bare = /^\d/u.test(facts);
  return w.t(bare ? 'answer.duration.unverified' : 'answer.duration.short', { text: bare ? facts : lowerFirst(facts) });
}

function copyKind(doc: Procedure['documents'][number], w: Wording): string {
  const t = w.t;
  const bits: string[] = [];
  if (doc.form) bits.push(t('answer.documents.form', { form: doc.form }));
  if (doc.copy) bits.push(t(`answer.documents.copy.${doc.copy}`));
  if (doc.quantity && doc.quantity > 1) bits.push(t('answer.documents.quantity', { count: doc.quantity }));
  if (doc.conditional) bits.push(t('answer.documents.conditional'));
  return bits.length ? ` (${bits.join(', ')})` : '';
}

function moreLine(p: Procedure, w: Wording): (dropped: number) => string {
  return (count) => w.t('answer.more', { count, url: p.officialUrl });
}

/** The official record of a curated page and the aspects whose facts come from it (see knowledge/agreement.ts). */
export interface OfficialFacts {
  record: OfficialRecord;
  aspects: ReadonlySet<Aspect>;
}

function blocksFor(p: Procedure, aspect: Aspect, w: Wording, official?: OfficialFacts): TextBlock[] {
  const t = w.t;
  const name = w.of(p.name);
  const heading =
    aspect === 'overview' ? t('answer.headingOverview', { name }) : t('answer.heading', { name, aspect: t(`answer.aspect.${aspect}`) });
  const head: TextBlock = { lines: [heading] };
  // A fact the record contradicts, or states where the page is unsure, is given from the record, said as such.
  const fromRecord = (a: 'fee' | 'duration') => (official?.aspects.has(a) ? official.record : undefined);
  const feeRecord = fromRecord('fee');
  const timeRecord = fromRecord('duration');
  if ((aspect === 'fee' && feeRecord) || (aspect === 'duration' && timeRecord)) {
    const record = (feeRecord ?? timeRecord)!;
    const block = aspect === 'fee' ? officialFeeBlock(record, w.lang, t) : officialDurationBlock(record, w.lang, t);
    return [head, { lines: [sourceLine(record, t)] }, block];
  }
  switch (aspect) {
    case 'overview':
      return [
        head,
        // What the procedure is gives way first: the time and the fee are what the overview is for.
        { lines: [w.of(p.summary)], shortenFirst: true },
        {
          lines: [
            t('answer.overview.body', { body: clause(w.of(p.body)) }),
            timeRecord ? officialSummary(timeRecord, 'time', w.lang, t, true) : durationMain(p, w, true),
            feeRecord ? officialSummary(feeRecord, 'fee', w.lang, t, true) : t('answer.overview.fee', { fee: feeHeadline(p, w) }),
          ],
        },
      ];
    case 'documents':
      return [
        head,
        {
          lines: [t('answer.documents.intro')],
          items: p.documents.map((d, i) => {
            const note = d.note ? ` – ${clause(w.of(d.note))}` : '';
            return `${i + 1}. ${clause(w.of(d.name))}${copyKind(d, w)}${note}`;
          }),
          more: moreLine(p, w),
        },
      ];
    case 'fee': {
      // One legal basis for every fee is said once, after the list: the fees themselves fit the screen.
      const basis = p.fees[0]?.legalBasis;
      const shared = p.fees.length > 1 && basis !== undefined && p.fees.every((f) => f.legalBasis === basis);
      const blocks: TextBlock[] = [head, { lines: [], items: p.fees.map((f) => feeLine(f, w, shared)), more: moreLine(p, w) }];
      if (shared) blocks.push({ lines: [t('answer.legalBasis', { basis })] });
      return blocks;
    }
    case 'duration': {
      const d = p.duration;
      const lines = [durationMain(p, w, false)];
      const condition = d.condition ? clause(d.certainty === 'confirmed' ? w.of(d.condition) : factsOnly(w.of(d.condition))) : '';
      if (condition) lines.push(t('answer.duration.condition', { condition }));
      if (d.legalBasis) lines.push(t('answer.legalBasis', { basis: d.legalBasis }));
      return [head, { lines }];
    }
    case 'place':
      return [
        head,
        { lines: [t('answer.place.body', { body: clause(w.of(p.body)) }), t('answer.place.where')], items: p.submission.places.map((pl) => `• ${clause(w.of(pl))}`), more: moreLine(p, w) },
        { lines: [t('answer.place.channels', { channels: p.submission.channels.map((c) => t(`answer.channel.${c}`)).join(', ') })] },
      ];
    case 'online': {
      const o = p.online;
      const url = o.url ?? p.officialUrl;
      const lines = [t(`answer.online.${o.availability}`, { url })];
      if (o.note) lines.push(w.of(o.note));
      return [head, { lines }];
    }
    case 'steps':
      return [head, { lines: [], items: p.steps.map((s, i) => `${i + 1}. ${w.of(s)}`), more: moreLine(p, w) }];
    case 'result':
      return [head, { lines: [w.of(p.result)] }];
    case 'legal':
      // Documents are cited by their Vietnamese titles: an English answer says so (w.of marks the stand-in).
      return [head, { lines: [t('answer.legalIntro')], items: p.legalBasis.map((b) => `• ${clause(w.of({ vi: b }))}`), more: moreLine(p, w) }];
  }
}

function aspectButton(p: Procedure, aspect: Aspect, t: Translate): ReplyButton {
  return { kind: 'query', title: t(`answer.button.${aspect}`), payload: payload.procedure(p.id, aspect) };
}

/** The link of an answer: the online filing page when filing online is possible, else the official procedure page. */
function linkButton(p: Procedure, t: Translate): ReplyButton {
  if (p.online.availability !== 'none' && p.online.url) return { kind: 'url', title: t('common.button.onlineSubmit'), url: p.online.url };
  return { kind: 'url', title: t('common.button.officialPage'), url: p.officialUrl };
}

function buttonsFor(p: Procedure, aspect: Aspect, t: Translate): { buttons: ReplyButton[]; askFeedback: boolean } {
  const candidates = aspect === 'overview' ? OVERVIEW_NEXT : NEXT_ASPECTS;
  const next = candidates
    .filter((a) => a !== aspect)
    .filter((a) => !(a === 'online' && p.online.availability === 'none'))
    .slice(0, ASPECT_BUTTONS_MAX);
  const buttons = [...next.map((a) => aspectButton(p, a, t)), linkButton(p, t)];
  const askFeedback = aspect === 'overview' && buttons.length <= 3;
  if (askFeedback) {
    buttons.push(
      { kind: 'query', title: t('answer.button.helpful'), payload: payload.feedback(true, p.id) },
      { kind: 'query', title: t('answer.button.notHelpful'), payload: payload.feedback(false, p.id) },
    );
  }
  return { buttons, askFeedback };
}

/** One aspect of one curated procedure, sourced and within Zalo's limits; the rest is a button away. */
export function renderProcedureAnswer(procedure: Procedure, aspect: Aspect, lang: Language, t: Translate, official?: OfficialFacts, max = OFFICIAL_ANSWER_MAX): Reply {
  const w = new Wording(lang, t);
  const blocks = blocksFor(procedure, aspect, w, official);
  const { buttons, askFeedback } = buttonsFor(procedure, aspect, t);
  // An answer given from the record carries the record's date (in its source line), not the page's.
  const fromRecord = aspect !== 'overview' && official?.aspects.has(aspect);
  const tail: TextBlock = { lines: fromRecord ? [] : [t('answer.updated', { date: formatDate(procedure.verifiedAt) })] };
  if (askFeedback) tail.lines.push(t('answer.feedbackQuestion'));
  if (w.usedVietnamese) blocks.splice(1, 0, { lines: [t('answer.vietnameseOnlyNote')] });
  // One phone screen; what does not fit is behind "Xem đầy đủ" (the official page).
  const seeFull = t('answer.seeFull', { url: procedure.officialUrl });
  const fit = (caveat: string | null) => fitBlocks([...blocks, ...(caveat ? [{ lines: [caveat] }] : []), tail], max, seeFull);
  // One caveat per answer, whatever number of its facts are unsure (issue 11 point 7). The link is given once:
  // in the caveat, unless a "Xem đầy đủ" line for a cut list or text already carries it.
  if (!w.needsCaveat) return finishReply(fit(null), buttons);
  const linkElsewhere = fit(t('answer.caveatShort'));
  return finishReply(linkElsewhere.includes(procedure.officialUrl) ? linkElsewhere : fit(t('answer.caveat', { url: procedure.officialUrl })), buttons);
}

/**
 * One aspect of a known procedure from the tier that should answer it: the curated page where there is one
 * (its fee and time from the official record where the record contradicts it or is surer), else the record.
 */
export function answerProcedure(known: KnownProcedure, aspect: Aspect, lang: Language, t: Translate, max = OFFICIAL_ANSWER_MAX): Reply {
  if (known.curated) {
    const official = known.official ? { record: known.official, aspects: officialAspects(known.curated, known.official) } : undefined;
    return renderProcedureAnswer(known.curated, aspect, lang, t, official, max);
  }
  return renderOfficialAnswer(known.official, known.id, aspect, lang, t, max);
}
