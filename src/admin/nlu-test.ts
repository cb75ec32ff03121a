import { toMatchJson } from '../nlu/match-json.js';
import { decide } from '../dialogue/decide.js';
import { newSession, type Action, type Language, type Reply, type Translate } from '../dialogue/types.js';
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
  /** What the bot would send to a citizen starting a fresh conversation. */
  replies: Reply[];
  /** Side effects the bot would carry out besides replying (dossier look-up, hand-off...). */
  actions: Exclude<Action, { type: 'reply' }>[];
  /** Which content answered: the live version, or the unpublished drafts. */
  content: 'published' | 'draft';
  contentVersion: string;
}

/** Runs one message through the matcher and the dialogue exactly as the bot would, without sending anything. */
export function testMessage(input: { text: string; kb: KnowledgeBase; matcher: Matcher; tFor: (lng: Language) => Translate; content: 'published' | 'draft' }): NluTestResult {
  const u = input.matcher.understand(input.text);
  const decided = decide({ text: input.text, understanding: u, session: newSession('console-test'), kb: input.kb, tFor: input.tFor, now: Date.now() });
  const replies: Reply[] = [];
  const actions: NluTestResult['actions'] = [];
  for (const a of decided.actions) {
    if (a.type === 'reply') replies.push(a.reply);
    else actions.push(a);
  }
  return {
    ...toMatchJson(u),
    replies,
    actions,
    content: input.content,
    contentVersion: input.kb.version,
  };
}
