import type { Action, Language, Reply, Session, Translate } from '../dialogue/types.js';

/** Context handed to feature services when the bot carries out an action for one turn. */
export interface TurnContext {
  userId: string;
  session: Session;
  language: Language;
  t: Translate;
  now: number;
}

export type DossierAction = Extract<Action, { type: 'lookup_dossier' | 'follow_dossier' | 'unfollow_dossier' }>;

/** Live dossier status (issue: one-stop). Returns the reply for the citizen. */
export interface DossierService {
  handle(action: DossierAction, ctx: TurnContext): Promise<Reply>;
}

/** Hand-off to a human: while active, the bot stays quiet for that user. */
export interface HandoffService {
  isActive(userId: string): Promise<boolean>;
  start(userId: string, by: { kind: 'citizen' } | { kind: 'staff'; adminId: string }): Promise<void>;
  /** Keeps what the citizen wrote while a human has the conversation (for the inbox). */
  recordIncoming(userId: string, text: string, at: number): Promise<void>;
}

export type AnalyticsAction = Extract<Action, { type: 'record_answer' | 'record_unanswered' | 'feedback' }>;

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
