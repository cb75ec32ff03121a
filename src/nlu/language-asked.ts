import { readLanguageRequest } from './language.js';
import { foldedSyllables } from './normalise.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/**
 * A language asked for together with a question about a dossier ("thôi em hỏi tiếng Việt cho lẹ, hồ sơ đó giờ có phải
 * bổ sung gì không"): the question, answered in that language. The request is a clause of its own, set off by
 * punctuation; the rest is read alone.
 */

/**
 * What the rest may be: a dossier's status. A procedure asked with the language ("can you answer in English? I want to
 * register my marriage to a foreigner") is the language's answer, which then asks the need in that language.
 */
const QUESTIONS: ReadonlySet<Understanding['intent']> = new Set(['dossier_status']);
const CLAUSE_BREAK = /[,.;!?]+\s*/u;

export function withQuestionAfterLanguage(matcher: Matcher): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (u.intent !== 'language' || u.decision !== 'answer') return u;
      const clauses = text.split(CLAUSE_BREAK).filter((c) => c.trim() !== '');
      const rest = clauses.filter((c) => readLanguageRequest(foldedSyllables(c)) === null);
      if (rest.length === 0 || rest.length === clauses.length) return u;
      const v = matcher.understand(rest.join(', '), context);
      if (v.decision === 'fallback' || !QUESTIONS.has(v.intent)) return u;
      return { ...v, text, language: u.language, languageDetected: true };
    },
  };
}
