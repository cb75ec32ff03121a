import type { Logger } from 'pino';
import type { Store } from '../store/ports.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Action, Language, Reply, Translate } from '../dialogue/types.js';
import { runTurn, type Understander } from '../dialogue/turn.js';
import { cutIncomingText, MAX_TEXT } from '../dialogue/limits.js';
import type { ZaloEvent } from '../zalo/events.js';
import { eventUserId, echoAdminId } from '../zalo/events.js';
import type { EventJob } from '../http/webhook.js';
import type { Metrics } from '../observability/metrics.js';
import { maskId } from '../observability/logger.js';
import type { SessionStore } from './session-store.js';
import type { AnalyticsSink, ComplaintService, DossierService, FollowerRegistry, HandoffService, NoticeConsent, SatisfactionService, TranscriptSink } from './ports.js';
import { renderWelcome } from '../dialogue/render-system.js';
import { attachmentOf, attachmentText, isUserMessage, type NonTextReplies } from './non-text.js';
import { InstanceLiveness } from '../store/instance-liveness.js';
import { ReplyDelivery, isReplyRetryJob, type PartSender, type ReplyRetryJob } from './reply-delivery.js';

/** The live content and matcher; swapped atomically when content is published. */
export interface LiveContent {
  current(): { kb: KnowledgeBase; matcher: Understander };
}

/** The Zalo client as the bot sends with it: part by part, each part once (reply-delivery.ts). */
export type ReplySender = PartSender;

/** What the event queue carries: webhook events, and retries of a user's waiting replies in that user's turn. */
export type WorkerJob = EventJob | ReplyRetryJob;

export interface ReplyWindow {
  recordInbound(userId: string, at: number): Promise<void>;
  recordReply(userId: string, at?: number): Promise<void>;
}

export interface BotDeps {
  oaId?: string;
  store: Store;
  sessions: SessionStore;
  content: LiveContent;
  sender: ReplySender;
  replyWindow: ReplyWindow;
  tFor: (lng: Language) => Translate;
  metrics: Metrics;
  logger: Logger;
  dossiers?: DossierService;
  handoff?: HandoffService;
  analytics?: AnalyticsSink;
  followers?: FollowerRegistry;
  /** Zalo's text limit (ZALO_TEXT_MAX_CHARS): a longer message is cut before anything reads it. */
  maxTextChars?: number;
  complaints?: ComplaintService;
  /** Photos, voice, locations, stickers, likes. */
  nonText?: Pick<NonTextReplies, 'reply'>;
  /** The recent conversation with the bot, shown to staff on hand-off. */
  transcript?: TranscriptSink;
  /** WELCOME_ON_FOLLOW: greet a new follower with the main menu. */
  welcomeOnFollow?: boolean;
  /** Once-only, ordered reply delivery with its retry queue; by default one on `store` without a conversation history. */
  delivery?: ReplyDelivery;
  /** notify/: consent to notices and the phone (after a follow, user_submit_info, user_withdraw). */
  notices?: NoticeConsent;
  /** notify/: satisfaction answers to the final notice. */
  satisfaction?: SatisfactionService;
}

/**
 * Handles one queued webhook event: the flow of design.md (session → understand → decide → act →
 * render → send → save). Each part of each reply is claimed before it is sent and settled after
 * (reply-delivery.ts), so a retried job never messages the citizen twice.
 */
export function createEventHandler(deps: BotDeps) {
  const log = deps.logger.child({ module: 'bot' });
  const delivery =
    deps.delivery ??
    new ReplyDelivery(
      {
        store: deps.store,
        sender: deps.sender,
        owner: new InstanceLiveness(deps.store, deps.logger),
        logger: deps.logger,
        onSent: async (userId) => {
          deps.metrics.repliesSent.inc();
          await deps.replyWindow.recordReply(userId);
        },
      },
      { maxWaiting: 10_000 },
    );

  delivery.whenSent(async (userId, message) => {
    if (message.text) await transcribe(userId, { from: 'bot', text: message.text, at: Date.now() });
  });

  function sendOnce(identity: string, userId: string, replies: Reply[]): Promise<void> {
    return delivery.deliver(identity, userId, replies);
  }

  /** The transcript is for staff context only: losing a line of it must never fail a turn. */
  async function transcribe(userId: string, entry: Parameters<TranscriptSink['record']>[1][number]): Promise<void> {
    await deps.transcript?.record(userId, [entry]).catch((err) => log.warn({ err: (err as Error).message }, 'transcript not recorded'));
  }

  async function handleText(job: EventJob, userId: string, text: string): Promise<void> {
    const now = Date.now();
    if (deps.handoff && (await deps.handoff.isActive(userId))) {
      await deps.handoff.recordIncoming(userId, text, now);
      log.debug({ user: maskId(userId) }, 'conversation handed off: bot stays quiet');
      return;
    }
    await transcribe(userId, { from: 'citizen', text, at: now });
    let session = await deps.sessions.load(userId);
    const { kb, matcher } = deps.content.current();
    const decided = runTurn({ text, session, kb, matcher, tFor: deps.tFor, now });
    const understanding = decided.understanding;
    session = decided.session;
    const language = session.language;
    const ctx = { userId, session, language, t: deps.tFor(language), now, identity: job.identity };

    const replies: Reply[] = [];
    for (const action of decided.actions) {
      replies.push(...(await carryOut(action, ctx)));
      // The message that asked for a human opens the conversation in the staff inbox.
      if (action.type === 'handoff') await deps.handoff?.recordIncoming(userId, text, now);
    }
    await deps.sessions.save(session);
    deps.metrics.turns.inc({ decision: understanding.decision });
    await sendOnce(job.identity, userId, replies);
  }

  async function carryOut(action: Action, ctx: Parameters<DossierService['handle']>[1]): Promise<Reply[]> {
    switch (action.type) {
      case 'reply':
        return [action.reply];
      case 'lookup_dossier':
      case 'follow_dossier':
      case 'unfollow_dossier':
        if (!deps.dossiers) return [{ text: ctx.t('bot.dossierUnavailable'), buttons: [] }];
        if (action.type === 'lookup_dossier') await deps.analytics?.recordDossierLookup?.({ userId: ctx.userId, at: ctx.now });
        if (action.type === 'follow_dossier' && deps.notices) return [await deps.dossiers.handle(action, ctx), ...(await deps.notices.afterFollow(action.code, ctx))];
        return [await deps.dossiers.handle(action, ctx)];
      case 'satisfaction':
      case 'satisfaction_comment':
        return deps.satisfaction ? [await deps.satisfaction.handle(action, ctx)] : [];
      case 'handoff':
        await deps.handoff?.start(ctx.userId, { kind: 'citizen' });
        return [];
      case 'file_complaint':
        if (!deps.complaints) return [{ text: ctx.t('complaints.unavailable'), buttons: [] }];
        return deps.complaints.file(action, ctx);
      case 'feedback':
      case 'record_answer':
      case 'record_unanswered':
      case 'record_review':
        await deps.analytics?.record(action, { userId: ctx.userId, at: ctx.now }).catch((err) => log.warn({ err: (err as Error).message }, 'analytics not recorded'));
        return [];
    }
  }

  async function handleOther(job: EventJob, event: ZaloEvent, userId: string | null): Promise<void> {
    const now = Date.now();
    switch (event.kind) {
      case 'follow':
        if (userId) {
          await deps.followers?.follow(userId, now);
          if (deps.welcomeOnFollow) {
            const { language } = await deps.sessions.load(userId);
            await sendOnce(job.identity, userId, [renderWelcome(language, deps.tFor(language))]);
          }
        }
        return;
      case 'unfollow':
        if (userId) await deps.followers?.unfollow(userId, now);
        return;
      case 'user_withdraw':
        if (userId) {
          await deps.sessions.forget(userId);
          await deps.followers?.forget?.(userId);
          await deps.transcript?.forget?.(userId);
          await deps.complaints?.forget?.(userId);
          await deps.notices?.forget(userId);
          log.info({ user: maskId(userId) }, 'user withdrew consent: conversation data deleted');
        }
        return;
      case 'permission_revoked':
        log.error('the OA revoked the app permission: Zalo tokens are dead until an OA admin re-authorises the app');
        return;
      default:
        break;
    }
    if (event.kind.startsWith('oa_send_')) {
      const adminId = echoAdminId(event);
      if (adminId && userId) {
        await deps.handoff?.start(userId, { kind: 'staff', adminId });
        log.info({ user: maskId(userId) }, 'staff member is chatting with the user: hand-off on');
      }
      return;
    }
    if (!userId) return;
    if (event.kind.startsWith('user_send_') || event.kind === 'user_click_chatnow' || event.kind === 'user_submit_info' || event.kind === 'user_reacted_message') {
      const attachment = attachmentOf(event);
      if (event.kind !== 'user_reacted_message') {
        await deps.replyWindow.recordInbound(userId, now);
        await deps.followers?.touch(userId, now);
      }
      if (deps.handoff && (await deps.handoff.isActive(userId))) {
        // Staff have the conversation: a photo or voice message goes to their inbox, the bot stays quiet.
        if (attachment) await deps.handoff.recordIncoming(userId, attachmentText(event), now, attachment);
        return;
      }
      const session = await deps.sessions.load(userId);
      const t = deps.tFor(session.language);
      if (event.kind === 'user_click_chatnow') return sendOnce(job.identity, userId, [renderWelcome(session.language, t)]);
      if (deps.nonText && event.kind !== 'unknown' && (isUserMessage(event) || event.kind === 'user_reacted_message')) {
        if (attachment) await transcribe(userId, { from: 'citizen', text: attachmentText(event), at: now, attachment });
        const replies = await deps.nonText.reply(event, { userId, session, language: session.language, t, now, identity: job.identity });
        if (replies) {
          await deps.sessions.save(session);
          return sendOnce(job.identity, userId, replies);
        }
      }
      if (event.kind === 'user_reacted_message') return;
      if (event.kind === 'user_submit_info' && deps.complaints) {
        const saved = await deps.complaints.attachContact(userId, { phone: event.info.phone, name: event.info.name }, { language: session.language, t, now });
        if (saved) return sendOnce(job.identity, userId, [saved]);
      }
      const consent = event.kind === 'user_submit_info' && deps.notices ? await deps.notices.submittedInfo(userId, event.info, now, t) : null;
      if (consent) return sendOnce(job.identity, userId, [consent]);
      const key = event.kind === 'user_submit_info' ? 'bot.infoReceived' : 'bot.unsupportedMessage';
      await sendOnce(job.identity, userId, [{ text: t(key), buttons: [{ kind: 'query', title: t('bot.menuButton'), payload: '#i:help' }] }]);
    }
  }

  return async function handleEventJob(job: WorkerJob): Promise<void> {
    if (isReplyRetryJob(job)) return void (await delivery.retry(job.userId));
    const started = process.hrtime.bigint();
    deps.metrics.eventLag.observe(Math.max(0, Date.now() - job.acceptedAt) / 1000);
    const event = job.event;
    const userId = eventUserId(event, deps.oaId) ?? null;
    try {
      if (event.kind === 'user_send_text' && userId) {
        await deps.replyWindow.recordInbound(userId, Date.now());
        await deps.followers?.touch(userId, Date.now());
        const text = event.message.text ?? '';
        const max = deps.maxTextChars ?? MAX_TEXT;
        // Cut before understanding, the hand-off record and the session: each stays bounded whatever arrives.
        if (text.length > max) log.info({ user: maskId(userId), chars: text.length, max }, 'message longer than Zalo allows: cut');
        await handleText(job, userId, cutIncomingText(text, max));
      } else {
        await handleOther(job, event, userId);
      }
    } catch (err) {
      deps.metrics.jobFailures.inc();
      throw err;
    } finally {
      deps.metrics.turnDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
  };
}
