import type { Understanding } from './types.js';

/** The matcher's answer as the `nlu match` CLI prints it (a contract with tooling): fixed fields first, extras after. */
export function toMatchJson(u: Understanding) {
  return {
    text: u.text,
    decision: u.decision,
    intent: u.intent,
    procedureId: u.procedureId,
    aspect: u.aspect,
    dossierCode: u.dossierCode,
    confidence: u.confidence,
    alternatives: u.alternatives.map((a) => ({ procedureId: a.procedureId, confidence: a.confidence })),
    intentId: u.intentId,
    language: u.language,
    entities: u.entities,
  };
}
