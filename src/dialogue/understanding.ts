import type { Choice } from '../nlu/choice.js';
import type { Aspect } from '../knowledge/schema.js';
import type { Language } from './types.js';

/**
 * What the matcher understood of one message. Declared here structurally so that the dialogue
 * depends on the shape, not on the matcher's module.
 */
export interface TurnUnderstanding {
  text: string;
  decision: 'answer' | 'clarify' | 'fallback';
  /** 'procedure' | 'dossier_status' | 'greeting' | 'thanks' | 'help' | 'handoff' | 'language' | 'feedback' | 'out_of_scope' | 'follow_dossier' | 'unfollow_dossier' | 'fallback' */
  intent: string;
  /** Id of the system intent, e.g. 'out_of_scope.divorce' or 'language.en'. */
  intentId: string | null;
  procedureId: string | null;
  aspect: Aspect | null;
  dossierCode: string | null;
  confidence: number;
  alternatives: { procedureId: string; confidence: number }[];
  language: Language;
  /** False when the message shows no language; absent counts as detected. */
  languageDetected?: boolean;
  /** The message only picks an option of a list ("2", "cái thứ hai", "b"). */
  choice?: Choice | null;
  followUp: boolean;
  /** The answer passed its threshold by a small margin. */
  narrow?: boolean;
  /** For a complaint, the procedure it clearly names: later aspect questions apply to it. */
  aboutProcedureId?: string;
  entities: { nationalCode?: string; phone?: string };
  /** Circumstances of the people the message says ("có yếu tố nước ngoài"): the session remembers them. */
  circumstancesSaid?: string[];
  /** The age the message says of the person concerned: the session remembers it. */
  ageSaid?: number;
  /** The message takes back the circumstances told before: the session forgets them. */
  circumstancesUndone?: boolean;
}
