export { decide, type DecideInput, type Decision } from './decide.js';
export { parsePayload, payload, type Payload, type MenuKind } from './payload.js';
export { answerProcedure, renderProcedureAnswer } from './render-procedure.js';
export { renderOfficialAnswer, OFFICIAL_ANSWER_MAX } from './render-official.js';
export {
  DOSSIER_CODE_EXAMPLE,
  helpMenuButtons,
  mainMenuButtons,
  renderWelcome,
  renderAskDossierCode,
  renderAskFollowCode,
  renderAskNeed,
  renderClarify,
  renderDossierCodeInvalid,
  renderFallback,
  renderFeedbackReceived,
  renderFeedbackThanks,
  renderGreeting,
  renderHandoffAck,
  renderHelpMenu,
  renderLanguageSwitched,
  renderNothingToChoose,
  renderOutOfScope,
  renderProcedureGone,
  renderProcedurePrompt,
  renderThanks,
} from './render-system.js';
export { MAX_BUTTONS, MAX_BUTTON_TITLE, MAX_TEXT, cutIncomingText, finishReply, formatNumber, truncate } from './limits.js';
export type { TurnUnderstanding } from './understanding.js';
