import type { Action, Language, Reply, Session, Translate } from '../dialogue/types.js';

/** Context handed to feature services when the bot carries out an action for one turn. */
export interface TurnContext {
  userId: string;
  session: Session;
  language: Language;
  t: Translate;
  now: number;
  /** The webhook event's identity: work keyed by it is done once even when the job is retried. */
  identity?: string;
}

export type DossierAction = Extract<Action, { type: 'lookup_dossier' | 'follow_dossier' | 'unfollow_dossier' }>;

/** Live dossier status (issue: one-stop). Returns the reply for the citizen. */
export interface DossierService {
  handle(action: DossierAction, ctx: TurnContext): Promise<Reply>;
}

/** A photo, voice message, location... the citizen sent; `url` is Zalo's media URL (it may expire). */
export interface MessageAttachment {
  type: string;
  url?: string;
}

/** One message of the conversation with the bot, kept briefly so staff see what led to a hand-off. */
export interface ConversationEntry {
  from: 'citizen' | 'bot';
  text: string;
  at: number;
  attachment?: MessageAttachment;
}

export interface TranscriptSink {
  record(userId: string, entries: ConversationEntry[]): Promise<void>;
  forget?(userId: string): Promise<void>;
}

/** Hand-off to a human: while active, the bot stays quiet for that user. */
export interface HandoffService {
  isActive(userId: string): Promise<boolean>;
  start(userId: string, by: { kind: 'citizen' } | { kind: 'staff'; adminId: string }): Promise<void>;
  /** Keeps what the citizen wrote while a human has the conversation (for the inbox). */
  recordIncoming(userId: string, text: string, at: number, attachment?: MessageAttachment): Promise<void>;
}

export type AnalyticsAction = Extract<Action, { type: 'record_answer' | 'record_unanswered' | 'record_review' | 'feedback' }>;

export interface AnalyticsSink {
  record(action: AnalyticsAction, ctx: { userId: string; at: number }): Promise<void>;
  recordDossierLookup?(ctx: { userId: string; at: number }): Promise<void>;
}

/** Followers and their last interaction (issue: announcements). */
export interface FollowerRegistry {
  follow(userId: string, at: number): Promise<void>;
  unfollow(userId: string, at: number): Promise<void>;
  touch(userId: string, at: number): Promise<void>;
  forget?(userId: string): Promise<void>;
}

export type ComplaintAction = Extract<Action, { type: 'file_complaint' }>;

/** Complaints and petitions (issue 11): stored first, then acknowledged with their reference. */
export interface ComplaintService {
  file(action: ComplaintAction, ctx: TurnContext): Promise<Reply[]>;
  /** A phone shared through the consent card, attached to the complaint that asked for it; null when none did. */
  attachContact(userId: string, info: { phone?: string; name?: string }, ctx: Pick<TurnContext, 'language' | 't' | 'now'>): Promise<Reply | null>;
  /** A citizen's data-deletion request (user_withdraw). */
  forget?(userId: string): Promise<void>;
}

export type SatisfactionAction = Extract<Action, { type: 'satisfaction' | 'satisfaction_comment' }>;

/** Satisfaction with a finished dossier (notify/): records a rating or its comment; returns the reply. */
export interface SatisfactionService {
  handle(action: SatisfactionAction, ctx: TurnContext): Promise<Reply>;
}

/** What the bot says about notices around a conversation (notify/): how it will notify, consent to a phone. */
export interface NoticeConsent {
  /** After a follow: how the citizen will be notified, and the offer to share a phone (once). */
  afterFollow(code: string, ctx: TurnContext): Promise<Reply[]>;
  /** A user_submit_info event: the phone kept for notices, or null when it is not about notices. */
  submittedInfo(userId: string, info: { phone?: string }, at: number, t: Translate): Promise<Reply | null>;
  /** user_withdraw: phone, follows and notices of the user are deleted. */
  forget(userId: string): Promise<void>;
}
