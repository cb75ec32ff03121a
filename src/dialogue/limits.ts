import type { Language, Reply, ReplyButton } from './types.js';
import type { LocalizedText } from '../knowledge/schema.js';

/** Zalo limits a single message must respect (reference zalo-oa-api §3.3: 2,000 characters, 5 buttons). */
export const MAX_TEXT = 2000;
export const MAX_BUTTONS = 5;
/**
 * Options a clarifying question lists: the matcher offers three, or four when four procedures share the name said
 * ("chứng thực"); with the "not listed" button that is Zalo's five.
 */
export const MAX_CLARIFY_OPTIONS = 4;
/** Titles over about 20 characters are cut off on phones. */
export const MAX_BUTTON_TITLE = 20;

const ELLIPSIS = '…';

const TRAILING_PUNCTUATION = new Set([',', ';', ':', '.', '-', '–']);

/** Without trailing spaces and clause punctuation (a loop: a `[…]+$` regex rescans every run it meets). */
function trimClauseEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (TRAILING_PUNCTUATION.has(s[end - 1]!) || s[end - 1]!.trim() === '')) end--;
  return s.slice(0, end);
}

/** Cuts at a word boundary when one is near, and marks the cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, Math.max(1, max - 1)).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= head.length * 0.6 ? head.slice(0, space) : head;
  return trimClauseEnd(cut) + ELLIPSIS;
}

/**
 * A citizen's message cut to `max` UTF-16 units (never inside a surrogate pair), marked with "…" when cut.
 * Zalo's clients do not send more than its text limit; anything longer is crafted, and understanding
 * stays cheap only for a bounded text.
 */
export function cutIncomingText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, end) + ELLIPSIS;
}

export function buttonTitle(title: string): string {
  return truncate(title.trim(), MAX_BUTTON_TITLE);
}

/** Keeps the first MAX_BUTTONS buttons and shortens every title. */
export function limitButtons(buttons: ReplyButton[]): ReplyButton[] {
  return buttons.slice(0, MAX_BUTTONS).map((b) => ({ ...b, title: buttonTitle(b.title) }));
}

export function finishReply(text: string, buttons: ReplyButton[] = []): Reply {
  return { text: truncate(text.trim(), MAX_TEXT), buttons: limitButtons(buttons) };
}

/**
 * A block of text whose list items may be dropped from the end to fit the limit; `more` is the line
 * that replaces the dropped items (it points to the official page).
 */
export interface TextBlock {
  lines: string[];
  items?: string[];
  more?: (dropped: number) => string;
  /** Its lines are the first shortened when the text does not fit (a summary, not the facts asked for). */
  shortenFirst?: boolean;
}

/**
 * Joins blocks line by line; when too long, drops list items from the longest lists first, then cuts hard.
 * `seeFull` (a "Xem đầy đủ: <link>" line) ends a text that had to be cut, so the rest is one tap away.
 */
export function fitBlocks(blocks: TextBlock[], max = MAX_TEXT, seeFull?: string): string {
  const state = blocks.map((b) => ({ ...b, lines: [...b.lines], items: [...(b.items ?? [])], dropped: 0 }));
  const compose = (): string =>
    state
      .map((b) => {
        const parts = [...b.lines, ...b.items];
        if (b.dropped > 0 && b.more) parts.push(b.more(b.dropped));
        return parts.join('\n');
      })
      .filter((p) => p.length > 0)
      .join('\n');
  let text = compose();
  while (Array.from(text).length > max) {
    const longest = state.filter((b) => b.items.length > 1).sort((a, b) => b.items.length - a.items.length)[0];
    if (!longest) break;
    longest.items.pop();
    longest.dropped += 1;
    text = compose();
  }
  if (seeFull && Array.from(text).length > max) return shortenLongestLine(state, compose, max, seeFull);
  return truncate(text, max);
}

/** A shortened line keeps at least this much; below it, the text is cut at its end instead. */
const MIN_KEPT_LINE = 50;

/**
 * Shortens the longest lines (never the heading, never a link) until the text and the "Xem đầy đủ" line
 * fit, so the answer keeps its shape (the time, the fee, the caveat) and the cut part is one tap away.
 */
function shortenLongestLine(state: { lines: string[]; items: string[]; shortenFirst?: boolean }[], compose: () => string, max: number, seeFull: string): string {
  const room = max - Array.from(seeFull).length - 1;
  const longest = (firstOnly: boolean) => {
    let best: { list: string[]; at: number; length: number } | undefined;
    // The first block (heading, source) is never shortened, nor a link: it would no longer open.
    for (const b of state.slice(1)) {
      if (firstOnly && !b.shortenFirst) continue;
      for (const list of [b.lines, b.items]) {
        list.forEach((l, at) => {
          const length = Array.from(l).length;
          if (!l.includes('://') && length > MIN_KEPT_LINE && (!best || length > best.length)) best = { list, at, length };
        });
      }
    }
    return best;
  };
  for (let round = 0; round < 12; round++) {
    const excess = Array.from(compose()).length - room;
    if (excess <= 0) break;
    const best = longest(true) ?? longest(false);
    if (!best) break;
    best.list[best.at] = truncate(best.list[best.at]!, Math.max(MIN_KEPT_LINE, best.length - excess));
  }
  return `${truncate(compose(), room)}\n${seeFull}`;
}

/**
 * Picks the text of the reply language. English falls back to Vietnamese; `onFallback` lets the
 * caller add a one-line note saying so.
 */
export function pick(text: LocalizedText, lang: Language, onFallback: () => void): string {
  if (lang === 'en') {
    if (text.en) return text.en;
    onFallback();
  }
  return text.vi;
}

/** 15000 → "15.000" (vi) or "15,000" (en). */
export function formatNumber(n: number, lang: Language): string {
  const sep = lang === 'vi' ? '.' : ',';
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const dec = frac ? (lang === 'vi' ? ',' : '.') + frac : '';
  return (n < 0 ? '-' : '') + grouped + dec;
}

/** "2026-11-20" → "20/11/2026". */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
