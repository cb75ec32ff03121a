import type { Language, Reply, ReplyButton } from './types.js';
import type { LocalizedText } from '../knowledge/schema.js';

/** Zalo limits a single message must respect (reference zalo-oa-api §3.3: 2,000 characters, 5 buttons). */
export const MAX_TEXT = 2000;
export const MAX_BUTTONS = 5;
/** Titles over about 20 characters are cut off on phones. */
export const MAX_BUTTON_TITLE = 20;

const ELLIPSIS = '…';

/** Cuts at a word boundary when one is near, and marks the cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, Math.max(1, max - 1)).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= head.length * 0.6 ? head.slice(0, space) : head;
  return cut.replace(/[\s,;:.\-–]+$/u, '') + ELLIPSIS;
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
}

/** Joins blocks line by line; when too long, drops list items from the longest lists first, then cuts hard. */
export function fitBlocks(blocks: TextBlock[], max = MAX_TEXT): string {
  const state = blocks.map((b) => ({ ...b, items: [...(b.items ?? [])], dropped: 0 }));
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
  return truncate(text, max);
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
