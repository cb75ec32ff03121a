import type { Aspect } from '../knowledge/schema.js';

/**
 * What the bot sends back for one turn: one Zalo message wherever it fits (text plus at most 5 buttons).
 * Channel-neutral: the Zalo adapter turns it into the wire format.
 */
export type ReplyButton =
  | { kind: 'query'; title: string; payload: string }
  | { kind: 'url'; title: string; url: string }
  | { kind: 'phone'; title: string; phone: string };

export interface Reply {
  text: string;
  buttons: ReplyButton[];
  imageUrl?: string;
  /** Sent after the text: Zalo's card asking the citizen to share their phone (and name), with consent. */
  requestUserInfo?: { title: string; subtitle: string; imageUrl?: string };
}

export type Language = 'vi' | 'en';

/** Per-user conversation state, kept in the store and expiring after SESSION_TTL_S of silence. */
export interface Session {
  userId: string;
  language: Language;
  /** True once the user picked a language explicitly (it then wins over detection). */
  languageChosen: boolean;
  /** The procedure of the last answer, so that follow-ups ("lệ phí bao nhiêu?") apply to it. */
  lastProcedureId?: string;
  lastAspect?: Aspect;
  /**
   * Procedures answered in this conversation, most recent first (at most RECENT_PROCEDURES): a name several share
   * ("sang tên") said later means the one already talked about.
   */
  recentProcedureIds?: string[];
  /** What the citizen asked for the last procedure answer (for "not helpful" feedback). */
  lastQuestion?: string;
  /** Candidates offered by the last clarifying question, and the aspect asked. */
  pendingClarification?: { candidates: string[]; aspect: Aspect | null; text: string };
  /** What the bot asked for and waits on ('need': it asked what the citizen needs, after generic words). */
  awaiting?: 'dossier_code' | 'dossier_proof' | 'complaint_content' | 'complaint_more' | 'need' | 'satisfaction_comment';
  /**
   * What the last turn was about when it was not a procedure: a complaint just filed (details that follow are added
   * to it) or a dossier (a "bao giờ xong" that follows asks about that dossier).
   */
  lastTopic?: 'complaint' | 'dossier';
  /** The complaint filed in this conversation, for "add to my complaint". */
  complaintRef?: string;
  /** The dossier last looked up: a "bao giờ xong" right after it asks about that one (see lastTopic). */
  lastDossierCode?: string;
  /** Dossier code waiting for its second factor. */
  pendingDossierCode?: string;
  /** Dossier whose satisfaction answer may get a comment in the next message. */
  pendingSatisfactionCode?: string;
  /**
   * Circumstances of the people the citizen told ("chồng chị người Hàn": the foreign element), folded: a procedure
   * answered later that has a twin in one of them is that twin.
   */
  circumstances?: string[];
  /** The age the citizen told last ("cháu nội tôi 3 tuổi"): a later request for a child that says none is for that age. */
  ageTold?: number;
  updatedAt: number;
}

/** How many answered procedures a conversation remembers for names they share. */
export const RECENT_PROCEDURES = 3;

export function newSession(userId: string, language: Language = 'vi'): Session {
  return { userId, language, languageChosen: false, updatedAt: Date.now() };
}

/**
 * Button payloads are prefixed so a tap (it arrives as ordinary text) can never be confused with typed text.
 * `#p:<procedureId>:<aspect>` asks an aspect of a procedure, `#i:<intentKind>` triggers a system intent,
 * `#lang:<vi|en>` switches language, `#d:follow:<code>` / `#d:unfollow:<code>` / `#d:lookup:<code>` act on a dossier,
 * `#fb:<up|down>:<procedureId>` records feedback on an answer, `#c:add` adds to the complaint just filed,
 * `#sat:<3|2|1|skip>:<code>` answers the satisfaction question of a finished dossier (3 very satisfied, 2 satisfied,
 * 1 not satisfied).
 */
export const PAYLOAD_PREFIX = '#';

/** Side effects decided by the pure dialogue step and carried out by the bot (adapters). */
export type Action =
  | { type: 'reply'; reply: Reply }
  | { type: 'lookup_dossier'; code: string; proof?: string }
  | { type: 'follow_dossier'; code: string }
  | { type: 'unfollow_dossier'; code: string | null }
  | { type: 'handoff' }
  /** Stores what the citizen complains about (a new complaint, or an addition to `session.complaintRef`). */
  | { type: 'file_complaint'; text: string; append: boolean }
  /** `text`: the question the rated answer replied to, when the session still has it. */
  | { type: 'feedback'; procedureId: string | null; helpful: boolean; text?: string }
  /** Analytics: the turn ended without an answer (fallback or clarification), for the unanswered-questions view. */
  | { type: 'record_unanswered'; text: string; decision: 'clarify' | 'fallback'; candidates: string[] }
  | { type: 'record_answer'; procedureId: string | null; intent: string; aspect: Aspect | null; decision: 'answer' | 'clarify' | 'fallback' }
  /**
   * Analytics: an answer staff should look at, for the review list: it applied the previous procedure to this
   * message (carry_over) or passed its threshold by a small margin (narrow).
   */
  | { type: 'record_review'; reason: 'carry_over' | 'narrow'; text: string; intent: string; procedureId: string | null; aspect: Aspect | null; confidence: number }
  /** The citizen rated how their finished dossier was handled (or skipped the comment). */
  | { type: 'satisfaction'; code: string; answer: SatisfactionLevel | 'skip' }
  /** The optional comment after a rating: the next message the citizen typed. */
  | { type: 'satisfaction_comment'; code: string; text: string };

export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** Translation function handed to pure code (i18next's `t` bound to a language). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
