import { officialAspects } from '../knowledge/agreement.js';
import type { KnownProcedure } from '../knowledge/known-procedures.js';
import type { OfficialRecord } from '../knowledge/official.js';
import type { Aspect, Fee, LocalizedText, Procedure } from '../knowledge/schema.js';
import { fitBlocks, finishReply, formatDate, formatNumber, pick, type TextBlock } from './limits.js';
import { payload } from './payload.js';
import { officialDurationBlock, officialFeeBlock, officialSummary, renderOfficialAnswer, sourceLine } from './render-official.js';
import type { Language, Reply, ReplyButton, Translate } from './types.js';

/** Which other aspects an answer offers, in order of how often citizens ask next. */
const NEXT_ASPECTS: readonly Aspect[] = ['documents', 'fee', 'duration', 'place', 'online', 'steps', 'result', 'overview'];
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

/** Collects the texts of one answer in the reply language and remembers whether Vietnamese had to stand in. */
class Wording {
  usedVietnamese = false;
  constructor(readonly lang: Language, readonly t: Translate) {}
  of(text: LocalizedText): string {
    return pick(text, this.lang, () => {
      this.usedVietnamese = true;
    });
  }
}

function amount(n: number, w: Wording): string {
  return w.t('answer.fee.amount', { amount: formatNumber(n, w.lang) });
}

function feeIsFree(f: Fee): boolean {
  return f.kind === 'free' || (f.kind === 'amount' && f.amountVnd === 0);
}

/** One fee, never more certain than its source: council and unknown fees name who sets them and where to check. */
function feeLine(f: Fee, p: Procedure, w: Wording): string {
  const t = w.t;
  const label = clause(w.of(f.label));
  const url = p.officialUrl;
  let line: string;
  if (feeIsFree(f)) {
    line = f.certainty === 'confirmed' ? t('answer.fee.freeLine', { label }) : t('answer.fee.freeUnverified', { label, url });
  } else if (f.kind === 'amount') {
    const a = amount(f.amountVnd!, w);
    line = f.certainty === 'confirmed' ? t('answer.fee.amountLine', { label, amount: a }) : t('answer.fee.amountUnverified', { label, amount: a, url });
  } else if (f.kind === 'council') {
    line = t('answer.fee.council', { label, url });
  } else {
    line = t('answer.fee.unknown', { label, url });
  }
  const parts = [line];
  if (f.condition) parts.push(t('answer.fee.condition', { condition: clause(w.of(f.condition)) }));
  if (f.legalBasis) parts.push(t('answer.fee.legalBasis', { basis: f.legalBasis }));
  return parts.join('\n');
}

/** The fee in a few words, for the overview. */
function feeHeadline(p: Procedure, w: Wording): string {
  const t = w.t;
  // Content lists the common case first (e.g. "on time: free" before "late: set by the council").
  const main = p.fees[0]!;
  let text: string;
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

function durationMain(p: Procedure, w: Wording, short: boolean): string {
  const d = p.duration;
  const text = durationText(p, w);
  if (d.certainty === 'confirmed') return w.t(short ? 'answer.duration.short' : 'answer.duration.confirmed', { text });
  return w.t(short ? 'answer.duration.shortUnverified' : 'answer.duration.unverified', { text: lowerFirst(text), url: p.officialUrl });
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
        {
          lines: [
            w.of(p.summary),
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
    case 'fee':
      return [head, { lines: [], items: p.fees.map((f) => feeLine(f, p, w)), more: moreLine(p, w) }];
    case 'duration': {
      const d = p.duration;
      const lines = [durationMain(p, w, false)];
      if (d.condition) lines.push(t('answer.duration.condition', { condition: clause(w.of(d.condition)) }));
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
export function renderProcedureAnswer(procedure: Procedure, aspect: Aspect, lang: Language, t: Translate, official?: OfficialFacts): Reply {
  const w = new Wording(lang, t);
  const blocks = blocksFor(procedure, aspect, w, official);
  const { buttons, askFeedback } = buttonsFor(procedure, aspect, t);
  // An answer given from the record carries the record's date (in its source line), not the page's.
  const fromRecord = aspect !== 'overview' && official?.aspects.has(aspect);
  const tail: TextBlock = { lines: fromRecord ? [] : [t('answer.updated', { date: formatDate(procedure.verifiedAt) })] };
  if (askFeedback) tail.lines.push(t('answer.feedbackQuestion'));
  if (w.usedVietnamese) blocks.splice(1, 0, { lines: [t('answer.vietnameseOnlyNote')] });
  return finishReply(fitBlocks([...blocks, tail]), buttons);
}

/**
 * One aspect of a known procedure from the tier that should answer it: the curated page where there is one
 * (its fee and time from the official record where the record contradicts it or is surer), else the record.
 */
export function answerProcedure(known: KnownProcedure, aspect: Aspect, lang: Language, t: Translate): Reply {
  if (known.curated) {
    const official = known.official ? { record: known.official, aspects: officialAspects(known.curated, known.official) } : undefined;
    return renderProcedureAnswer(known.curated, aspect, lang, t, official);
  }
  return renderOfficialAnswer(known.official, known.id, aspect, lang, t);
}
