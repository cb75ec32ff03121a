import type { Logger } from 'pino';
import type { Reply, ReplyButton } from '../dialogue/types.js';
import { buildRequestUserInfoMessage, type RequestUserInfoMessage } from './request-user-info.js';

/**
 * Builders of the wire `message` object for `/v3.0/oa/message/cs` (reference §3.2–3.3) from the
 * channel-neutral Reply. Zalo's limits are settings because several are unconfirmed (§8).
 */

export interface ZaloMessageLimits {
  /** Text longer than this is split into several messages (ZALO_TEXT_MAX_CHARS). */
  textMaxChars: number;
  /** Longer titles are cut with an ellipsis (ZALO_BUTTON_TITLE_MAX). */
  buttonTitleMax: number;
  /** Extra buttons are dropped (ZALO_MAX_BUTTONS). */
  maxButtons: number;
  /** A button whose payload is longer is dropped (one SDK documents 1 000). */
  payloadMaxChars?: number;
}

export const DEFAULT_PAYLOAD_MAX_CHARS = 1000;

export type WireButton =
  | { title: string; type: 'oa.query.hide' | 'oa.query.show'; payload: string }
  | { title: string; type: 'oa.open.url'; payload: { url: string } }
  | { title: string; type: 'oa.open.phone'; payload: { phone_code: string } };

export interface WireMediaElement {
  media_type: 'image';
  url: string;
}

export interface WireMessage {
  text?: string;
  attachment?:
    | { type: 'template'; payload: { buttons: WireButton[] } }
    | { type: 'template'; payload: { template_type: 'media'; elements: WireMediaElement[] } }
    | { type: 'template'; payload: { template_type: 'promotion'; language?: 'VI' | 'EN'; elements: PromotionElement[]; buttons?: WireButton[] } }
    | RequestUserInfoMessage['attachment'];
}

export type PromotionElement =
  | { type: 'banner'; image_url: string }
  | { type: 'header'; content: string; align?: 'left' | 'center' | 'right' }
  | { type: 'text'; content: string; align?: 'left' | 'center' | 'right' };

const ELLIPSIS = '…';

function cutTitle(title: string, max: number): string {
  const t = title.trim();
  if (t.length <= max) return t;
  return `${safeSlice(t, max - 1).trimEnd()}${ELLIPSIS}`;
}

/** Slices without leaving half of a surrogate pair (emoji) at the end. */
function safeSlice(s: string, end: number): string {
  if (end <= 0) return '';
  const code = s.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? s.slice(0, end - 1) : s.slice(0, end);
}

function phoneCode(phone: string): string {
  return phone.replace(/[\s.()+-]/g, '');
}

function buttonPayloadLength(b: WireButton): number {
  return typeof b.payload === 'string' ? b.payload.length : JSON.stringify(b.payload).length;
}

/** Turns reply buttons into Zalo buttons within the limits; what had to be dropped is logged. */
export function buildButtons(buttons: ReplyButton[], limits: ZaloMessageLimits, logger?: Logger): WireButton[] {
  const payloadMax = limits.payloadMaxChars ?? DEFAULT_PAYLOAD_MAX_CHARS;
  const out: WireButton[] = [];
  for (const b of buttons) {
    const title = cutTitle(b.title, limits.buttonTitleMax);
    let wire: WireButton;
    switch (b.kind) {
      case 'query':
        wire = { title, type: 'oa.query.hide', payload: b.payload };
        break;
      case 'url':
        // The last gate before a citizen's phone: whatever slipped past a schema, only http(s) links leave.
        if (!/^https?:\/\//i.test(b.url)) {
          logger?.warn({ kind: b.kind, scheme: b.url.split(':')[0]?.slice(0, 20) }, 'Zalo button dropped: not an http(s) link');
          continue;
        }
        wire = { title, type: 'oa.open.url', payload: { url: b.url } };
        break;
      case 'phone':
        wire = { title, type: 'oa.open.phone', payload: { phone_code: phoneCode(b.phone) } };
        break;
    }
    if (buttonPayloadLength(wire) > payloadMax) {
      logger?.warn({ kind: b.kind, payloadLength: buttonPayloadLength(wire), max: payloadMax }, 'Zalo button dropped: payload too long');
      continue;
    }
    out.push(wire);
  }
  if (out.length > limits.maxButtons) {
    logger?.warn({ buttons: out.length, max: limits.maxButtons, dropped: out.slice(limits.maxButtons).map((b) => b.title) }, 'Zalo allows fewer buttons: extra buttons dropped');
    return out.slice(0, limits.maxButtons);
  }
  return out;
}

const SENTENCE_END = /[.!?…]["'”’)\]]*(?=\s)|\n\s*\n/g;

/** The last position ≤ max where the text may be cut, by preference: sentence, line break, space. */
function cutPosition(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  let best = -1;
  for (const m of window.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end <= max && end > 0) best = end;
  }
  if (best > 0) return best;
  const line = window.lastIndexOf('\n');
  if (line > 0) return line;
  const space = window.search(/\s\S*$/);
  if (space > 0) return space;
  // A single word longer than the limit: no boundary exists, cut it.
  return safeSlice(text, max).length;
}

/** Splits text into parts of at most `max` characters, at sentence boundaries when possible. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPosition(rest, max);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * The wire messages for one Reply: as few as fit (each counts against the user's free replies).
 * Long text is split; buttons ride on the last text part; an image goes first, carrying the text
 * as its caption when that text fits in one message and there are no buttons.
 */
export function buildOutgoingMessages(reply: Reply, limits: ZaloMessageLimits, logger?: Logger): WireMessage[] {
  const texts = splitText(reply.text ?? '', limits.textMaxChars);
  const buttons = buildButtons(reply.buttons ?? [], limits, logger);
  const out: WireMessage[] = [];

  if (reply.imageUrl) {
    const media: WireMessage = { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: reply.imageUrl }] } } };
    if (texts.length === 1 && buttons.length === 0) {
      out.push({ text: texts[0], ...media });
      return out;
    }
    out.push(media);
  }
  if (texts.length === 0 && buttons.length > 0) {
    logger?.warn({ buttons: buttons.length }, 'Zalo reply with buttons but no text: buttons not sent');
    return out;
  }
  texts.forEach((text, i) => {
    const last = i === texts.length - 1;
    out.push(last && buttons.length > 0 ? { text, attachment: { type: 'template', payload: { buttons } } } : { text });
  });
  if (reply.requestUserInfo) out.push(buildRequestUserInfoMessage(reply.requestUserInfo));
  return out;
}

/** A promotion message (staff announcements to followers, reference §3.7). */
export function buildPromotionMessage(
  input: { header: string; text: string; bannerUrl?: string; buttons?: ReplyButton[]; language?: 'VI' | 'EN' },
  limits: ZaloMessageLimits,
  logger?: Logger,
): WireMessage {
  const elements: PromotionElement[] = [];
  if (input.bannerUrl) elements.push({ type: 'banner', image_url: input.bannerUrl });
  elements.push({ type: 'header', content: input.header, align: 'left' });
  elements.push({ type: 'text', content: input.text, align: 'left' });
  const buttons = buildButtons(input.buttons ?? [], limits, logger);
  return {
    attachment: {
      type: 'template',
      payload: { template_type: 'promotion', language: input.language ?? 'VI', elements, ...(buttons.length > 0 ? { buttons } : {}) },
    },
  };
}
