/**
 * Answers from the official tier: what the national catalogue's record says, said as what it is ("Theo Cơ sở
 * dữ liệu quốc gia về thủ tục hành chính, cập nhật …"), with the official page a tap away. Nothing the record
 * lacks is filled in: an unknown cell reads "no clear information" and points to the page. Each answer fits a
 * phone screen; long lists show their first items and "Xem đầy đủ" with the link.
 */
import { legalBasisTitle, type ChannelTerms, type OfficialChannel, type OfficialDocument, type OfficialRecord } from '../knowledge/official.js';
import type { Aspect } from '../knowledge/schema.js';
import { fitBlocks, finishReply, formatDate, formatNumber, truncate, type TextBlock } from './limits.js';
import { payload } from './payload.js';
import type { Language, Reply, ReplyButton, Translate } from './types.js';

/** About one phone screen (curated answers keep to the same). */
export const OFFICIAL_ANSWER_MAX = 600;
/** A single list item (a document, a step) longer than this is cut: the page has the rest. */
const ITEM_MAX = 140;
const NAME_MAX = 120;
/** A legal document's title is cut shorter, its number never: the number is what a citizen looks a document up by. */
const LEGAL_TITLE_MAX = 70;
const CHANNEL_ORDER: readonly OfficialChannel[] = ['online', 'in_person', 'post'];
const NEXT_ASPECTS: readonly Aspect[] = ['documents', 'fee', 'duration', 'place', 'online', 'steps', 'result', 'overview', 'legal'];
const OVERVIEW_NEXT: readonly Aspect[] = ['documents', 'fee'];
const ASPECT_BUTTONS_MAX = 4;

function clause(s: string): string {
  return s.trim().replace(/[.;:,]+$/u, '');
}

/** A list item as the page prints it, without its own bullet ("+ Đề nghị…", "- Trường hợp…"). */
function item(s: string): string {
  return clause(s.replace(/^[-+•*]+\s*/u, ''));
}

/** The date the record speaks for: the portal's last change when known, else the day it was read. */
export function officialDate(record: OfficialRecord): string {
  return formatDate(record.updatedAt ?? record.retrievedAt);
}

export function sourceLine(record: OfficialRecord, t: Translate): string {
  return t('answer.official.source', { date: officialDate(record) });
}

function timeText(c: ChannelTerms, lang: Language, t: Translate): string {
  if (c.time.kind === 'unknown') return t('answer.official.unclear');
  return t(`answer.official.time.${c.time.unit}`, { count: c.time.amount, amount: formatNumber(c.time.amount, lang) });
}

function feeText(c: ChannelTerms, lang: Language, t: Translate): string {
  if (c.fee.kind === 'unknown') return t('answer.official.unclear');
  if (c.fee.kind === 'free') return t('answer.official.free');
  return c.fee.amounts
    .map((m) => {
      const sum = t(`answer.official.money.${m.currency}`, { amount: formatNumber(m.amount, lang) });
      return m.label ? `${sum} (${clause(m.label)})` : sum;
    })
    .join('; ');
}

/** Per channel, its distinct values in the record's order (several rows may share a channel). */
function perChannel(record: OfficialRecord, value: (c: ChannelTerms) => string): { channel: OfficialChannel; values: string[] }[] {
  const out: { channel: OfficialChannel; values: string[] }[] = [];
  for (const channel of CHANNEL_ORDER) {
    const values = [...new Set(record.channels.filter((c) => c.channel === channel).map(value))];
    if (values.length) out.push({ channel, values });
  }
  return out;
}

/** One line per channel, or a single line when every channel says the same. */
function channelLines(record: OfficialRecord, value: (c: ChannelTerms) => string, t: Translate): string[] {
  const rows = perChannel(record, value);
  const all = [...new Set(rows.flatMap((r) => r.values))];
  if (rows.length > 1 && all.length === 1) return [t('answer.official.everyChannel', { value: all[0] })];
  return rows.map((r) => t('answer.official.channelLine', { channel: t(`answer.official.channel.${r.channel}`), value: r.values.join('; ') }));
}

function hasUnclear(record: OfficialRecord, kind: 'time' | 'fee'): boolean {
  return record.channels.some((c) => (kind === 'time' ? c.time.kind : c.fee.kind) === 'unknown');
}

/** The record's fee facts, channel by channel, as one block (also used when a curated fee gives way). */
export function officialFeeBlock(record: OfficialRecord, lang: Language, t: Translate): TextBlock {
  if (record.channels.length === 0) return { lines: [t('answer.official.noChannels', { url: record.sourceUrl })] };
  const lines = [t('answer.official.feeIntro'), ...channelLines(record, (c) => feeText(c, lang, t), t)];
  if (hasUnclear(record, 'fee')) lines.push(t('answer.official.checkUnclear', { url: record.sourceUrl }));
  return { lines };
}

export function officialDurationBlock(record: OfficialRecord, lang: Language, t: Translate): TextBlock {
  if (record.channels.length === 0) return { lines: [t('answer.official.noChannels', { url: record.sourceUrl })] };
  const lines = [t('answer.official.timeIntro'), ...channelLines(record, (c) => timeText(c, lang, t), t)];
  if (hasUnclear(record, 'time')) lines.push(t('answer.official.checkUnclear', { url: record.sourceUrl }));
  return { lines };
}

/**
 * The time or fee in a few words for an overview: one value, "depends on the channel", or unclear. `sourced`
 * names the database in the line (a curated overview quoting the record).
 */
export function officialSummary(record: OfficialRecord, kind: 'time' | 'fee', lang: Language, t: Translate, sourced = false): string {
  const values = [...new Set(record.channels.map((c) => (kind === 'time' ? timeText(c, lang, t) : feeText(c, lang, t))))];
  const value = values.length === 1 ? values[0]! : values.length === 0 ? t('answer.official.unclear') : t('answer.official.byChannel');
  return t(`answer.official.${kind}Summary${sourced ? 'Sourced' : ''}`, { value });
}

function levelsText(record: OfficialRecord, t: Translate): string | null {
  const names = (['commune', 'province', 'ministry', 'other'] as const).filter((l) => record.levels[l]).map((l) => t(`answer.official.level.${l}`));
  return names.length ? t('answer.official.levels', { levels: names.join(', ') }) : null;
}

function agencyLine(record: OfficialRecord, t: Translate): string | null {
  return record.agencies.length ? t('answer.official.agency', { agencies: record.agencies.slice(0, 3).join('; ') }) : null;
}

function quantity(d: OfficialDocument, t: Translate): string {
  const bits: string[] = [];
  if (d.originals) bits.push(t('answer.official.originals', { count: d.originals }));
  if (d.copies) bits.push(t('answer.official.copies', { count: d.copies }));
  return bits.length ? ` (${bits.join(', ')})` : '';
}

function more(record: OfficialRecord, t: Translate): (count: number) => string {
  return (count) => t('answer.official.more', { count, url: record.sourceUrl });
}

function none(record: OfficialRecord, t: Translate): TextBlock {
  return { lines: [t('answer.official.none', { url: record.sourceUrl })] };
}

function bodyBlocks(record: OfficialRecord, aspect: Aspect, lang: Language, t: Translate): TextBlock[] {
  switch (aspect) {
    case 'overview':
      return [
        {
          lines: [
            agencyLine(record, t),
            levelsText(record, t),
            record.field ? t('answer.official.field', { field: record.field }) : null,
            record.channels.length ? officialSummary(record, 'time', lang, t) : null,
            record.channels.length ? officialSummary(record, 'fee', lang, t) : null,
          ].filter((l): l is string => l !== null),
        },
      ];
    case 'documents': {
      const groups = record.documents;
      if (groups.length === 0) return [none(record, t)];
      const first = groups[0]!;
      const lines = [first.case ? t('answer.official.documentsCase', { case: truncate(item(first.case), 90) }) : t('answer.official.documentsIntro')];
      // Bullets, not numbers: the page's own names often start with their letter ("a) Tờ khai…").
      const items = first.documents.map((d) => `• ${truncate(item(d.name), ITEM_MAX)}${quantity(d, t)}`);
      const blocks: TextBlock[] = [{ lines, items, more: more(record, t) }];
      if (groups.length > 1) blocks.push({ lines: [t('answer.official.otherCases', { count: groups.length - 1, url: record.sourceUrl })] });
      return blocks;
    }
    case 'fee':
      return [officialFeeBlock(record, lang, t)];
    case 'duration':
      return [officialDurationBlock(record, lang, t)];
    case 'place': {
      const lines = [agencyLine(record, t), record.receivingAddress ? t('answer.official.address', { address: truncate(clause(record.receivingAddress), 200) }) : null].filter(
        (l): l is string => l !== null,
      );
      const channels = CHANNEL_ORDER.filter((c) => record.channels.some((r) => r.channel === c));
      if (channels.length) lines.push(t('answer.official.channels', { channels: channels.map((c) => t(`answer.channel.${c}`)).join(', ') }));
      return lines.length ? [{ lines }] : [none(record, t)];
    }
    case 'online': {
      const channels = CHANNEL_ORDER.filter((c) => record.channels.some((r) => r.channel === c));
      if (record.fullyOnline === true) return [{ lines: [t('answer.official.onlineFull', { url: record.sourceUrl })] }];
      if (channels.includes('online')) return [{ lines: [t('answer.official.onlineYes', { url: record.sourceUrl })] }];
      if (channels.length) return [{ lines: [t('answer.official.onlineNo', { channels: channels.map((c) => t(`answer.channel.${c}`)).join(', '), url: record.sourceUrl })] }];
      return [none(record, t)];
    }
    case 'steps':
      if (record.steps.length === 0) return [none(record, t)];
      return [{ lines: [], items: record.steps.map((s) => truncate(s.replace(/\s*\n\s*/g, ' '), ITEM_MAX)), more: more(record, t) }];
    case 'result':
      if (record.results.length === 0) return [none(record, t)];
      return [{ lines: [t('answer.official.resultIntro')], items: record.results.map((r) => `• ${truncate(item(r), ITEM_MAX)}`), more: more(record, t) }];
    case 'legal':
      if (record.legalBasis.length === 0) return [none(record, t)];
      return [{ lines: [t('answer.legalIntro')], items: record.legalBasis.map((b) => `• ${legalBasisTitle({ ...b, title: truncate(item(b.title), LEGAL_TITLE_MAX) })}`), more: more(record, t) }];
  }
}

function buttons(record: OfficialRecord, id: string, aspect: Aspect, t: Translate): { buttons: ReplyButton[]; askFeedback: boolean } {
  const next = (aspect === 'overview' ? OVERVIEW_NEXT : NEXT_ASPECTS).filter((a) => a !== aspect).slice(0, ASPECT_BUTTONS_MAX);
  const out: ReplyButton[] = [...next.map((a): ReplyButton => ({ kind: 'query', title: t(`answer.button.${a}`), payload: payload.procedure(id, a) })), { kind: 'url', title: t('common.button.officialPage'), url: record.sourceUrl }];
  const askFeedback = aspect === 'overview';
  if (askFeedback) {
    out.push({ kind: 'query', title: t('answer.button.helpful'), payload: payload.feedback(true, id) }, { kind: 'query', title: t('answer.button.notHelpful'), payload: payload.feedback(false, id) });
  }
  return { buttons: out, askFeedback };
}

/** One aspect of a catalogue procedure, from its official record. `id` is the procedure's id for the buttons. */
export function renderOfficialAnswer(record: OfficialRecord, id: string, aspect: Aspect, lang: Language, t: Translate, max = OFFICIAL_ANSWER_MAX): Reply {
  // Official names run to several lines; the page carries the whole name.
  const name = truncate(record.name, NAME_MAX);
  const heading = aspect === 'overview' ? t('answer.headingOverview', { name }) : t('answer.heading', { name, aspect: t(`answer.aspect.${aspect}`) });
  const head: TextBlock = { lines: [heading, sourceLine(record, t)] };
  // Names, agencies and documents are published in Vietnamese only.
  if (lang === 'en') head.lines.push(t('answer.vietnameseOnlyNote'));
  const { buttons: bs, askFeedback } = buttons(record, id, aspect, t);
  const tail: TextBlock = { lines: askFeedback ? [t('answer.feedbackQuestion')] : [] };
  const text = fitBlocks([head, ...bodyBlocks(record, aspect, lang, t), tail], max, t('answer.seeFull', { url: record.sourceUrl }));
  // A name or an item cut short ("…"): the page's button says what it holds, the full text.
  const cut = text.includes('…');
  return finishReply(text, cut ? bs.map((b) => (b.kind === 'url' ? { ...b, title: t('answer.button.seeFull') } : b)) : bs);
}
