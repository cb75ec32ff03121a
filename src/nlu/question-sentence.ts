import type { Matcher, UnderstandContext, Understanding } from './types.js';

/**
 * A message of a few sentences, one of them the question, the others what the citizen tells of their case ("Where do
 * we file it? We rent an apartment in Thu Duc.", "Sorry, my partner reads English better. How much is the fee?"):
 * when the question alone is a follow-up of the procedure talked about, the message is. The told sentences' words
 * brush other procedures or none, and would take the question away from the conversation.
 */
const SENTENCE_END = /(?<=[?.!])\s+/u;
const MAX_SENTENCES = 4;
/** A question comparing what the told sentences name with the procedure talked about ("Is that a different procedure?"). */
const COMPARES = /\b(?:different|same|another|other|separate)\b|\b(?:khác|giống|riêng)\b/iu;

export function withQuestionSentenceCarried(matcher: Matcher): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (!context.lastProcedureId || (context.pendingCandidates?.length ?? 0) > 0 || u.decision === 'answer') return u;
      const sentences = text.trim().split(SENTENCE_END).filter((s) => s.length > 0);
      if (sentences.length < 2 || sentences.length > MAX_SENTENCES) return u;
      const questions = sentences.filter((s) => s.trimEnd().endsWith('?'));
      if (questions.length !== 1 || COMPARES.test(questions[0]!)) return u;
      const v = matcher.understand(questions[0]!, context);
      if (v.decision !== 'answer' || !v.followUp || v.procedureId !== context.lastProcedureId) return u;
      return { ...v, text, narrow: true };
    },
  };
}
