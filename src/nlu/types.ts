import type { Choice } from './choice.js';
import type { Aspect } from '../knowledge/schema.js';

export type Decision = 'answer' | 'clarify' | 'fallback';

export type IntentName =
  | 'procedure'
  | 'dossier_status'
  | 'greeting'
  | 'thanks'
  | 'help'
  | 'handoff'
  | 'language'
  | 'feedback'
  | 'out_of_scope'
  | 'follow_dossier'
  | 'unfollow_dossier'
  | 'complaint'
  | 'contacts'
  /** The whole of the last answer, past the one-screen cut ("xem đầy đủ"). */
  | 'more_detail'
  /** Generic words only ("thủ tục", "giấy tờ"): the bot asks what the citizen needs. */
  | 'ask_need'
  | 'fallback';

export interface Alternative {
  procedureId: string;
  /** The national code of the procedure, when it has one. */
  nationalCode: string | null;
  confidence: number;
}

/** What one message means, as far as the matcher can tell without the network. */
export interface Understanding {
  text: string;
  decision: Decision;
  intent: IntentName;
  /** The SystemIntent id (e.g. 'out_of_scope.divorce', 'language.en'), null for procedures and fallback. */
  intentId: string | null;
  procedureId: string | null;
  /** The national code of `procedureId`, when it has one (not the code typed in the message: see entities). */
  nationalCode: string | null;
  aspect: Aspect | null;
  /** Normalised, upper case. */
  dossierCode: string | null;
  /** 0..1 */
  confidence: number;
  /**
   * Candidates for a clarification (decision clarify: the offered candidates, best first, in button order),
   * or the runners-up of an answer. At most 3.
   */
  alternatives: Alternative[];
  language: 'vi' | 'en';
  /** False when the message shows no language (a number, a code): `language` is then only the default. The matcher always sets it. */
  languageDetected?: boolean;
  /** The message only picks an option of a list ("2", "cái thứ hai", "b"), whether or not one is pending. The matcher always sets it. */
  choice?: Choice | null;
  /** An aspect-only question applied to context.lastProcedureId. */
  followUp: boolean;
  /** An answer that passed its threshold by a small margin (listed for review). */
  narrow?: boolean;
  /**
   * When the message is not answered with a procedure, the curated procedure it names in full, well ahead of the
   * others ("hộ chiếu nộp 3 tuần rồi mà không ai nghe máy", a complaint): a later "bình thường mất bao lâu" asks
   * about it.
   */
  aboutProcedureId?: string;
  entities: { nationalCode?: string; phone?: string };
  /** Circumstances of the people the message says (lexicon.circumstances, folded): the conversation remembers them. */
  circumstancesSaid?: string[];
  /** The age the message says of the person concerned ("cháu nội tôi 3 tuổi"): the conversation remembers it. */
  ageSaid?: number;
  /** The message takes back the circumstances told before ("lộn, cha nó người Việt"): the conversation forgets them. */
  circumstancesUndone?: boolean;
}

export interface UnderstandContext {
  lastProcedureId?: string;
  /** The aspect of the last answer (or the one asked with generic words), for a procedure named as a correction. */
  lastAspect?: Aspect;
  /** Procedures answered earlier in the conversation, most recent first (the last one included). */
  recentProcedureIds?: string[];
  /** The bot just asked what the citizen needs: the procedure named next keeps the aspect asked then. */
  askedNeed?: boolean;
  pendingCandidates?: string[];
  /** Circumstances of the people told earlier in the conversation ("chồng chị người Hàn"). */
  circumstances?: string[];
  /** The age told last in the conversation, for a later "làm căn cước cho cháu" that says none. */
  ageTold?: number;
}

export interface Matcher {
  understand(text: string, context?: UnderstandContext): Understanding;
}

/** Decision thresholds, exposed so tuning and tests can see them. */
export interface DecisionThresholds {
  /** Coverage at or above which a procedure is answered (given the margin). */
  answer: number;
  /** Coverage at or above which close candidates are offered instead of a fallback. */
  clarify: number;
  /** Relative gap between the top two procedures needed to answer. */
  margin: number;
  /** Coverage at or above which a system intent (greeting, help...) is taken. */
  system: number;
}
