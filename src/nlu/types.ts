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
  /** An aspect-only question applied to context.lastProcedureId. */
  followUp: boolean;
  entities: { nationalCode?: string; phone?: string };
}

export interface UnderstandContext {
  lastProcedureId?: string;
  pendingCandidates?: string[];
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
