import { parseCoordinates } from '../contacts/find.js';
import { renderNearestContacts } from '../contacts/render.js';
import type { ContactPoint } from '../contacts/schema.js';
import { DOSSIER_CODE_EXAMPLE, finishReply, mainMenuButtons, payload } from '../dialogue/index.js';
import type { Reply, ReplyButton } from '../dialogue/types.js';
import type { PhotoReading } from '../media/receipt-photos.js';
import type { Store } from '../store/ports.js';
import type { KnownZaloEvent, UserMessageEvent, ZaloEvent } from '../zalo/events.js';
import { USER_MESSAGE_EVENT_NAMES } from '../zalo/events.js';
import type { DossierService, MessageAttachment, TurnContext } from './ports.js';

/**
 * Replies to what is not text: receipt photos (QR code or barcode → dossier look-up), voice messages,
 * locations (nearest one-stop points), stickers and likes. Text goes through the dialogue instead.
 */

export interface NonTextDeps {
  contacts: () => readonly ContactPoint[];
  photos?: { read(url: string): Promise<PhotoReading> };
  dossiers?: DossierService;
  store: Store;
}

/** Reactions that mean "thanks / OK" (reference §1.3 shows /-heart and /-strong). */
const LIKES = new Set(['/-strong', '/-heart', '/-ok', '/-thanks']);
/** One friendly answer to likes per citizen in this long, so a row of hearts is not a row of replies. */
const LIKE_REPLY_EVERY_MS = 30 * 60 * 1000;

export function isUserMessage(event: ZaloEvent): event is UserMessageEvent {
  return USER_MESSAGE_EVENT_NAMES.includes(event.kind);
}

/** The first attachment of a user message, as the inbox and the transcript keep it. */
export function attachmentOf(event: ZaloEvent): MessageAttachment | undefined {
  if (!isUserMessage(event)) return undefined;
  const a = event.message.attachments?.[0];
  const type = a?.type ?? event.kind.replace('user_send_', '');
  if (type === 'text') return undefined;
  const url = a?.payload?.url ?? a?.payload?.thumbnail;
  return { type, ...(url ? { url } : {}) };
}

/** What staff read for a non-text message: a shared location's coordinates; other kinds carry their URL instead. */
export function attachmentText(event: ZaloEvent): string {
  if (event.kind !== 'user_send_location') return '';
  const at = parseCoordinates(event.message.attachments?.find((a) => a.payload?.coordinates)?.payload?.coordinates);
  return at ? `${at.lat}, ${at.lng}` : '';
}

export class NonTextReplies {
  constructor(private readonly deps: NonTextDeps) {}

  /** The reply to a non-text event, or null when it gets none (the caller then says "text only"). */
  async reply(event: KnownZaloEvent, ctx: TurnContext): Promise<Reply[] | null> {
    switch (event.kind) {
      case 'user_send_image':
      case 'user_send_gif':
        return this.photo(event.message.attachments?.[0]?.payload?.url, ctx);
      case 'user_send_audio':
        return [this.voice(ctx)];
      case 'user_send_location':
        return [this.location(event, ctx)];
      case 'user_send_sticker':
        return [finishReply(ctx.t('media.sticker'), mainMenuButtons(ctx.language, ctx.t))];
      case 'user_reacted_message': {
        if (!LIKES.has(event.message.react_icon ?? '')) return [];
        const first = await this.deps.store.setIfAbsent(`like-reply:${ctx.userId}`, '1', LIKE_REPLY_EVERY_MS);
        return first ? [finishReply(ctx.t('media.sticker'), mainMenuButtons(ctx.language, ctx.t))] : [];
      }
      default:
        return null;
    }
  }

  private askCode(key: 'media.noCode' | 'media.notDossierCode' | 'media.unreadable', ctx: TurnContext): Reply[] {
    // The next message is read as the code, as after "tra cứu hồ sơ".
    ctx.session.awaiting = 'dossier_code';
    return [
      finishReply(ctx.t(key, { example: DOSSIER_CODE_EXAMPLE }), [
        { kind: 'query', title: ctx.t('common.button.handoff'), payload: payload.intent('handoff') },
        { kind: 'query', title: ctx.t('common.button.menu'), payload: payload.intent('help') },
      ]),
    ];
  }

  private async photo(url: string | undefined, ctx: TurnContext): Promise<Reply[]> {
    if (!url || !this.deps.photos) return this.askCode('media.unreadable', ctx);
    const reading = await this.deps.photos.read(url);
    // An animated GIF or WebP is a reaction, never a receipt photo: answer it like a sticker.
    if (reading.kind === 'unreadable' && /^format:(gif|webp)$/.test(reading.reason)) return [finishReply(ctx.t('media.sticker'), mainMenuButtons(ctx.language, ctx.t))];
    if (reading.kind === 'unreadable') return this.askCode('media.unreadable', ctx);
    if (reading.kind === 'no_code') return this.askCode('media.noCode', ctx);
    if (reading.kind === 'not_dossier') return this.askCode('media.notDossierCode', ctx);
    const found = ctx.t('media.readingCode', { code: reading.code });
    if (!this.deps.dossiers) return [finishReply(`${found}\n${ctx.t('bot.dossierUnavailable')}`)];
    const answer = await this.deps.dossiers.handle({ type: 'lookup_dossier', code: reading.code }, ctx);
    return [{ ...answer, text: `${found}\n${answer.text}` }];
  }

  /** The bot reads text: say so kindly, and offer typing, the hotline and a person. */
  private voice(ctx: TurnContext): Reply {
    const contacts = this.deps.contacts();
    const hotline = contacts.find((c) => c.hotline)?.hotline ?? contacts.find((c) => c.kind === 'centre' && c.phone)?.phone;
    const buttons: ReplyButton[] = [{ kind: 'query', title: ctx.t('media.button.type'), payload: payload.intent('procedures') }];
    if (hotline) buttons.push({ kind: 'phone', title: ctx.t('media.button.hotline'), phone: hotline });
    buttons.push({ kind: 'query', title: ctx.t('common.button.handoff'), payload: payload.intent('handoff') });
    return finishReply(ctx.t('media.voice'), buttons);
  }

  private location(event: Extract<KnownZaloEvent, { kind: 'user_send_location' }>, ctx: TurnContext): Reply {
    const at = parseCoordinates(event.message.attachments?.find((a) => a.payload?.coordinates)?.payload?.coordinates);
    if (!at) return finishReply(ctx.t('contacts.noPositions'), mainMenuButtons(ctx.language, ctx.t));
    return renderNearestContacts(this.deps.contacts(), at, ctx.language, ctx.t);
  }
}
