import type { Aspect, KnowledgeBase } from '../knowledge/schema.js';
import { decide, type Decision } from './decide.js';
import type { Language, Session, Translate } from './types.js';
import type { TurnUnderstanding } from './understanding.js';

/** What the matcher is told about the conversation so far. */
export interface ConversationContext {
  lastProcedureId?: string;
  lastAspect?: Aspect;
  recentProcedureIds?: string[];
  askedNeed?: boolean;
  pendingCandidates?: string[];
  circumstances?: string[];
  ageTold?: number;
}

/** The matcher as the dialogue sees it (structural, so the dialogue does not import the matcher). */
export interface Understander {
  understand(text: string, context?: ConversationContext): TurnUnderstanding;
}

export function conversationContext(session: Session): ConversationContext {
  // While a clarifying question is open, the aspect carried is the one it was asked for, not an older answer's.
  const pending = session.pendingClarification;
  return {
    lastProcedureId: session.lastProcedureId,
    lastAspect: pending ? (pending.aspect ?? undefined) : session.lastAspect,
    recentProcedureIds: session.recentProcedureIds,
    askedNeed: session.awaiting === 'need',
    pendingCandidates: session.pendingClarification?.candidates,
    circumstances: session.circumstances,
    ...(session.ageTold !== undefined ? { ageTold: session.ageTold } : {}),
  };
}

export interface TurnInput {
  text: string;
  session: Session;
  kb: KnowledgeBase;
  matcher: Understander;
  tFor: (lng: Language) => Translate;
  now: number;
}

/**
 * One citizen message through the core: understood with the conversation's context, then decided.
 * The bot and the dialogue evaluation both go through here, so what is measured is what runs.
 */
export function runTurn(input: TurnInput): Decision & { understanding: TurnUnderstanding } {
  const understanding = input.matcher.understand(input.text, conversationContext(input.session));
  const decided = decide({ text: input.text, understanding, session: input.session, kb: input.kb, tFor: input.tFor, now: input.now });
  // What the citizen told of the people concerned holds for the rest of the conversation.
  if (understanding.circumstancesUndone) decided.session = { ...decided.session, circumstances: [] };
  const told = (understanding.circumstancesSaid ?? []).filter((c) => !(decided.session.circumstances ?? []).includes(c));
  if (told.length > 0) decided.session = { ...decided.session, circumstances: [...(decided.session.circumstances ?? []), ...told] };
  if (understanding.ageSaid !== undefined) decided.session = { ...decided.session, ageTold: understanding.ageSaid };
  return { ...decided, understanding };
}
