import type { Understanding } from '../../src/nlu/types.js';

/** What a matcher says of a text it did not understand, in Vietnamese; `over` sets what a test needs. */
export function nothingUnderstood(text: string, over: Partial<Understanding> = {}): Understanding {
  return {
    text,
    decision: 'fallback',
    intent: 'fallback',
    intentId: null,
    procedureId: null,
    nationalCode: null,
    aspect: null,
    dossierCode: null,
    confidence: 0,
    alternatives: [],
    language: 'vi',
    languageDetected: true,
    choice: null,
    followUp: false,
    entities: {},
    ...over,
  };
}
