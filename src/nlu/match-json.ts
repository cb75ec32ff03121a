import type { Understanding } from './types.js';

/**
 * The matcher's answer as the `nlu match` CLI prints it (a contract with tooling): fixed fields first, extras
 * after. `nationalCode` is the chosen procedure's code; each alternative carries its own (for a clarify
 * decision, the alternatives are the offered candidates in button order).
 */
export function toMatchJson(u: Understanding) {
  return {
    text: u.text,
    decision: u.decision,
    intent: u.intent,
    procedureId: u.procedureId,
    aspect: u.aspect,
    dossierCode: u.dossierCode,
    confidence: u.confidence,
    alternatives: u.alternatives.map((a) => ({ procedureId: a.procedureId, nationalCode: a.nationalCode, confidence: a.confidence })),
    nationalCode: u.nationalCode,
    intentId: u.intentId,
    language: u.language,
    entities: u.entities,
  };
}
