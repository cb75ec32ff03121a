import { toMatchJson } from '../nlu/match-json.js';
import { decide } from '../dialogue/decide.js';
import { conversationContext } from '../dialogue/turn.js';
import { newSession, type Action, type Language, type Reply, type Session, type Translate } from '../dialogue/types.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Matcher } from '../nlu/types.js';

export interface NluTestResult {
  /** The matcher's JSON, field for field as `npm run -s nlu -- match` prints it. */
  text: string;
  decision: string;
  intent: string;
  procedureId: string | null;
  aspect: string | null;
  dossierCode: string | null;
  confidence: number;
  alternatives: { procedureId: string; nationalCode: string | null; confidence: number }[];
  nationalCode: string | null;
  intentId: string | null;
  language: string;
  entities: Record<string, string | undefined>;
  /** The turn was read as a follow-up of the previous answer ("lệ phí bao nhiêu?"). */
  followUp: boolean;
  /** What the bot would send to the citizen for this turn. */
  replies: Reply[];
  /** Side effects the bot would carry out besides replying (dossier look-up, hand-off...). */
  actions: Exclude<Action, { type: 'reply' }>[];
  /** Which content answered: the live version, or the unpublished drafts. */
  content: 'published' | 'draft';
  contentVersion: string;
}

interface TestInput {
  kb: KnowledgeBase;
  matcher: Matcher;
  tFor: (lng: Language) => Translate;
  content: 'published' | 'draft';
}

/** One turn as the bot runs it (the matcher reads the session's context, decide() moves the session on). */
function runTurn(text: string, session: Session, input: TestInput): { result: NluTestResult; session: Session } {
  const u = input.matcher.understand(text, conversationContext(session));
  const decided = decide({ text, understanding: u, session, kb: input.kb, tFor: input.tFor, now: Date.now() });
  const replies: Reply[] = [];
  const actions: NluTestResult['actions'] = [];
  for (const a of decided.actions) {
    if (a.type === 'reply') replies.push(a.reply);
    else actions.push(a);
  }
  const result = { ...toMatchJson(u), followUp: u.followUp, replies, actions, content: input.content, contentVersion: input.kb.version };
  return { result, session: decided.session };
}

/** Runs one message through the matcher and the dialogue exactly as the bot would, without sending anything. */
export function testMessage(input: TestInput & { text: string }): NluTestResult {
  return runTurn(input.text, newSession('console-test'), input).result;
}

/**
 * Replays a conversation from a fresh session, turn after turn, as the bot would: follow-ups apply to the
 * previous answer and a clarification's buttons (payloads) resolve it. Nothing is sent or stored.
 */
export function testConversation(input: TestInput & { turns: string[] }): NluTestResult[] {
  let session = newSession('console-test');
  return input.turns.map((text) => {
    const turn = runTurn(text, session, input);
    session = turn.session;
    return turn.result;
  });
}
