import type { Aspect, KnowledgeBase, Procedure } from '../knowledge/schema.js';
import { clarifyTitles, type ClarifyCandidate } from './clarify-titles.js';
import { fitBlocks, finishReply, MAX_BUTTON_TITLE, MAX_CLARIFY_OPTIONS, pick } from './limits.js';
import { payload } from './payload.js';
import type { Language, Reply, ReplyButton, Translate } from './types.js';

/** The example shown when asking for a dossier code (a real Quảng Ngãi code shape, reference §1.1). */
export const DOSSIER_CODE_EXAMPLE = '000.00.53.H48-220921-0099';

/** Procedures offered when the citizen opens "Tra cứu thủ tục" without a question yet. */
const POPULAR_PROCEDURES = ['dang-ky-khai-sinh', 'cap-the-can-cuoc', 'dang-ky-thuong-tru', 'dang-ky-ket-hon', 'chung-thuc-ban-sao'];

/** A procedure as a button title: its short name when it has one, since a full name rarely fits 20 characters. */
function procedureButtonTitle(p: ClarifyCandidate, lang: Language): string {
  return p.shortName?.[lang] ?? p.shortName?.vi ?? pick(p.name, lang, () => undefined);
}

export function helpMenuButtons(lang: Language, t: Translate): ReplyButton[] {
  const other: Language = lang === 'vi' ? 'en' : 'vi';
  return [
    { kind: 'query', title: t('common.button.procedures'), payload: payload.intent('procedures') },
    { kind: 'query', title: t('common.button.dossier'), payload: payload.intent('dossier_status') },
    { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') },
    { kind: 'query', title: t(other === 'en' ? 'common.button.english' : 'common.button.vietnamese'), payload: payload.language(other) },
  ];
}

/**
 * The main menu (welcome on follow, stickers): the five things citizens come for. The same payloads work from
 * the OA's fixed menu (README, "Main menu payloads").
 */
export function mainMenuButtons(_lang: Language, t: Translate): ReplyButton[] {
  return [
    { kind: 'query', title: t('common.button.procedures'), payload: payload.intent('procedures') },
    { kind: 'query', title: t('common.button.dossier'), payload: payload.intent('dossier_status') },
    { kind: 'query', title: t('welcome.button.contacts'), payload: payload.intent('contacts') },
    { kind: 'query', title: t('welcome.button.complaint'), payload: payload.intent('complaint') },
    { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') },
  ];
}

/** Sent when someone follows the OA (WELCOME_ON_FOLLOW) or taps "Nhắn tin" before ever writing. */
export function renderWelcome(lang: Language, t: Translate): Reply {
  return finishReply(t('welcome.follow'), mainMenuButtons(lang, t));
}

export function renderGreeting(lang: Language, t: Translate): Reply {
  return finishReply(t('smalltalk.greeting'), helpMenuButtons(lang, t));
}

export function renderHelpMenu(lang: Language, t: Translate): Reply {
  return finishReply(t('smalltalk.help'), helpMenuButtons(lang, t));
}

export function renderThanks(lang: Language, t: Translate): Reply {
  return finishReply(t('smalltalk.thanks'), helpMenuButtons(lang, t));
}

/** The most asked procedures as buttons, answering `aspect`. */
function popularButtons(kb: KnowledgeBase, lang: Language, aspect: Aspect, count: number): ReplyButton[] {
  const byId = new Map(kb.procedures.map((p) => [p.id, p]));
  const popular = POPULAR_PROCEDURES.map((id) => byId.get(id)).filter((p): p is Procedure => p !== undefined);
  return (popular.length ? popular : kb.procedures).slice(0, count).map((p) => ({
    kind: 'query',
    title: procedureButtonTitle(p, lang),
    payload: payload.procedure(p.id, aspect),
  }));
}

/** "Tra cứu thủ tục": how to ask, with the most asked procedures one tap away. */
export function renderProcedurePrompt(kb: KnowledgeBase, lang: Language, t: Translate): Reply {
  const buttons = popularButtons(kb, lang, 'overview', 4);
  buttons.push({ kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') });
  return finishReply(t('help.procedurePrompt'), buttons);
}

/** Generic words only ("thủ tục", "giấy tờ cho mẹ", "lệ phí bao nhiêu?"): what is it for? With the menu. */
export function renderAskNeed(kb: KnowledgeBase, aspect: Aspect | null, lang: Language, t: Translate): Reply {
  const text = aspect && aspect !== 'overview' ? t('dialogue.askNeed.aspect', { aspect: t(`answer.aspectPhrase.${aspect}`) }) : t('dialogue.askNeed.question');
  const buttons = popularButtons(kb, lang, aspect ?? 'overview', 3);
  buttons.push(
    { kind: 'query', title: t('common.button.dossier'), payload: payload.intent('dossier_status') },
    { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') },
  );
  return finishReply(text, buttons);
}

/** A national procedure code the catalogue does not hold: said back, with where to look it up. */
export function renderUnknownNationalCode(code: string, lang: Language, t: Translate): Reply {
  return finishReply(t('dialogue.unknownNationalCode', { code }), helpMenuButtons(lang, t));
}

/** Nothing fitted: say so plainly, offer the menu and a person. */
export function renderFallback(lang: Language, t: Translate): Reply {
  return finishReply(t('dialogue.fallback'), helpMenuButtons(lang, t));
}

/** A bare number or letter with no list open: nothing to pick from, so ask what is needed. */
export function renderNothingToChoose(lang: Language, t: Translate): Reply {
  return finishReply(t('dialogue.nothingToChoose'), helpMenuButtons(lang, t));
}

/** A few close candidates: the full names in the text, one numbered button each, and a way out. */
export function renderClarify(candidates: ClarifyCandidate[], aspect: Aspect | null, lang: Language, t: Translate): Reply {
  const shown = candidates.slice(0, MAX_CLARIFY_OPTIONS);
  const question =
    aspect && aspect !== 'overview' ? t('dialogue.clarify.questionAspect', { aspect: t(`answer.aspectPhrase.${aspect}`) }) : t('dialogue.clarify.question');
  const names = shown.map((p) => pick(p.name, lang, () => undefined));
  const text = fitBlocks([{ lines: [question], items: names.map((n, i) => `${i + 1}. ${n}`) }, { lines: [t('dialogue.clarify.hint')] }]);
  // Titles say how the candidates differ ("Cấp lại", "Cấp tỉnh"): the full names are in the text above.
  const titles = clarifyTitles(shown, lang, t, MAX_BUTTON_TITLE);
  const buttons: ReplyButton[] = shown.map((p, i) => ({
    kind: 'query',
    title: titles[i]!,
    payload: payload.procedure(p.id, aspect ?? 'overview'),
  }));
  buttons.push({ kind: 'query', title: t('common.button.notListed'), payload: payload.intent('help') });
  return finishReply(text, buttons);
}

export function renderHandoffAck(_lang: Language, t: Translate): Reply {
  return finishReply(t('smalltalk.handoff'));
}

export function renderAskDossierCode(lang: Language, t: Translate): Reply {
  return finishReply(t('smalltalk.dossier_status', { example: DOSSIER_CODE_EXAMPLE }), [
    { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') },
    { kind: 'query', title: t('common.button.menu'), payload: payload.intent('help') },
  ]);
}

/** The citizen was asked for a code and sent something that is not one. */
export function renderDossierCodeInvalid(_lang: Language, t: Translate): Reply {
  return finishReply(t('dialogue.dossierCodeInvalid', { example: DOSSIER_CODE_EXAMPLE }), [
    { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') },
    { kind: 'query', title: t('common.button.menu'), payload: payload.intent('help') },
  ]);
}

/** A social-insurance file number (03706/2026/07906) belongs to the BHXH's own systems, not the province's one-stop. */
export function renderSocialInsuranceNumber(code: string, t: Translate): Reply {
  return finishReply(t('dialogue.socialInsuranceNumber', { code }), [
    { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') },
    { kind: 'query', title: t('common.button.menu'), payload: payload.intent('help') },
  ]);
}

/** "Theo dõi hồ sơ" without a code. */
export function renderAskFollowCode(_lang: Language, t: Translate): Reply {
  return finishReply(t('smalltalk.follow_dossier', { example: DOSSIER_CODE_EXAMPLE }));
}

export function renderFeedbackThanks(helpful: boolean, _lang: Language, t: Translate): Reply {
  if (helpful) return finishReply(t('dialogue.feedbackThanks.up'));
  return finishReply(t('dialogue.feedbackThanks.down'), [
    { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') },
    { kind: 'query', title: t('common.button.menu'), payload: payload.intent('help') },
  ]);
}

/** A typed remark about the bot ("trả lời sai rồi"). */
export function renderFeedbackReceived(lang: Language, t: Translate): Reply {
  return finishReply(t('smalltalk.feedback'), helpMenuButtons(lang, t));
}

/** `t` must already speak the new language. */
export function renderLanguageSwitched(lang: Language, t: Translate): Reply {
  return finishReply(t(`smalltalk.language.${lang}`), helpMenuButtons(lang, t));
}

/** A topic the bot does not handle: its own polite redirect (content key), then the menu. */
export function renderOutOfScope(intentId: string | null, lang: Language, t: Translate): Reply {
  const topic = intentId?.startsWith('out_of_scope.') ? intentId : null;
  const text = topic ? t(`smalltalk.${topic}`, { defaultValue: t('dialogue.outOfScope') }) : t('dialogue.outOfScope');
  return finishReply(text, helpMenuButtons(lang, t));
}

/** A tapped button points to a procedure that is no longer in the content. */
export function renderProcedureGone(lang: Language, t: Translate): Reply {
  return finishReply(t('dialogue.procedureGone'), helpMenuButtons(lang, t));
}
