import { lexiconWithCatalogueWords } from '../knowledge/catalogue-words.js';
import { knownProcedures } from '../knowledge/known-procedures.js';
import { ASPECTS, type Aspect, type KnowledgeBase, type SystemIntent } from '../knowledge/schema.js';
import { analyse, pickAspect } from './analyse.js';
import { choiceIndex, parseChoice } from './choice.js';
import { withLongMessages, withRequestClarified } from './long-message.js';
import { withPurposeDropped } from './purpose.js';
import { withConditions } from './condition.js';
import { PairCounts, repairDialect } from './dialect.js';
import { withoutEnglishPlaceNames, withoutVietnamesePlaceNames } from './place-names.js';
import { afterDenial, afterSubjectChange, rightOneSaid, withoutDeniedTail, isReference, opensWithReference, topicSignals, type TopicSignals } from './topic.js';
import { findDossierCodes, findNationalCode, findPhone } from './entities.js';
import { detectLanguage, readLanguageRequest } from './language.js';
import { withQuestionAfterLanguage } from './language-asked.js';
import { withoutClosingVocative } from './vocative.js';
import { asksPenalty, mistreatmentTold, readGrievance } from './grievance.js';
import { withNamesSaid } from './keyword-said.js';
import { asksPlaceChoice, canonicaliseSynonyms, compileLexicon, SYNONYM_PREFIX, type CompiledLexicon, type Tokens } from './lexicon.js';
import { FeatureLists, SearchIndex, Vocabulary, insertLeader, type IndexField } from './search-index.js';
import { QueryVector } from './query-vector.js';
import { withoutFileWords } from './file-words.js';
import { ProcedureTexts, TitleTable, WEIGHT, type TextShape } from './procedure-texts.js';
import { PhrasingTable } from './phrasings.js';
import { DEFAULT_PRIORS, matchTarget, type MatchTarget, type PriorOptions } from './match-target.js';
import { Speller } from './speller.js';
import { readOfficeQuestion } from './office-question.js';
import { readRefusedTopic, refusedWhateverMatches } from './refused-topic.js';
import { readsStatusQuestion } from './status-question.js';
import { foldDiacritics, normaliseText, saidInOrderFrom, syllables } from './normalise.js';
import { withBusinessStage, type BusinessStages } from './business-stage.js';
import { withJobLeft, type JobLeftProcedures } from './job-left.js';
import { withDeathTold, type DeathProcedures } from './death-told.js';
import { withHouseholdBookGone } from './household-book.js';
import { withPovertyAsStanding } from './poverty-status.js';
import { withResidenceKindUnsaid, type Deregistrations } from './residence-kind.js';
import { jointParts, partLeftOfJoint } from './procedure-kin.js';
import { withQuestionSentenceCarried } from './question-sentence.js';
import { AGE_WORDS, ageBoundPairs, ageSaid, isReRegistration, registerLostSaid, withBirthParentage, withAgeOfPerson, withChildAgeUnsaid, withOldAgeAllowance, withOriginalLost, withPaperLost, withRegisterLost, type CombinedProcedure, type OldAgeAllowances, type ProcedureRef } from './stated-case.js';
import type { Alternative, DecisionThresholds, IntentName, Matcher, UnderstandContext, Understanding } from './types.js';

export const DEFAULT_THRESHOLDS: DecisionThresholds = { answer: 0.35, clarify: 0.25, margin: 0.25, system: 0.6 };

export interface MatcherOptions {
  thresholds?: Partial<DecisionThresholds>;
  /** Tuning knobs; the defaults are tuned on test/fixtures/nlu-eval/tune.jsonl. */
  nameBonus?: number;
  systemBias?: number;
  namePower?: number;
  nameSpecific?: number;
  /** Share of the best phrasing's score the top procedure's own best phrasing must reach to answer. */
  agreeMin?: number;
  /** Margin between the top two procedures that is enough when the nearest phrasings agree. */
  agreedMargin?: number;
  /** Relative lead of the nearest phrasing's procedure over the next procedure's phrasing, for agreedMargin. */
  knnLead?: number;
  knnB?: number;
  /** SYSTEM_BIAS for dossier intents: a procedure named inside "is my file done?" is context, not the topic. */
  statusBias?: number;
  /** Coverage from which a lone candidate confirmed by the nearest phrasings is answered. */
  soleCoverage?: number;
  /** Re-ranked share of the leader from which the nearest phrasing's procedure counts as a rival. */
  rivalShare?: number;
  /** Match small talk with stopwords kept (default true). */
  smallTalkStopwords?: boolean;
  followMargin?: number;
  maxDocShare?: number;
  /** Share of the leader's score from which a procedure is offered as a clarification button. */
  offerShare?: number;
  /** Coverage from which a catalogue procedure leading the candidates is offered as a clarification. */
  catalogueClarify?: number;
  /** Name coverage (after NAME_SHARE_POWER) a catalogue procedure needs to be answered rather than offered. */
  catalogueNameShare?: number;
  /** How much less catalogue-only procedures weigh than curated ones (see match-target.ts). */
  priors?: Partial<PriorOptions>;
}

/** A candidate of a pending clarification weighs this much more. */
const PENDING_BOOST = 1.5;
/** Procedures offered in a clarification score at least this share of the best one. */
const CLARIFY_SHARE = 0.55;
/**
 * A clarification offers up to three buttons; a weaker third candidate costs the citizen nothing and often
 * is the one meant, so buttons reach further down than CLARIFY_SHARE.
 */
const OFFER_SHARE = 0.25;
const MAX_CANDIDATES = 3;
/** …or four, when four curated procedures share the name said ("chứng thực": copy, signature, translation, contract). */
const MAX_FAMILY = 4;
/** The name of the copy of a civil-status record, folded ("cấp bản sao trích lục hộ tịch"). */
const RECORD_COPY = /\btrich luc\b/;
/** The certification of a copy from its original ("Chứng thực bản sao từ bản chính"), by its folded name. */
const CERTIFIED_COPY = /^chung thuc ban sao\b/;
/** The words every re-registration's name holds ("Đăng ký lại …"): what is left names the paper. */
const RE_REGISTRATION_WORDS: ReadonlySet<string> = new Set(['dang', 'ky', 'lai']);
/** The social pension ("Trợ cấp hưu trí xã hội") and the monthly social allowance ("… trợ cấp xã hội hằng tháng"), by folded name. */
const SOCIAL_PENSION = /\bhuu tri xa hoi\b/;
const SOCIAL_ALLOWANCE = /\btro cap xa hoi hang thang\b/;
/** A copy of a diploma from the school's register ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"), by its folded name. */
const DIPLOMA_COPY = /\bban sao van bang\b/;
/** A household business's three stages by folded name: opening, changing, closing it (see business-stage.ts). */
const BUSINESS_OPEN = /\bthanh lap ho kinh doanh\b/;
const BUSINESS_CHANGE = /\bthay doi noi dung dang ky ho kinh doanh\b/;
const BUSINESS_CLOSE = /\bcham dut hoat dong ho kinh doanh\b/;
const HOUSEHOLD_BUSINESS = /\bho kinh doanh\b/;
/** The catalogue's pause of a household business ("Tạm ngừng kinh doanh, … của hộ kinh doanh"). */
const BUSINESS_PAUSE = /^tam ngung kinh doanh\b.*\bho kinh doanh\b/;
/** The residence information confirmation ("Xác nhận thông tin về cư trú"), which stands for the old household book. */
const RESIDENCE_CONFIRMATION = /^xac nhan thong tin ve cu tru\b/;
/** The recognition of a poor or near-poor household, by folded name. */
const POOR_RECOGNITION = /^cong nhan ho ngheo\b/;
/** What a death leads to: its registration, the joint filing with the funeral allowance, the allowance alone. */
const DEATH_REGISTRATION = /^dang ky khai tu$/;
const DEATH_JOINT = /^lien thong dang ky khai tu\b/;
const FUNERAL_ALLOWANCE = /^ho tro chi phi mai tang$/;
const UNEMPLOYMENT_BENEFIT = /^giai quyet huong tro cap that nghiep$/;
const LUMP_SUM_WITHDRAWAL = /^giai quyet huong bao hiem xa hoi mot lan$/;
/** The deregistrations of permanent and of temporary residence, by folded name. */
const DEREGISTER_PERMANENT = /^xoa dang ky thuong tru\b/;
const DEREGISTER_TEMPORARY = /^xoa dang ky tam tru\b/;
const CATALOGUE_CLARIFY = 0.1;
const CATALOGUE_NAME_SHARE = 0.35;
/** A catalogue procedure offered from a low coverage must match at least two syllables of the message (see matchedWeight). */
const CATALOGUE_EVIDENCE = 2;
/** Features in more than this share of the procedures count as no evidence for a catalogue runner-up. */
const COMMON_FEATURE_SHARE = 0.05;
/**
 * An English message has many words no Vietnamese procedure text holds ("being", "sued", "over"): each costs
 * only this share of the coverage an unknown Vietnamese syllable costs.
 */
const ENGLISH_UNKNOWN_SHARE = 0.5;
/** Names sharing this share of the shorter one's weight are near-twins (see twinUnnamed). */
const TWIN_OVERLAP = 0.5;
/**
 * Coverage from which a curated page is answered whatever catalogue procedures follow it (see curatedUnsure).
 * Citizens asking about a catalogue neighbour of a curated page (another variant, the organisation's case)
 * share most of its words: below this coverage, such a page answered outright was the main source of
 * confidently wrong answers on the catalogue parts.
 */
const CURATED_SURE = 0.65;
/**
 * Share of the leader's score from which a catalogue procedure among the buttons makes a curated answer below
 * CURATED_SURE a question (lower, a far third candidate would make plain curated questions clarifications).
 */
const CATALOGUE_RIVAL_SHARE = 0.3;
/** Runners-up scoring at least this share of the leader are checked for being its twin. */
const TWIN_FLOOR = 0.3;
/** A word in the phrasings of this share of the curated procedures is common speech, not a qualifier. */
const COMMON_IN_SPEECH = 0.25;
/** How many leaders ruleOutTwins compares pairwise. */
const MAX_TWINS = 6;
/** Words that say the paper is the new one the procedure gives ("bao lâu thì có bằng mới"), not which paper (folded). */
const RESULT_WORDS: ReadonlySet<string> = new Set(['moi']);

/** The message's own words without RESULT_WORDS, unless nothing else is left. */
function withoutResultWords(words: readonly string[]): readonly string[] {
  const kept = words.filter((w) => !RESULT_WORDS.has(w));
  return kept.length > 0 ? kept : words;
}

/** A message that is a number and nothing else ("15", "#20", "300."). */
const BARE_NUMBER = /^\s*#?\d{1,12}\s*[.!?)]*\s*$/;
/** What the bot can do, asked in so many words ("em giúp được những việc gì", "bạn làm được gì"), folded. */
const HELP_ASKED = / (?:(?:(?:giup|lam|lm|ho tro|hoi)(?: (?:toi|tui|em|minh|chau|con|bac|ba))? (?:duoc|dc)|(?:bot|ban|em) (?:nay )?(?:giup|ho tro)|co the (?:giup|ho tro) (?:toi|tui|em|minh|chau|con|bac)) (?:nhung )?(?:gi|j|chi|viec gi|viec chi|nhung gi|nhung viec gi|cai gi|cai chi)|dung (?:cai|bot|ung dung|app) (?:nay|nay bot) (?:the nao|ra sao|sao|ntn|nhu the nao))(?: (?:cho \S+|a|vay|khong|ko|nhi|the|nhe|day|o day|em|anh|chi|ad|rua|ri|ha|z))* $/;
/**
 * What the bot can do asked inside a short message ("ngoài chỉ thủ tục ra em còn biết làm gì nữa hông", "chỉ giùm anh
 * mấy cái em làm được", "hỏi cái gì ở đây được", "What can this chatbot do for me?"), folded.
 */
const HELP_SAID = / ((em|ban|bot|chatbot|ad) (con )?(biet lam|biet|lam) (duoc )?(gi|nhung gi|viec gi|them gi)|(may|nhung) (cai|viec) (ma )?(em|ban|bot) lam duoc|hoi (duoc )?(cai )?gi o day|o day hoi (duoc )?(cai )?gi|(em|ban|bot|chatbot) (la )?ai (vay|the|day|do)|(em|ban|bot|chatbot) la (nguoi that|nguoi) hay (may|bot)|who are you|are you a (bot|robot|real person)|what can (this |the )?(chatbot |bot |you )?(do|help))\b/;
const HELP_SAID_WORDS = 14;
/** A complaint's heading, the message's first words before a colon or dash ("Phản ánh: …"), folded. */
const COMPLAINT_HEADING = /^\s*(?:(?:toi|chung toi|em|tui|minh) )?(?:muon |xin )?(?:phan anh|khieu nai|kien nghi|to cao)\s*[:\-–]/;
/** A greeting and whom it greets, nothing else ("chào cháu", "xin chào cả nhà ạ"), folded. */
const BARE_GREETING = /^(?:xin )?chao (?:ca nha|moi nguoi|chau|con|em|anh|chi|bac|co|chu|ad|ban|admin|ong|ba|anh chi|can bo)(?: (?:a|nhe|nha|oi|ah))*$/;
/** At most this many words of its own for a message to pick an open button by words that button's texts hold. */
const BUTTON_WORDS = 3;
/** "theo dõi" is in both follow and unfollow phrasings: unfollow needs its own words ("bỏ", "hủy") to win. */
const UNFOLLOW_MARGIN = 1.15;
/** Following a dossier is a commitment (notifications): it needs clearly more evidence than a status query. */
const FOLLOW_MARGIN = 1.3;
/** Words that ask to be told of a dossier's changes, and words that ask to stop (folded). */
// "any update?" asks the status now; "send me updates", "keep me updated" ask to be told later.
const FOLLOWING = / (?:theo doi|bao|thong bao|nhan tin|nhan|follow|track|notify|notifications?|(?:send|give|get|keep)(?: me| us)?(?: \S+)? updat(?:es?|ed)|update me|alert) /;
const STOP_FOLLOWING = / (?:bo|huy|ngung|dung|thoi|khoi|stop|unfollow|cancel|unsubscribe|no longer) /;
const STATUS_BIAS = 0.9;
/**
 * "hồ sơ khai sinh của em xong chưa" names a procedure as well as asking for a status: the status query wins
 * unless the procedure clearly dominates (answering the procedure there is a confident wrong answer).
 */
const STATUS_QUERY_BIAS = 0.7;
/** Syllables in more than this share of the procedures say nothing about which one is meant. */
const MAX_DOC_SHARE = 0.4;
const SOLE_COVERAGE = 0.25;
const RIVAL_SHARE = 0.55;
const DOSSIER_KINDS: ReadonlySet<SystemIntent['kind']> = new Set(['dossier_status', 'follow_dossier', 'unfollow_dossier']);
/** Asking for needs to be done at once ("làm một lần", "cùng lúc", "vừa … vừa …", "liên thông", "luôn lúc"), folded. */
const TOGETHER = / (mot lan|cung luc|cung mot luc|mot the|mot luot|vua \S+( \S+){0,4} vua|lien thong|gop lai|lam chung|luon luc|luon khi|dong thoi|ket hop) /;
/** "Của tôi", "nhà tôi": a thing one has already (folded). */
const OWNER_WORDS: ReadonlySet<string> = new Set(['cua', 'nha']);
const OWNERS: ReadonlySet<string> = new Set(['toi', 'tui', 'minh', 'em', 'chau', 'bac', 'tao']);
/** What happened to one's thing ("căn cước của tôi bị mất", "sổ nhà tôi rách"): it says the need (folded). */
const THING_HAPPENED: ReadonlySet<string> = new Set(['mat', 'hong', 'rach', 'chay', 'uot', 'sai', 'doi', 'dong', 'chuyen', 'nghi', 'ngung', 'huy', 'lac', 'het', 'han', 'cu', 'lost', 'damaged', 'expired']);
/** A paper or procedure pointed back at ("giấy xác nhận đó", "thủ tục này", "cái thẻ ấy"), folded and spaced. */
const POINTS_BACK = / (?:giay|the|so|thu tuc|ho so|giay to|certificate|card|paper)(?: \S+){0,3} (?:do|ay|nay|kia|no|ni|that|this) /;
/** Someone a thing may be for or belong to, standing between it and "của tôi" (folded). */
const SOMEONE: ReadonlySet<string> = new Set(['cho', 'con', 'be', 'chau', 'me', 'bo', 'ba', 'ma', 'vo', 'chong', 'ong', 'anh', 'chi', 'em', 'nguoi', 'gia', 'dinh']);
/** Words of an age stated or bounded, folded: no qualifier of a procedure's name (see qualifierSaid). */
const AGE_QUALIFIER_WORDS = ['tuoi', 'thang', 'duoi', 'tren', ...Array.from({ length: 19 }, (_, i) => String(i))];
/** How many words after the thing "của tôi" may come ("hộ kinh doanh bán cá của tôi"). */
const OWNER_REACH = 4;
/** The thing said to exist already ("có giấy hộ kinh doanh rồi", "đã có giấy phép"), folded and spaced. */
const ALREADY_HAS = / (?:(?:da|dang) co (?:giay|so|the)|co (?:giay|so|the)(?: \S+){1,5} (?:roi|r)) /;
/** Words joining two needs in one message ("rượu với thuốc lá", "khai sinh và khai tử"), folded. */
const JOINING: ReadonlySet<string> = new Set(['va', 'voi', 'lan', 'hoac', 'and', 'or']);
/** Two needs joined lie at most this many words apart. */
const TWO_NEEDS_SPAN = 5;
/** The second need scores at least this share of the first. */
const TWO_NEEDS_SHARE = 0.5;
/** A household said to be poor already ("nhà thuộc hộ nghèo", "là hộ nghèo", "diện hộ nghèo"), folded, synonyms collapsed. */
const POOR_CASE = / (thuoc|la|dien) (ho )?≈ho_ngheo /;
const POOR_CASE_WORDS: ReadonlySet<string> = new Set(['thuoc', 'dien', '≈ho_ngheo']);
/**
 * Where the citizen lives, said as the case ("em đang ở trọ bên xã khác", "em thường trú ở Quảng Ngãi", "hộ khẩu ở
 * quê"), not as the residence procedure ("đăng ký tạm trú"): folded, synonyms collapsed.
 */
const LIVES_AT = / (?:(?:em|toi|tui|minh|anh|chi|dang|van|hien|nha|noi) (?:≈thue_tro|≈thuong_tru|≈tam_tru)|(?:≈thue_tro|≈thuong_tru|≈tam_tru) (?:(?:cua )?(?:em|toi|tui|minh|anh|chi) )?o (?!dau |nao ))/;
/** A parent or spouse said to be Vietnamese, folded and spaced ("cha nó người Việt", "vợ em quốc tịch Việt Nam"). */
const VIETNAMESE_SAID = / (?:cha|bo|me|ma|chong|vo|ba|ong|father|mother|husband|wife)(?: \S+){0,4} (?:la |cung la |cung )?(?:nguoi viet|quoc tich viet)\b| (?:is|are) (?:also )?vietnamese(?: citizens?)? $/;
/** Vietnamese named as what the writer lacks, folded and spaced ("my vietnamese is not good", "i don't speak vietnamese"). */
const LACKS_VIETNAMESE = / (?:my vietnamese (?:is )?(?:not (?:good|great|very good)|bad|poor|limited|weak)|(?:don ?t|do not|can ?t|cannot|can not) (?:speak|read|write|understand) (?:much )?vietnamese|no vietnamese) /;
/** Registering or licensing said, folded and spaced: something to be filed. */
const LICENSING = / (?:register|registration|licen[cs]e|permit|giay phep|dang ky|kinh doanh|business) /;
/** Making or getting a paper said ("làm căn cước", "cấp thẻ"), not a school grade ("bằng cấp 3"). Folded, spaced. */
const MAKING = / (?:lam|xin|dang ky|cap(?! (?:\d|mot|hai|ba)\b)) /;
/** …unless a residence procedure is named with its verb ("đăng ký tạm trú", "cắt khẩu", "tạm trú … sắp hết hạn thì gia hạn sao"). */
const RESIDENCE_NAMED = / (?:dang ky|lam|xin|nhap|cat|xoa|gia han|chuyen|tach) (?:\S+ )?(?:≈thue_tro|≈thuong_tru|≈tam_tru) | ≈tam_tru (?:\S+ ){0,8}(?:gia han|het han) /;
const LIVES_AT_WORDS: ReadonlySet<string> = new Set(['≈thue_tro', '≈thuong_tru', '≈tam_tru', 'tro', 'que', 'khac', 'ben']);
/** Being late or fined, said of the citizen's own case ("đi làm trễ hơn 2 tháng rồi có sao không", "có bị phạt không"). */
const LATE_CASE = / (?:tre|muon|≈qua_han|bi phat|phat) /;
const LATE_CASE_WORDS: ReadonlySet<string> = new Set(['tre', 'muon', '≈qua_han', 'bi', 'phat', 'hon', 'thang', 'tuan', 'ngay', 'nam', 'roi', 'sao']);
/**
 * Being frail said as why a question is asked ("nộp ở đâu, bác đi lại khó khăn", "vì tôi chân yếu"): the case of the
 * one asking, not a need of its own (folded and spaced).
 */
const FRAIL_CASE = / (?:di lai|di dung|di) (?:\S+ )?(?:kho khan|khong duoc|khong noi|kho)\b| chan (?:yeu|dau|run)\b| (?:gia yeu|om yeu|nam mot cho|liet giuong|xelan|liet chan|bai liet)\b| (?:khong|ko|k|hong) (?:di|len|ra) (?:duoc|dc|noi)\b/;
const FRAIL_CASE_WORDS: ReadonlySet<string> = new Set(['di', 'lai', 'dung', 'kho', 'khan', 'khong', 'noi', 'chan', 'yeu', 'dau', 'run', 'gia', 'om', 'nam', 'mot', 'cho', 'liet', 'giuong', 'bai']);
/**
 * Someone else doing it on the citizen's behalf ("con trai tôi về làm hộ bố được không", "nhờ vợ nộp thay"): who does
 * it is the case of the one asking, not a need of its own (folded and spaced). Not a passport ("làm hộ chiếu") nor a
 * household ("làm hộ khẩu", "hộ kinh doanh").
 */
const PROXY_CASE = / (?:lam|nop|di|nhan|ky|xin) (?:ho|thay|dum|gium)\b(?! (?:chieu|khau|tich|kinh|ngheo|can|gia dinh|kd|ca the))/;
const PROXY_CASE_WORDS: ReadonlySet<string> = new Set(['con', 'trai', 'gai', 'bo', 'me', 'ba', 'ong', 'cha', 'vo', 'chong', 'chau', 'thang', 'em', 'anh', 'chi', 'nguoi', 'nha', 'ho', 'thay', 'dum', 'gium', 'nho', 've', 'o']);
/** "A little", as in "cho hỏi chút / xíu / tí". */
const A_LITTLE: ReadonlySet<string> = new Set(['chut', 'xiu', 'ti']);
/**
 * Intents a phrasing of which, found word for word, decides a message (see saidOutright). Office hours or a phone
 * number asked in so many words ("thứ 7 có làm … không") are a contact question whatever procedure is named: no
 * procedure answer holds them. A refused topic said whole ("quyết toán thuế thu nhập cá nhân online") is refused
 * though a national catalogue record bears its name: the province's desks do not handle it.
 */
const OUTRIGHT_KINDS: ReadonlySet<SystemIntent['kind']> = new Set(['handoff', 'complaint', 'language', 'contacts', 'out_of_scope']);
const OUTRIGHT_WORDS = 4;
const OUTRIGHT_GAP = 2;
/** A generic word in at least this share of the procedures' names is left out when judging how whole a name is named. */
const COMMON_IN_NAMES = 0.1;
/** A message naming more words than this is never taken for a name several procedures share. */
const SHARED_NAME_WORDS = 6;
/** Procedures sharing the words the message names are offered from this share of the leader's score. */
const SHARED_FLOOR = 0.3;
/** An answer whose coverage is within this of its threshold passed by a small margin (it is listed for review). */
const NARROW_COVERAGE = 0.08;
/** …and so is one whose lead over the runner-up (or over the procedures, for small talk) is within this of what it needs. */
const NARROW_MARGIN = 0.1;
/** Share of a title's weight from which a message names that title whole. */
const FULLY_NAMED = 0.8;
/** Name coverage (after NAME_SHARE_POWER) from which a message names a procedure: about half of its name. */
const NAMED_TOPIC = 0.35;
/** The last procedure still explains a follow-up whose words it scores at least this share of the leader's. */
const LAST_EXPLAINS = 0.5;
/** How many BM25 leaders are re-ranked by name coverage. */
const RERANK = 12;
/** Weight of name coverage in the re-ranking: a message naming the whole procedure scores up to (1 + this) times more. */
const NAME_BONUS = 3;
/** Exponent on the share of a title the message mentions: above 1, a missing distinctive word costs more. */
const NAME_SHARE_POWER = 1.5;
/** Exponent on the title weight mentioned relative to the best-named candidate: the more specific name wins. */
const NAME_SPECIFIC_POWER = 0;
/**
 * Procedure coverage runs lower than small-talk coverage (its denominator includes the name bonus and a
 * larger vocabulary): a system intent wins over a procedure only when its coverage beats the procedure's
 * times this factor.
 */
const SYSTEM_BIAS = 1.5;
/**
 * Nearest-phrasing agreement: the procedure ranked first must also own (nearly) the best-matching single
 * phrasing, else the evidence is split between two procedures and the citizen is asked.
 */
const AGREE_MIN = 0.85;
const AGREED_MARGIN = 0.15;
const KNN_LEAD = 0.3;
/** Leaders below this share of the first one are neither rivals nor worth scoring phrasing by phrasing. */
const KNN_FLOOR = 0.3;

const INTENT_OF_KIND: Record<SystemIntent['kind'], IntentName> = {
  greeting: 'greeting',
  thanks: 'thanks',
  help: 'help',
  handoff: 'handoff',
  language: 'language',
  dossier_status: 'dossier_status',
  feedback: 'feedback',
  out_of_scope: 'out_of_scope',
  follow_dossier: 'follow_dossier',
  unfollow_dossier: 'unfollow_dossier',
  complaint: 'complaint',
  contacts: 'contacts',
  more_detail: 'more_detail',
};

const PAYLOAD = /^#p:([a-z0-9-]+)(?::([a-z]+))?$/;
function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

/**
 * Something of one's case missing or refused, asked what then ("nhà chồng chưa có sổ đỏ thì sao", "chủ trọ ko chịu
 * ký xác nhận thì sao"): a condition of the procedure talked about, whatever other procedure its object names.
 */
const LACKING_THEN = /\b(chua|khong|ko|k|kg|khg|chang|hong) (co|lam|chiu|dong y|cho|ky|xac nhan)\b.* thi (sao|lam sao|the nao|phai lam sao|phai lam gi)( \S+){0,2}$/;
/** The last words where a missing thing and its "thì sao" are looked for (bounded: the question closes the message). */
const LACKING_WORDS = 24;
/** Words that name a filed dossier or its outcome, accents folded. */
const DOSSIER_WORDS = /\b(ho so|hs|ma|tra cuu|kiem tra|bien nhan|giay hen|ket qua|tien do|xong chua|application|file|dossier|status)\b/;
/** Words that ask something after an opening thank-you ("cảm ơn, cho hỏi thêm …", "còn kết hôn", "… được không"), accents folded. */
const STILL_ASKS = /^ (con|the|vay|neu|hoi(?! xong| het| roi| rui)|what about|and) | (cho hoi|hoi them|hoi luon|hoi tiep|con (cai|thu|viec)|duoc khong|dc khong|dc ko|duoc ko|khong a|ko a|chua|nao|gi|dau|sao|bao nhieu|bao lau|may|the nao|ra sao|lam sao|how|what|where|when|which|can i|could|is it|do i) /;
/** Who is writing, said after a greeting ("tui là ngư dân ở Quỳnh Lưu", "em tên Lan", "cháu ở thôn 3", "e mới chuyển về Mỹ Hào"), folded. */
const INTRODUCTION = /^ ((toi|tui|tau|em|e|chau|minh|con|bac|co|chu|anh|chi|ong|ba) (la|ten|ten la|o|dang o|song o|nha o|que|que o|(dang )?(lam|hoc) (viec |cong nhan )?(o|tai)|(moi |vua )?(chuyen|don) (ve|den|toi|qua))|i am|i m|my name is|this is)\b/;
/** A need said in an introduction ("em mới chuyển về, muốn đăng ký tạm trú"): the introduction asks something. Folded, spaced. */
const INTRODUCTION_WANTS = / (muon|can|xin|dang ky|lam giay|thu tuc|hoi) /;
/** A clause that only says yes or OK, folded. */
const ACKNOWLEDGEMENT = /^(vang|da|da vang|vang a|da a|ok|oke|okay|uh|u|um|uhm|roi|duoc roi|dc roi|the a|vay a)$/;
/** A question put off to later ("để mai mình hỏi tiếp", "lát em hỏi thêm") or a wait ("để tôi chờ thêm mấy hôm"): nothing is asked now. Folded, spaced. */
const ASKS_LATER = / (de|lat|mai|hom khac|lan sau|khi khac|bua khac|sau) (\S+ ){0,3}(hoi|hoi tiep|hoi them|hoi lai|nhan|nhan tin|cho them|doi them|cho xem|doi xem) /;
/** A closing clause this short can be a thank-you on its own ("cảm ơn", "cám ơn ad nhiều nha"). */
const CLOSING_THANKS_CHARS = 30;

/** A message's clauses, split at punctuation and line breaks. */
function clausesOf(text: string): string[] {
  return text.split(/[,.;!\n]/).map((c) => c.trim()).filter(Boolean);
}

/** A message's opening clause, when it is as short as a thank-you or a greeting, and the rest after it; or null. */
function shortOpening(text: string): { opening: string; rest: string } | null {
  const clauses = clausesOf(text);
  const opening = clauses[0];
  if (clauses.length < 2 || opening === undefined || opening.length > CLOSING_THANKS_CHARS) return null;
  return { opening, rest: clauses.slice(1).join(', ') };
}
/** A message names a procedure (aboutProcedureId) when its whole name is said and the runner-up scores below this share of it. */
const ABOUT_SHARE = 0.8;
const NAMED_IN_FULL = 0.99;

const NO_CANDIDATES: readonly string[] = [];

class VietnameseMatcher implements Matcher {
  private readonly lex: CompiledLexicon;
  private readonly procedures: MatchTarget[] = [];
  private readonly intents: SystemIntent[] = [];
  /** System intents by id, and the first status query intent (-1 when the content has none). */
  private readonly intentDoc = new Map<string, number>();
  private statusIntent = -1;
  private readonly procIndex: SearchIndex;
  private readonly sysIndex: SearchIndex;
  private readonly procQuery: QueryVector;
  private readonly sysQuery: QueryVector;
  private readonly speller: Speller;
  private readonly procedureDoc = new Map<string, number>();
  /** Every national code the knowledge answers, to the id of the procedure that answers it. */
  private readonly byNationalCode = new Map<string, string>();
  /** Per procedure: its name (vi, en) and keywords as syllable lists with IDF weights, for the title re-ranking. */
  private readonly titles: TitleTable;
  private readonly thresholds: DecisionThresholds;
  /** Every name, keyword and phrasing as its own document, for the nearest-phrasing agreement check. */
  private readonly phrasings: PhrasingTable;
  /**
   * Whether the message's own words name or describe a need other than the last procedure's: it says a
   * qualifier of the last procedure ("xóa"), names another procedure (a good share of its name), or a curated
   * procedure leads its words clearly (as it would to be answered alone) while the last explains them clearly
   * worse.
   */
  private hasOwnTopic(topic: TopicSignals, lastDoc: number, candCount: number, selfP: number): boolean {
    // No procedure holding the words ("xã", "công an" are in too many to be indexed) is no other need either;
    // a topic outside the procedures ("ly hôn") is an out-of-scope intent, which wins before this.
    if (topic.ownWords.length === 0 || candCount === 0) return false;
    const top = this.rankDocs[0]!;
    // The same need for someone of a stated age ("thế cho bé 15 tuổi thì sao") is no topic of its own: the
    // follow-up goes to the procedure for that age (see ageTwin).
    if (this.queryAge !== null && (this.ageTwins.get(top)?.plain === lastDoc || this.ageTwins.get(lastDoc)?.plain === top)) return false;
    // The last procedure with a qualifier said ("… có phải lên xã xóa không" after "đăng ký thường trú").
    for (let j = 0; j < Math.min(candCount, MAX_TWINS); j++) if (this.rankDocs[j] !== lastDoc && this.qualifierSaid(lastDoc, this.rankDocs[j]!, true) === true) return true;
    // A difference asked for a case ("sinh viên có được giảm không") is about the last procedure, unless the message
    // names another in full ("còn lý lịch tư pháp cho sinh viên có được giảm phí không").
    // Another page named in full with what is to be done ("còn làm căn cước cho bé thì làm online được không, bé mới
    // 1 tháng" after the birth): its own need, though the story's words lead back to the last procedure.
    if (top === lastDoc && MAKING.test(` ${this.saidWords.join(' ')} `) && this.otherNamedInFull(lastDoc, candCount)) return true;
    if (top === lastDoc || (topic.asksDifference && !(this.procedures[top]!.prior >= 1 && this.nameMatch(top, 1) >= NAMED_IN_FULL))) return false;
    // A residence procedure leading on where the citizen lives, said as the case ("mà thường trú ở Quảng Ngãi, nộp
    // ngoài đó được không" after the passport), is led by the case, not named.
    if (this.livesAtSaid && this.residenceNamed.has(top)) return false;
    // A part of the bundle just answered, asked about with an aspect ("cần giấy báo tử không" after the death's
    // bundle): the bundle's own question.
    // Unless it is set against the bundle and named whole as something to do ("Còn xóa đăng ký thường trú cho thầy tôi
    // thì cần giấy gì"): that part, asked alone. A paper named ("còn giấy báo tử thì lấy ở đâu") is the bundle's.
    const partSetApart = this.opensWithStill && this.namesATitleWhole(top) && MAKING.test(` ${this.saidWords.join(' ')} `);
    if (topic.ownWords.length > 0 && this.bundleParts.get(lastDoc)?.includes(top) && this.aspectAsked && !partSetApart) return false;
    // The plain twin named in full without the last one's qualifier ("còn đăng ký tạm trú chỗ mới thì cần giấy gì"
    // after removing the old one): the plain procedure, though every word of it is in the last one's title.
    if (this.qualifierSaid(top, lastDoc) === false) return true;
    // Words the last procedure's own titles hold ("mất bao lâu thì có sổ" after "cấp lại sổ đỏ") stay on it.
    if (this.titlesHoldAll(lastDoc, withoutResultWords(topic.ownWords))) return false;
    // Words only catalogue procedures lead that the last procedure's own texts hold ("có phải đóng tiền sử dụng đất
    // không" after a first land title): the conversation's procedure explains them better than a stranger.
    if (this.procedures[top]!.prior < 1 && this.indexHoldsAll(lastDoc, topic.ownWords)) return false;
    // Words common in citizens' speech ("ở", "xã", "lấy") name no need, though an official name may hold them.
    if (this.speaksOnlyInPassing(topic)) return false;
    // The age-bounded page is named through its plain twin's name ("làm căn cước cho bé, bé mới 2 tháng").
    const plain = this.ageTwins.get(top)?.plain;
    if (this.nameMatch(top, 1) >= NAMED_TOPIC || (plain !== undefined && plain !== lastDoc && this.nameMatch(plain, 1) >= NAMED_TOPIC)) return true;
    let lastScore = 0;
    for (let j = 0; j < candCount; j++) if (this.rankDocs[j] === lastDoc) lastScore = this.rankScores[j]!;
    if (lastScore >= this.rankScores[0]! * LAST_EXPLAINS) return false;
    // Words that only brush other procedures ("một bản", "cầm được sổ", "sinh viên") are no need of their own:
    // a curated procedure must lead them clearly, as it would to be answered alone.
    const p1 = this.rankScores[0]!;
    const p2 = candCount > 1 ? this.rankScores[1]! : 0;
    return this.procedures[top]!.prior >= 1 && p1 / selfP >= this.thresholds.answer && (p1 - p2) / p1 >= this.thresholds.margin;
  }

  /**
   * Whether every procedure but `plain` is one of its special cases: its twin for a circumstance of the people ("có yếu
   * tố nước ngoài"), a re-registration, or a bundle that extends it. A twin by another act ("xóa", "gia hạn") is no such
   * case, nor a bundle extending another ("nhận cha cho con" may be with the birth's registration or after it).
   */
  /** 1 for the feature of each of the words the index knows that passes `keep` (checked only for known words). */
  private featureMask(words: Iterable<string>, keep: (w: string) => boolean = () => true): Uint8Array {
    const mask = new Uint8Array(this.procIndex.featureCount + 1);
    for (const w of words) {
      const id = this.procIndex.featureId(w);
      if (id !== undefined && keep(w)) mask[id] = 1;
    }
    return mask;
  }

  private onlySpecialCasesOf(plain: number, docs: readonly number[]): boolean {
    const n = this.procedures.length;
    const special = (d: number): boolean => (this.twinPairs.has(plain * n + d) && this.circumstanceOf.has(d)) || this.reRegistration.has(d) || this.bundlePrimary.get(d) === plain;
    return docs.every((d) => d === plain || special(d));
  }

  /** A curated leader other than the last procedure whose name the message says in full. */
  private otherNamedInFull(lastDoc: number, candCount: number): boolean {
    for (let j = 0; j < Math.min(candCount, MAX_TWINS); j++) {
      const d = this.rankDocs[j]!;
      if (d !== lastDoc && this.procedures[d]!.prior >= 1 && this.nameMatch(d, 1) >= NAMED_IN_FULL) return true;
    }
    return false;
  }

  /** Every word of the message's own is common in citizens' speech ("ở", "xã", "lấy"): it names no need. */
  private speaksOnlyInPassing(topic: TopicSignals): boolean {
    return !topic.ownWords.some((w) => this.commonInSpeech[this.procIndex.featureId(w) ?? this.procIndex.featureCount] !== 1);
  }

  /**
   * Whether a message sent while a clarification is open names a need of its own: one of the offered
   * procedures (picked by name), or another one by the same test a follow-up passes ("theo", "rứa", "nếu cần"
   * name nothing, though they are not generic words).
   */
  private namesOwnNeed(topic: TopicSignals, open: readonly string[], pending: readonly string[], candCount: number, selfP: number): boolean {
    if (topic.ownWords.length === 0) return false;
    if (candCount > 0 && this.isPending(this.rankDocs[0]!, pending)) return true;
    // Another need must be named, not brushed by a word of speech ("mấy ngày thì lấy được": "lấy" as in "lấy chồng").
    if (candCount === 0 || this.nameMatch(this.rankDocs[0]!, 1) < NAMED_TOPIC) return false;
    return open.some((id) => this.hasOwnTopic(topic, this.procedureDoc.get(id)!, candCount, selfP));
  }

  /**
   * The leader (among those close enough to be twins) that is the last procedure's qualified twin when the
   * message says its qualifier (-1 for none):
   * "chồng em là người Nhật" after marriage registration is the marriage with a foreigner.
   */
  private qualifiedTwinSaid(lastDoc: number, candCount: number): number {
    const floor = candCount > 0 ? this.rankScores[0]! * TWIN_FLOOR : 0;
    // A leader the message names ("xóa hộ khẩu cho mẹ") is what it asks, twin or not; the last procedure leading
    // ("bố bé là người Nhật thì sao" after birth registration) is the one the qualifier moves from.
    const leaderNamed = candCount > 0 && this.rankDocs[0] !== lastDoc && this.nameMatch(this.rankDocs[0]!, 1) >= NAMED_TOPIC;
    for (let j = 0; j < Math.min(candCount, leaderNamed ? 1 : MAX_TWINS) && this.rankScores[j]! >= floor; j++) {
      const doc = this.rankDocs[j]!;
      if (doc !== lastDoc && this.qualifierSaid(lastDoc, doc, true) === true) return doc;
    }
    return -1;
  }

  /**
   * Of two curated leaders whose names differ only by qualifying words ("Đăng ký khai sinh" and "… có yếu tố
   * nước ngoài", "Đăng ký kết hôn" and "Đăng ký lại kết hôn", "Đăng ký tạm trú" and "Gia hạn tạm trú"), the
   * message decides which one it means: the qualified one when it says a qualifier, the plain one when it says
   * none. The one ruled out leaves the leaders, so it is neither a rival nor a button. Returns the new count.
   */
  private ruleOutTwins(count: number, pending: readonly string[]): number {
    const docs = this.rankDocs;
    const scores = this.rankScores;
    const floor = count > 0 ? scores[0]! * TWIN_FLOOR : 0;
    let considered = 0;
    while (considered < Math.min(count, MAX_TWINS) && scores[considered]! >= floor) considered++;
    if (considered < 2) return count;
    const out = this.twinOut;
    const won = this.twinWon;
    out.fill(0, 0, considered);
    won.fill(0, 0, considered);
    for (let i = 0; i < considered; i++) {
      for (let j = 0; j < considered; j++) {
        if (i === j || !this.twinPairs.has(docs[i]! * this.procedures.length + docs[j]!)) continue;
        // i plain, j qualified: the message decides which of them leaves.
        const qualifier = this.qualifierSaid(docs[i]!, docs[j]!);
        if (qualifier === null) continue;
        // A pick by name among the buttons shown is no guess to rule on ("khai sinh ạ" after "đăng ký lại …?").
        if (this.isPending(docs[i]!, pending) !== this.isPending(docs[j]!, pending)) continue;
        out[qualifier ? i : j] = 1;
        // Only a qualifier said is a pick; a plain one kept for want of a qualifier is not.
        if (qualifier) won[j] = 1;
      }
    }
    // One the message picks over a twin stays, though another twin would rule it out: the citizen chooses.
    for (let j = 0; j < considered; j++) if (won[j] === 1) out[j] = 0;
    let kept = 0;
    for (let j = 0; j < count; j++) {
      if (j < considered && out[j] === 1) continue;
      docs[kept] = docs[j]!;
      scores[kept] = scores[j]!;
      kept++;
    }
    return kept;
  }

  /** Curated procedures qualified by a circumstance of the people (lexicon.circumstances), by document. */
  private readonly circumstanceOf = new Map<number, string>();
  /** Plain procedures by document: per circumstance, the twin it qualifies. */
  private readonly inCircumstance = new Map<number, Map<string, number>>();
  /** Per circumstance, the synonym groups its words hold ("nước ngoài" and every nationality): saying one says it. */
  private readonly circumstanceGroups = new Map<string, string[]>();
  /** Qualified-twin pairs of curated procedures, as plain × procedure count + qualified (see twinNames). */
  private readonly twinPairs = new Set<number>();
  /** Curated procedures whose name bounds an age ("… cho người dưới 6 tuổi"), by document: the bound and the procedure it qualifies. */
  private readonly ageTwins = new Map<number, { plain: number; bound: number }>();
  /** The age the message being understood states ("con tôi 3 tuổi"), or null. */
  private queryAge: number | null = null;
  /** Scratch: the message asks an aspect other than the overview (set per message, read by hasOwnTopic). */
  private aspectAsked = false;
  /** The folded words of the message as typed (for closestSibling). */
  private saidWords: readonly string[] = [];
  /** The message opens with "còn" (accented as typed): what follows is set against what was said before. */
  private opensWithStill = false;
  /** The words of its own the message being understood says (topic.ts), for buttonPicked. */
  private ownWordsSaid: readonly string[] = [];
  /** Curated procedures done together in one filing, by document: the procedures their names hold. */
  private readonly bundleParts = new Map<number, number[]>();
  /** Each bundle's first part: the procedure the bundle extends (see bundleParts). */
  private readonly bundlePrimary = new Map<number, number>();
  /** Per curated procedure, by document: the informative words of its name (generic words and stopwords left out). */
  private readonly nameWords = new Map<number, Set<string>>();
  /** Per curated procedure, by document: every word of its name with synonyms collapsed, as a message's own words are. */
  private readonly canonicalNames = new Map<number, Set<string>>();
  /** Curated procedures whose names hold a word of where one lives ("Đăng ký thường trú"): see hasOwnTopic. */
  private readonly residenceNamed = new Set<number>();
  /** The message states the household is a poor one ("thuộc hộ nghèo", "là hộ nghèo"). */
  private poorSaid = false;
  /** Where the citizen lives is said as the case, not named as a procedure (see LIVES_AT). */
  private livesAtSaid = false;
  /** Being late or fined is said of the citizen's case (see LATE_CASE). */
  private lateSaid = false;
  /** The citizen's frailty is said as the case (see FRAIL_CASE). */
  private frailSaid = false;
  /** Someone doing it on the citizen's behalf is said as the case (see PROXY_CASE). */
  private proxySaid = false;
  /** The message corrects the last reading ("à không", "nhầm", "không phải"). */
  private correcting = false;
  /** The curated procedure the message names in full, well ahead of the others (see Understanding.aboutProcedureId). */
  private namedLeader: string | undefined = undefined;
  /** The message says the commune's register is gone ("sổ gốc ở xã cũng cháy hết"): what "đăng ký lại" is for. */
  private registerLost = false;
  /** Curated procedures whose name says "lại" (đăng ký lại …), by document. */
  private readonly reRegistration = new Set<number>();
  /** Per procedure: how many of its first titles are its names (Vietnamese, English), not keywords. */
  private readonly nameTitles: number[] = [];
  /** Scratch flags for ruleOutTwins: 1 for a leader ruled out. */
  private readonly twinOut = new Uint8Array(RERANK);
  private readonly twinWon = new Uint8Array(RERANK);

  /**
   * When the plain procedure's name words (generic ones left out) are all in the qualified one's name and that
   * name has more: whether the message says a word of the qualified one's names (Vietnamese, English) that none
   * of the plain one's titles has. Null when the names are no such pair, or when the message does not name the
   * plain one and it is not the conversation's procedure either.
   */
  private qualifierSaid(plain: number, qualified: number, plainInContext = false): boolean | null {
    if (!this.twinPairs.has(plain * this.procedures.length + qualified)) return null;
    // The register gone is the re-registration's qualifier, though "lại" alone is common in speech.
    if (this.registerLost && this.reRegistration.has(qualified) && !this.reRegistration.has(plain)) return true;
    // Only a message that names the plain procedure ("khai sinh") is read for a missing qualifier.
    const named = plainInContext || this.namesATitleWhole(plain);
    // Every title of the plain one, then the words of the qualified one's names (Vietnamese, English) said and
    // not among them: its keywords hold everyday words ("mất giấy khai tử") that are no qualifier.
    const data = this.titles.data;
    const marks = this.procQuery.marks;
    this.markTitles(plain, 2);
    let said = false;
    let saidInPassing = false;
    let at = this.titles.docStart[qualified]!;
    const names = Math.min(this.nameTitles[qualified]!, data[at++]!);
    for (let t = 0; t < names; t++) {
      const end = at + 2 + 2 * data[at]!;
      for (let i = at + 2; i < end; i += 2) {
        const id = data[i]!;
        if (this.ownMarks[id] === 2 || marks[id] !== 1 || !this.informative(id)) continue;
        // An age said ("cho con 2 tuổi") is a case of the child, no qualifier of a name that bounds an age in passing
        // ("liên thông … cho trẻ dưới 6 tuổi"); the age-bounded twins (ageTwins) are told apart by the age itself.
        if (this.ageFeature[id] === 1 && !this.ageTwins.has(qualified)) continue;
        if (this.commonInSpeech[id] === 1) saidInPassing = true;
        else said = true;
      }
      at = end;
    }
    this.markTitles(plain, 0);
    // A qualifier said settles it; one common in speech ("lại") leaves it open; its absence says something only
    // of a message that names the plain one.
    if (said) return true;
    return saidInPassing || !named ? null : false;
  }

  /**
   * The topic without the words that state someone's age ("con nít 8 tuổi thì sao", "thằng nhỏ 10 tuổi") or that
   * the household is a poor one ("nhà thuộc hộ nghèo"): a case of the need asked about, not a need of its own.
   */
  private withoutCaseWords(topic: TopicSignals): TopicSignals {
    if (this.queryAge === null && !this.poorSaid && !this.livesAtSaid && !this.lateSaid && !this.frailSaid && !this.proxySaid) return topic;
    const ownWords = topic.ownWords.filter(
      (w) =>
        !(this.queryAge !== null && AGE_WORDS.has(w)) &&
        !(this.poorSaid && POOR_CASE_WORDS.has(w)) &&
        !(this.livesAtSaid && LIVES_AT_WORDS.has(w)) &&
        !(this.lateSaid && LATE_CASE_WORDS.has(w)) &&
        !(this.frailSaid && FRAIL_CASE_WORDS.has(w)) &&
        !(this.proxySaid && PROXY_CASE_WORDS.has(w)),
    );
    return ownWords.length === topic.ownWords.length ? topic : { ...topic, ownWords };
  }

  /**
   * The twin of a procedure that the age the message states belongs to: the under-6 card for a child of 3 after
   * the ID card, the ID card for a child of 15 after the under-6 card; -1 when no age is stated or it fits.
   */
  private ageTwin(doc: number): number {
    return this.queryAge === null ? -1 : this.twinForAge(doc, this.queryAge);
  }

  /** The twin of a procedure of an age-bounded pair that `age` belongs to; -1 when the age fits it or it has no twin. */
  private twinForAge(doc: number, age: number): number {
    const own = this.ageTwins.get(doc);
    if (own) return age >= own.bound ? own.plain : -1;
    for (const [qualified, { plain, bound }] of this.ageTwins) if (plain === doc && age < bound) return qualified;
    return -1;
  }

  /** Of open buttons holding both procedures of an age-bounded pair, the one for the age the message states (see ageTwin). */
  private pendingForAge(open: readonly string[]): string | null {
    if (this.queryAge === null) return null;
    const docs = open.map((id) => this.procedureDoc.get(id)!);
    for (const d of docs) {
      const pair = this.ageTwins.get(d);
      if (pair && docs.includes(pair.plain)) return this.procedures[this.ageTwin(d) >= 0 ? pair.plain : d]!.id;
    }
    return null;
  }

  /** Whether the message names one of the procedure's titles whole (its informative words, see namedShare). */
  private namesATitleWhole(doc: number): boolean {
    const data = this.titles.data;
    let at = this.titles.docStart[doc]!;
    const titles = data[at++]!;
    for (let t = 0; t < titles; t++) {
      if (this.namedShare(at) >= FULLY_NAMED) return true;
      at += 2 + 2 * data[at]!;
    }
    return false;
  }

  /**
   * Two curated procedures each named by what sets its name apart from the other's, joined by "và", "với", "lẫn",
   * "hoặc" ("rượu với thuốc lá"): two needs, not one.
   */
  private twoNeedsJoined(a: number, b: number, folded: readonly string[]): boolean {
    const wordsA = this.nameWords.get(a);
    const wordsB = this.nameWords.get(b);
    if (!wordsA || !wordsB) return false;
    const at = (own: Set<string>, other: Set<string>) => folded.findIndex((w) => own.has(w) && !other.has(w));
    const i = at(wordsA, wordsB);
    const j = at(wordsB, wordsA);
    if (i < 0 || j < 0 || Math.abs(i - j) > TWO_NEEDS_SPAN) return false;
    for (let k = Math.min(i, j) + 1; k < Math.max(i, j); k++) if (JOINING.has(folded[k]!)) return true;
    return false;
  }

  /**
   * One's own thing named and nothing said of what to do with it: the words of the curated leader's name that the
   * message says (the thing, "hộ kinh doanh") come with "của tôi" / "nhà tôi" a few words on ("hộ kinh doanh bán cá
   * của tôi") or with the thing said to exist already ("có giấy hộ kinh doanh rồi"), and the message says no other
   * word of the leader's name nor one that sets a sibling apart. The leader and every curated procedure whose name
   * holds the thing too (leader first); [] otherwise.
   */
  private ownThingAsked(leader: number, topic: TopicSignals, spoken: readonly string[]): number[] {
    const own = topic.ownWords;
    const named = this.canonicalNames.get(leader);
    if (own.length === 0 || !named) return [];
    const thing = own.filter((w) => named.has(w));
    if (thing.length === 0) return [];
    const ownedAt = (i: number): boolean => {
      // "của tôi" a few words on, none of them someone it could belong to instead ("khai sinh cho con của tôi").
      for (let j = i + 1; j < Math.min(spoken.length - 1, i + 1 + OWNER_REACH); j++) {
        if (OWNER_WORDS.has(spoken[j]!) && OWNERS.has(spoken[j + 1]!)) return true;
        if (SOMEONE.has(spoken[j]!)) return false;
      }
      return false;
    };
    const owned = spoken.some((w, i) => thing.includes(w) && ownedAt(i)) || ALREADY_HAS.test(` ${spoken.join(' ')} `);
    // Any other word of the leader's name said ("đăng ký hộ kinh doanh của tôi") names the leader itself; not the
    // paper's name ("có giấy đăng ký hộ kinh doanh rồi": the certificate held, not the act of registering).
    const paper = (i: number): boolean => (spoken[i - 1] === 'giay' && spoken[i] === 'dang') || (spoken[i - 2] === 'giay' && spoken[i - 1] === 'dang' && spoken[i] === 'ky');
    if (!owned || spoken.some((w, i) => named.has(w) && !own.includes(w) && !paper(i))) return [];
    const family = [leader];
    for (const [d, words] of this.canonicalNames) if (d !== leader && thing.every((w) => words.has(w))) family.push(d);
    // A word that sets one of them apart ("đổi ngành hàng", "đóng cửa") says which.
    const apart = own.filter((w) => !thing.includes(w));
    if (apart.some((w) => THING_HAPPENED.has(w) || family.some((d) => this.canonicalNames.get(d)!.has(w)))) return [];
    return family;
  }

  /** The bundle whose parts the message names (see bundleParts and TOGETHER), or -1. */
  private bundleTold(folded: readonly string[]): number {
    if (this.bundleParts.size === 0) return -1;
    const together = TOGETHER.test(` ${folded.join(' ')} `);
    // The bundle whose parts the message names most, then the one it names itself: "liên thông khai sinh, thường trú
    // với thẻ BHYT … một lần" is the birth's bundle with residence, though its words also hold another bundle's parts.
    let best = -1;
    let bestNamed = 0;
    for (const [bundle, parts] of this.bundleParts) {
      let named = 0;
      for (const part of parts) if (this.namesATitleWhole(part)) named++;
      if ((named >= 3 || (named >= 2 && together)) && (named > bestNamed || (named === bestNamed && this.nameMatch(bundle, 1) > this.nameMatch(best, 1)))) {
        best = bundle;
        bestNamed = named;
      }
    }
    return best;
  }

  /** Sets ownMarks to `value` for each feature of every title of the procedure. */
  private markTitles(doc: number, value: number): void {
    const data = this.titles.data;
    let at = this.titles.docStart[doc]!;
    const titles = data[at++]!;
    for (let t = 0; t < titles; t++) {
      this.markTitle(at, value);
      at += 2 + 2 * data[at]!;
    }
  }

  /** A feature that tells names apart: not a generic word of the lexicon, nor one common in names. */
  private informative(id: number): boolean {
    return this.genericFeature[id] !== 1 && this.lexGeneric[id] !== 1;
  }

  /** Sets ownMarks to `value` for each feature of the title at `at` in TitleTable.data. */
  private markTitle(at: number, value: number): void {
    const data = this.titles.data;
    const end = at + 2 + 2 * data[at]!;
    for (let i = at + 2; i < end; i += 2) this.ownMarks[data[i]!] = value;
  }

  /** Whether both are curated and the plain one's name words (generic ones left out) are all in the other's name, which has more. */
  private twinNames(plain: number, qualified: number): boolean {
    if (this.procedures[plain]!.prior !== 1 || this.procedures[qualified]!.prior !== 1) return false;
    const plainAt = this.nameAt(plain);
    const qualifiedAt = this.nameAt(qualified);
    if (plainAt < 0 || qualifiedAt < 0) return false;
    const data = this.titles.data;
    const { ownMarks } = this;
    this.markTitle(qualifiedAt, 1);
    let subset = true;
    let plainWords = 0;
    const plainEnd = plainAt + 2 + 2 * data[plainAt]!;
    for (let i = plainAt + 2; i < plainEnd; i += 2) {
      const id = data[i]!;
      if (!this.informative(id)) continue;
      plainWords++;
      if (ownMarks[id] !== 1) subset = false;
    }
    let nameExtra = false;
    const qualifiedEnd = qualifiedAt + 2 + 2 * data[qualifiedAt]!;
    this.markTitle(plainAt, 0);
    for (let i = qualifiedAt + 2; i < qualifiedEnd; i += 2) if (ownMarks[data[i]!] === 1 && this.informative(data[i]!)) nameExtra = true;
    this.markTitle(qualifiedAt, 0);
    return subset && plainWords > 0 && nameExtra;
  }

  /**
   * The circumstances of the people a message says ("chồng chị người Hàn", "I'm American"): one of the synonyms of
   * the circumstance's words, as typed and read (a country worked or studied in is no foreign element).
   */
  circumstancesIn(text: string): string[] {
    if (this.circumstanceGroups.size === 0) return [];
    const spoken = analyse(text, this.lex).spoken.folded;
    return [...this.circumstanceGroups].filter(([, groups]) => groups.some((g) => spoken.includes(g))).map(([c]) => c);
  }

  /** A plain procedure answered, moved to its twin in one of the circumstances (listed for review); null when it has none. */
  inCircumstances(u: Understanding, circumstances: readonly string[]): Understanding | null {
    if (u.decision !== 'answer' || u.intent !== 'procedure' || !u.procedureId) return null;
    const byCircumstance = this.inCircumstance.get(this.procedureDoc.get(u.procedureId) ?? -1);
    if (!byCircumstance) return null;
    for (const c of circumstances) {
      const twin = byCircumstance.get(c);
      if (twin !== undefined) return { ...this.answering(u, this.procedures[twin]!.id, u.followUp), narrow: true };
    }
    return null;
  }

  /** A twin in one of the circumstances answered, moved back to its plain procedure (listed for review); null when it is none. */
  outOfCircumstances(u: Understanding, circumstances: readonly string[]): Understanding | null {
    if (u.decision !== 'answer' || u.intent !== 'procedure' || !u.procedureId) return null;
    const doc = this.procedureDoc.get(u.procedureId);
    for (const [plain, byCircumstance] of this.inCircumstance) {
      if (circumstances.some((c) => byCircumstance.get(c) === doc)) return { ...this.answering(u, this.procedures[plain]!.id, u.followUp), narrow: true };
    }
    return null;
  }

  /**
   * Whether the procedure's titles hold every word a part of a message names of its own ("làm lại cái sổ" is said of
   * "cấp lại sổ đỏ" as much as of the social insurance book): that part names nothing the procedure leaves out.
   */
  holdsWordsOf(procedureId: string, text: string): boolean {
    const doc = this.procedureDoc.get(procedureId);
    if (doc === undefined) return false;
    const own = withoutResultWords(topicSignals(analyse(text, this.lex, this.repair), this.lex).ownWords);
    return own.length > 0 && this.titlesHoldAll(doc, own);
  }

  /** Whether one procedure's name is the other's with qualifying words ("Đăng ký kết hôn", "… có yếu tố nước ngoài"). */
  twins(a: string, b: string): boolean {
    const da = this.procedureDoc.get(a);
    const db = this.procedureDoc.get(b);
    const n = this.procedures.length;
    return da !== undefined && db !== undefined && (this.twinPairs.has(da * n + db) || this.twinPairs.has(db * n + da));
  }

  /**
   * The curated procedure whose name joins two others' with "kết hợp" ("Đăng ký khai sinh kết hợp nhận cha, mẹ,
   * con": "Đăng ký khai sinh" and "Đăng ký nhận cha, mẹ, con"), if the content has one and both parts.
   */
  combinedProcedure(): CombinedProcedure | null {
    const names = this.procedures.map((p) => (p.prior === 1 ? syllables(normaliseText(p.name.vi)).folded : []));
    const spoken = names.map((words) => words.join(' '));
    for (let d = 0; d < names.length; d++) {
      const words = names[d]!;
      const at = words.indexOf('ket');
      if (at <= 0 || words[at + 1] !== 'hop') continue;
      const before = words.slice(0, at).join(' ');
      const after = words.slice(at + 2).join(' ');
      const first = spoken.indexOf(before);
      const second = spoken.findIndex((name, i) => i !== d && i !== first && name !== '' && name.endsWith(after));
      if (first >= 0 && second >= 0) return { combined: this.ref(d), first: this.ref(first), second: this.ref(second) };
    }
    return null;
  }

  /** The re-registrations ("Đăng ký lại khai sinh", "… kết hôn", "… khai tử"), in content order. */
  reRegistrations(): ProcedureRef[] {
    return [...this.reRegistration].map((d) => this.ref(d));
  }

  /** The copy of a civil-status record ("Cấp bản sao trích lục hộ tịch"): the curated procedure named for it, if any. */
  recordCopy(): ProcedureRef | null {
    return this.curatedNamed(RECORD_COPY);
  }

  /**
   * The certification of a copy from its original and the copy of a diploma from the school's register, found by
   * their curated names: a copy can be certified only from the original.
   */
  copyProcedures(): { certified: ProcedureRef; diploma: ProcedureRef | null; record: ProcedureRef | null } | null {
    const certified = this.curatedNamed(CERTIFIED_COPY);
    return certified ? { certified, diploma: this.curatedNamed(DIPLOMA_COPY), record: this.recordCopy() } : null;
  }

  /** The two old-age allowances, by their curated names ("Trợ cấp hưu trí xã hội", "… trợ cấp xã hội hằng tháng …"). */
  oldAgeAllowances(): OldAgeAllowances | null {
    const pension = this.curatedNamed(SOCIAL_PENSION);
    const social = this.curatedNamed(SOCIAL_ALLOWANCE);
    return pension && social ? { pension, social } : null;
  }

  /** The household business's stages by their curated names, with every procedure (catalogue too) about one. */
  householdBusinessStages(): BusinessStages | null {
    const open = this.curatedNamed(BUSINESS_OPEN);
    const change = this.curatedNamed(BUSINESS_CHANGE);
    const close = this.curatedNamed(BUSINESS_CLOSE);
    if (!open || !change || !close) return null;
    const names = this.procedures.map((p) => foldDiacritics(p.name.vi.toLowerCase()));
    const family = new Set(this.procedures.filter((_, doc) => HOUSEHOLD_BUSINESS.test(names[doc]!)).map((p) => p.id));
    const pauseDoc = names.findIndex((name) => BUSINESS_PAUSE.test(name));
    return { open, change, close, pause: pauseDoc >= 0 ? this.ref(pauseDoc) : null, family };
  }

  /** The residence information confirmation, by its curated name. */
  residenceConfirmation(): ProcedureRef | null {
    return this.curatedNamed(RESIDENCE_CONFIRMATION);
  }

  /** The recognition of a poor household, by its curated name. */
  povertyRecognition(): ProcedureRef | null {
    return this.curatedNamed(POOR_RECOGNITION);
  }

  /** The procedures a death leads to, by their curated names. */
  deathProcedures(): DeathProcedures | null {
    const registration = this.curatedNamed(DEATH_REGISTRATION);
    const joint = this.curatedNamed(DEATH_JOINT);
    const allowance = this.curatedNamed(FUNERAL_ALLOWANCE);
    return registration && joint && allowance ? { registration, joint, allowance } : null;
  }

  /** The unemployment benefit and the lump-sum withdrawal of social insurance, by their curated names. */
  jobLeftProcedures(): JobLeftProcedures | null {
    const unemployment = this.curatedNamed(UNEMPLOYMENT_BENEFIT);
    const lumpSum = this.curatedNamed(LUMP_SUM_WITHDRAWAL);
    return unemployment && lumpSum ? { unemployment, lumpSum } : null;
  }

  /** The deregistrations of permanent and of temporary residence, by their curated names. */
  deregistrations(): Deregistrations | null {
    const permanent = this.curatedNamed(DEREGISTER_PERMANENT);
    const temporary = this.curatedNamed(DEREGISTER_TEMPORARY);
    return permanent && temporary ? { permanent, temporary } : null;
  }

  private curatedNamed(name: RegExp): ProcedureRef | null {
    const doc = this.procedures.findIndex((p) => p.prior === 1 && name.test(foldDiacritics(p.name.vi.toLowerCase())));
    return doc >= 0 ? this.ref(doc) : null;
  }

  /** The re-registration whose name is this procedure's with "lại" ("Đăng ký lại khai tử" for "Đăng ký khai tử"), if any. */
  reRegistrationOf(procedureId: string): ProcedureRef | null {
    const plain = this.procedureDoc.get(procedureId);
    if (plain === undefined || this.reRegistration.has(plain)) return null;
    const n = this.procedures.length;
    for (const doc of this.reRegistration) {
      if (this.twinPairs.has(plain * n + doc)) return this.ref(doc);
    }
    return null;
  }

  /** The other procedure of the age-bounded pair this one belongs to (the ID card and the under-6 card), or null. */
  agePairOf(procedureId: string): ProcedureRef | null {
    const doc = this.procedureDoc.get(procedureId);
    if (doc === undefined) return null;
    const own = this.ageTwins.get(doc);
    if (own) return this.ref(own.plain);
    for (const [bound, { plain }] of this.ageTwins) if (plain === doc) return this.ref(bound);
    return null;
  }

  /** Of the age-bounded pair `procedureId` belongs to, the one for `age`; null when it belongs to none. */
  procedureForAge(procedureId: string, age: number): ProcedureRef | null {
    if (this.agePairOf(procedureId) === null) return null;
    const doc = this.procedureDoc.get(procedureId)!;
    const twin = this.twinForAge(doc, age);
    return this.ref(twin >= 0 ? twin : doc);
  }

  /** The re-registration whose paper the words name ("khai sinh" for "Đăng ký lại khai sinh"), when exactly one is named. */
  reRegistrationNamed(folded: readonly string[]): ProcedureRef | null {
    // The papers are read from the names once, on first use.
    this.reRegistrationPapers ??= [...this.reRegistration].flatMap((doc) => {
      const paper = syllables(normaliseText(this.procedures[doc]!.name.vi)).folded.filter((w) => !RE_REGISTRATION_WORDS.has(w));
      return paper.length > 0 ? [{ doc, paper: ` ${paper.join(' ')} ` }] : [];
    });
    const text = ` ${folded.join(' ')} `;
    const named = this.reRegistrationPapers.filter(({ paper }) => text.includes(paper));
    return named.length === 1 ? this.ref(named[0]!.doc) : null;
  }

  /** Each re-registration with the paper its name names (" khai sinh "), spaced for a whole-word test. */
  private reRegistrationPapers: { doc: number; paper: string }[] | undefined;

  /** Twins, or the two procedures of an age-bounded pair (the ID card and the under-6 card). */
  twinsOrAgePair(a: string, b: string): boolean {
    if (this.twins(a, b)) return true;
    const da = this.procedureDoc.get(a);
    const db = this.procedureDoc.get(b);
    return da !== undefined && db !== undefined && (this.ageTwins.get(da)?.plain === db || this.ageTwins.get(db)?.plain === da);
  }

  /**
   * Of a clarification, the first button when it is curated, its name shares more informative words with the last
   * procedure's name than any other button does (at least one), and the message says a word of its name the last
   * one's lacks ("ấy chết, tôi định hỏi thường trú cơ" after temporary residence; "giờ muốn đổi địa chỉ cửa hàng"
   * after household-business registration); else null.
   */
  private closestSibling(lastId: string | undefined, u: Understanding): string | null {
    if (u.decision !== 'clarify' || u.intent !== 'procedure') return null;
    const offered = u.alternatives;
    const last = lastId !== undefined ? this.nameWords.get(this.procedureDoc.get(lastId) ?? -1) : undefined;
    if (!last || offered.length === 0) return null;
    const shared = (id: string): number => {
      const words = this.nameWords.get(this.procedureDoc.get(id) ?? -1);
      return words ? [...words].filter((w) => last.has(w)).length : 0;
    };
    const first = shared(offered[0]!.procedureId);
    if (first === 0 || offered.slice(1).some((a) => shared(a.procedureId) >= first)) return null;
    // The message must say what sets it apart from the last one ("thường trú", "cấp lại … bị mất").
    const own = this.nameWords.get(this.procedureDoc.get(offered[0]!.procedureId)!)!;
    return [...own].some((w) => !last.has(w) && this.saidWords.includes(w)) ? offered[0]!.procedureId : null;
  }

  /**
   * A correction naming only what the last procedure acted on ("à không, nó chỉ đăng ký tạm trú ở đây thôi" after
   * removing a permanent residence): the same action on what is named, when a curated procedure does it (removing
   * the temporary residence); null otherwise.
   */
  private sameActionOn(lastId: string | undefined, u: Understanding): string | null {
    if (!this.correcting || lastId === undefined || u.decision !== 'answer' || u.intent !== 'procedure' || !u.procedureId || u.procedureId === lastId) return null;
    const lastWords = this.nameWords.get(this.procedureDoc.get(lastId) ?? -1);
    const named = this.nameWords.get(this.procedureDoc.get(u.procedureId) ?? -1);
    if (!lastWords || !named) return null;
    // The action: the last name's words the answered one lacks, none of them said in this message.
    const action = [...lastWords].filter((w) => !named.has(w) && !this.saidWords.includes(w));
    const object = [...named].filter((w) => !lastWords.has(w));
    if (action.length === 0 || object.length === 0) return null;
    const found: string[] = [];
    for (const [doc, words] of this.nameWords) {
      const id = this.procedures[doc]!.id;
      if (id === lastId || id === u.procedureId) continue;
      const fits = [...words].every((w) => lastWords.has(w) || named.has(w));
      if (fits && object.every((w) => words.has(w)) && [...words].some((w) => action.includes(w))) found.push(id);
    }
    return found.length === 1 ? found[0]! : null;
  }

  /**
   * The paper just answered pointed back at ("giấy xác nhận đó dùng vào việc gì"), while the words beside it brush
   * its siblings: the last procedure, when it is among the buttons.
   */
  private pointedBack(lastId: string | undefined, u: Understanding): string | null {
    if (lastId === undefined || u.decision !== 'clarify' || u.intent !== 'procedure' || !u.alternatives.some((a) => a.procedureId === lastId)) return null;
    return POINTS_BACK.test(` ${this.saidWords.join(' ')} `) ? lastId : null;
  }

  /** Whether the procedure's indexed texts (names, keywords, phrasings, record texts) hold every one of the words. */
  private indexHoldsAll(doc: number, words: readonly string[]): boolean {
    const ids: number[] = [];
    for (const w of words) {
      const id = this.procIndex.featureId(w);
      if (id === undefined) return false;
      ids.push(id);
    }
    const at = new Int32Array(ids.length);
    this.procIndex.locate([doc], 1, ids, ids.length, at);
    return at.every((p) => p >= 0);
  }

  /**
   * Whether every word is a feature of one of the procedure's titles (name, English name, keywords), or opens a
   * synonym one of them holds (see headOf).
   */
  private titlesHoldAll(doc: number, words: readonly string[]): boolean {
    return words.every((w) => this.titlesHold(doc, w) || this.headOf(w).some((whole) => this.titlesHold(doc, whole)));
  }

  private titlesHold(doc: number, word: string): boolean {
    const id = this.procIndex.featureId(word);
    if (id === undefined) return false;
    const data = this.titles.data;
    let at = this.titles.docStart[doc]!;
    const titles = data[at++]!;
    for (let t = 0; t < titles; t++) {
      const end = at + 2 + 2 * data[at]!;
      for (let i = at + 2; i < end; i += 2) if (data[i] === id) return true;
      at = end;
    }
    return false;
  }

  /**
   * The synonym groups a word opens a member of ("bằng" opens "bằng lái", one of the driving licence's names):
   * said alone after that procedure ("đổi bằng thì tốn bao nhiêu"), the word is that name cut short.
   */
  private headOf(word: string): string[] {
    const rules = this.lex.synonyms.get(word);
    return rules ? rules.filter((r) => r.from.length > 1).map((r) => r.to[0]!) : [];
  }

  /**
   * Leaders (best first) whose names share what the message names, when it names none of them alone:
   * several named whole ("mất giấy khai sinh" is a keyword of two procedures), or, with none named whole,
   * those one of whose titles holds every word the message names ("sang tên"). A message about a subject
   * ("thủ tục về hộ khẩu", "hỏi về bảo hiểm xã hội") asks for the whole family even when one name is whole.
   * Empty when a word is unknown, when exactly one leader is named whole, or when the leader is not among them.
   */
  private sharedName(topic: TopicSignals, candCount: number, bare: boolean): number[] {
    // A name is a few words: a message saying more than that is told apart by them.
    if (topic.ownWords.length === 0 || topic.ownWords.length > SHARED_NAME_WORDS || candCount < 2) return [];
    const ids: number[] = [];
    for (const w of topic.ownWords) {
      const id = this.procIndex.featureId(w);
      if (id === undefined) return [];
      if (!ids.includes(id)) ids.push(id);
    }
    const covering: number[] = [];
    const whole: { doc: number; held: number }[] = [];
    const floor = this.rankScores[0]! * SHARED_FLOOR;
    for (let j = 0; j < candCount && this.rankScores[j]! >= floor; j++) {
      const doc = this.rankDocs[j]!;
      // Catalogue records repeat names level by level ("… cấp xã", "… tại cơ quan đại diện"): only the curated
      // procedures' names are compared, or every name would look shared.
      if (this.procedures[doc]!.prior !== 1) continue;
      const data = this.titles.data;
      let at = this.titles.docStart[doc]!;
      const titles = data[at++]!;
      let covers = false;
      // Of the titles named whole, the most words of the message one of them holds.
      let named = -1;
      for (let t = 0; t < titles; t++) {
        const n = data[at]!;
        let held = 0;
        for (const id of ids) {
          for (let i = at + 2; i < at + 2 + 2 * n; i += 2) {
            if (data[i] === id) {
              held++;
              break;
            }
          }
        }
        if (this.namedShare(at) >= FULLY_NAMED) named = Math.max(named, held);
        covers ||= held === ids.length;
        at += 2 + 2 * n;
      }
      if (named >= 0) whole.push({ doc, held: named });
      if (covers) covering.push(doc);
    }
    // The leader's name must be among those shared: otherwise the words point to it by other means.
    if (covering[0] !== this.rankDocs[0]) covering.length = 0;
    if (topic.about) return covering;
    // A name that holds more of the message is the more specific one ("xóa đăng ký thường trú" over "đăng ký
    // thường trú"); names holding as much are shared ("mất giấy khai sinh" is a keyword of two procedures).
    // Only a message that says nothing beyond those names: a longer one is told apart by its other words.
    const most = Math.max(...whole.map((w) => w.held));
    const named = most === ids.length ? whole.filter((w) => w.held === most).map((w) => w.doc) : [];
    // A name said bare, with no verb and no aspect ("thủ tục giám hộ", "thu tuc ho khau"), is the family's.
    // Not when the others are only its special cases ("khai sinh cho con": with a foreign parent, late, bundled): the
    // plain procedure is the one a citizen names bare.
    if (named.length === 1) return bare && !topic.refersBack && covering.length >= 2 && !topic.saysAction && !this.onlySpecialCasesOf(named[0]!, covering) ? covering : [];
    if (named.length > 1) return named[0] === this.rankDocs[0] ? named : [];
    return covering;
  }

  /**
   * Whether the system intent holds one of the words the message names, when those words mean something to
   * the procedures: "làm giấy tờ cho con mới sinh" shares only "cho con" with the divorce topic, which is
   * no reason to answer it. A refused topic is refused only when the message names it: "ok, còn giấy tờ"
   * shares only the question with "ly hôn cần giấy tờ gì".
   */
  private sysHoldsOwnWord(doc: number, topic: TopicSignals): boolean {
    const words = this.intentWords[doc]!;
    // A procedure named in full ("đăng ký tạm trú cho con đi học") outweighs one word a refused topic shares with
    // the rest of the message ("học" of "học lái xe"): the refused topic must be said by two of its words.
    const need = this.namedLeader !== undefined && this.intents[doc]!.kind === 'out_of_scope' ? 2 : 1;
    let held = 0;
    // A refused topic is held by its words as typed: "đi xuất khẩu lao động" shares a folded "di" with "ly dị".
    const accents = this.intents[doc]!.kind === 'out_of_scope' ? this.intentAccented[doc]! : null;
    // A language is asked for by its name ("tiếng Anh", "English"): "được không" alone shares only function words.
    if (this.intents[doc]!.kind === 'language' && topic.ownWords.length === 0) return false;
    let procedural = false;
    for (let i = 0; i < topic.ownWords.length; i++) {
      const w = topic.ownWords[i]!;
      const typed = topic.ownAccented[i] ?? '';
      // Nor by a word of people or of common speech ("chồng em ở tỉnh khác thì nộp ở đâu" is no divorce).
      if (accents && (this.lex.generic.has(w) || this.commonInSpeech[this.procIndex.featureId(w) ?? this.procIndex.featureCount] === 1)) continue;
      if (words.has(w) && (!accents || typed === '' || typed === w || accents.has(typed)) && ++held >= need) return true;
      procedural ||= this.procIndex.featureId(w) !== undefined;
    }
    return held === 0 && !procedural && !accents;
  }

  /**
   * The share of the words of the title at `at` the message names, generic words ("đăng ký", "giấy") left out.
   * Words count alike: how common a word is across names (what the re-ranking weighs) says little about
   * whether this name was said in full ("khai sinh cho con lai" is not named by "khai sinh").
   */
  private namedShare(at: number): number {
    const data = this.titles.data;
    const marks = this.procQuery.marks;
    const end = at + 2 + 2 * data[at]!;
    let hit = 0;
    let total = 0;
    for (let i = at + 2; i < end; i += 2) {
      const id = data[i]!;
      if (this.genericFeature[id] === 1) continue;
      total++;
      hit += marks[id]!;
    }
    return total > 0 ? hit / total : 0;
  }

  private scoreOf(doc: number, candCount: number): number {
    for (let j = 0; j < candCount; j++) if (this.rankDocs[j] === doc) return this.rankScores[j]!;
    return 0;
  }

  /** Per re-ranked leader, its best single phrasing's score for the current query. */
  private readonly rankKnn = new Float64Array(RERANK);
  private readonly agreeMin: number;
  private readonly agreedMargin: number;
  private readonly knnLead: number;
  private readonly statusBias: number;
  private readonly soleCoverage: number;
  private readonly rivalShare: number;
  private readonly sysForm: 'withCues' | 'spoken';
  private readonly followMargin: number;
  private readonly offerShare: number;
  private readonly catalogueClarify: number;
  /** How many re-ranked leaders the current query has. */
  private rankCount = 0;
  private readonly catalogueNameShare: number;
  private readonly nameBonus: number;
  private readonly systemBias: number;
  private readonly namePower: number;
  private readonly nameSpecific: number;
  private readonly candDocs = new Int32Array(RERANK);
  private readonly candScores = new Float64Array(RERANK);
  private readonly rankDocs = new Int32Array(RERANK);
  private readonly rankScores = new Float64Array(RERANK);

  constructor(kb: KnowledgeBase, options: MatcherOptions) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
    this.nameBonus = options.nameBonus ?? NAME_BONUS;
    this.systemBias = options.systemBias ?? SYSTEM_BIAS;
    this.namePower = options.namePower ?? NAME_SHARE_POWER;
    this.nameSpecific = options.nameSpecific ?? NAME_SPECIFIC_POWER;
    this.agreeMin = options.agreeMin ?? AGREE_MIN;
    this.agreedMargin = options.agreedMargin ?? AGREED_MARGIN;
    this.knnLead = options.knnLead ?? KNN_LEAD;
    this.statusBias = options.statusBias ?? STATUS_BIAS;
    this.soleCoverage = options.soleCoverage ?? SOLE_COVERAGE;
    this.rivalShare = options.rivalShare ?? RIVAL_SHARE;
    this.sysForm = options.smallTalkStopwords === false ? 'withCues' : 'spoken';
    this.followMargin = options.followMargin ?? FOLLOW_MARGIN;
    this.offerShare = options.offerShare ?? OFFER_SHARE;
    this.catalogueClarify = options.catalogueClarify ?? CATALOGUE_CLARIFY;
    this.catalogueNameShare = options.catalogueNameShare ?? CATALOGUE_NAME_SHARE;
    this.lex = compileLexicon(lexiconWithCatalogueWords(kb.lexicon, kb.catalogueWords));
    for (const phrase of [...Object.values(kb.lexicon.aspects).flat(), ...kb.lexicon.synonyms.flat()]) this.pairs.learn(analyse(phrase, this.lex).expanded.folded);
    const known = new Map<string, number>();
    // Each text keeps its features as interned ids (bigrams never become strings): holding millions of
    // feature strings during the build is what drove the process's resident memory. The id lists of all
    // texts go to a few large arrays (FeatureLists) as each text is analysed.
    const procVocab = new Vocabulary();
    const sysVocab = new Vocabulary();
    const lists = new FeatureLists();
    const scratch: number[] = [];
    const idsOf = (vocab: Vocabulary, tokens: Tokens): number => {
      scratch.length = 0;
      return lists.add(vocab.featureIds(tokens, scratch));
    };
    // Context texts repeat across records (a field's words, "Tờ khai…", "Bản sao…"): each is analysed once.
    const contextTexts = new Map<string, { syllables: string[]; ids: number[] }>();
    const analyseContext = (t: string): { syllables: string[]; ids: number[] } => {
      const a = analyse(t, this.lex);
      scratch.length = 0;
      const analysed = { syllables: [...new Set(a.expanded.folded)], ids: procVocab.featureIds(a.content, scratch).slice() };
      contextTexts.set(t, analysed);
      return analysed;
    };
    const shapes: TextShape[] = [];
    const titleWords: string[][][] = [];
    /** Per word, how many curated procedures' phrasings (citizens' own words) use it. */
    const phrasingDf = new Map<string, number>();
    const merged = knownProcedures(kb);
    for (const [code, p] of merged.byCode) this.byNationalCode.set(code, p.id);
    const priors = { ...DEFAULT_PRIORS, ...options.priors };
    for (const k of merged.list) {
      const p = matchTarget(k, priors, kb.catalogueWords);
      this.procedureDoc.set(p.id, this.procedures.length);
      this.procedures.push(p);
      // Each text is analysed once: its features feed the procedure's fields, its own phrasing entry and,
      // for names and keywords, the title re-ranking.
      const titles = [p.name.vi, ...(p.name.en ? [p.name.en] : []), ...p.keywords];
      this.nameTitles.push(p.name.en ? 2 : 1);
      const words: string[][] = [];
      const texts = [...titles, ...p.phrasings];
      const first = lists.count;
      const spoken = p.prior === 1 ? new Set<string>() : null;
      texts.forEach((t, i) => {
        const a = analyse(t, this.lex);
        if (spoken && i >= titles.length) for (const w of a.content.folded) spoken.add(w);
        for (const s of new Set(a.expanded.folded)) known.set(s, (known.get(s) ?? 0) + 1);
        // Word pairs as citizens write them: the curated texts, not the catalogue's official wording.
        if (p.prior === 1) {
          this.pairs.learn(a.expanded.folded);
          this.learnAccentedPairs(a.expanded.accented);
        }
        if (i < titles.length) words.push([...new Set(a.content.folded)].filter((w) => w.length > 0));
        idsOf(procVocab, a.content);
      });
      for (const t of p.context) {
        const analysed = contextTexts.get(t) ?? analyseContext(t);
        for (const s of analysed.syllables) known.set(s, (known.get(s) ?? 0) + 1);
        lists.add(analysed.ids);
      }
      titleWords.push(words);
      if (spoken) for (const w of spoken) phrasingDf.set(w, (phrasingDf.get(w) ?? 0) + 1);
      shapes.push({ first, titles: titles.length, texts: titles.length + p.phrasings.length, en: p.name.en ? 1 : 0, context: p.context.length });
    }
    const sysTexts: { first: number; count: number }[] = [];
    for (const intent of kb.intents) {
      this.intentDoc.set(intent.id, this.intents.length);
      if (intent.kind === 'dossier_status' && this.statusIntent < 0) this.statusIntent = this.intents.length;
      this.intents.push(intent);
      const words = new Set<string>();
      this.intentWords.push(words);
      const accentedWords = new Set<string>();
      this.intentAccented.push(accentedWords);
      const first = lists.count;
      for (const t of intent.phrasings) {
        const a = analyse(t, this.lex);
        for (const s of new Set(a.expanded.folded)) known.set(s, (known.get(s) ?? 0) + 1);
        this.pairs.learn(a.expanded.folded);
        this.learnAccentedPairs(a.expanded.accented);
        for (const w of a[this.sysForm].folded) words.add(w);
        for (const w of a[this.sysForm].accented) accentedWords.add(w);
        const spoken = a[this.sysForm].folded;
        if (OUTRIGHT_KINDS.has(intent.kind) && spoken.length >= OUTRIGHT_WORDS) {
          const list = this.outright.get(spoken[0]!) ?? [];
          list.push({ doc: this.intents.length - 1, words: spoken });
          this.outright.set(spoken[0]!, list);
        }
        idsOf(sysVocab, a[this.sysForm]);
      }
      sysTexts.push({ first, count: intent.phrasings.length });
    }
    const procTexts = new ProcedureTexts(lists, shapes);
    const sysFields = sysTexts.map(({ first, count }): IndexField[] => [
      { texts: Array.from({ length: count }, (_, i) => lists.get(first + i)), weight: WEIGHT.phrasing },
    ]);
    for (const w of [...this.lex.stopwords, ...this.lex.generic, ...this.lex.references.keys()]) if (!known.has(w)) known.set(w, 1);
    const titleDf = new Map<string, number>();
    for (const list of titleWords) for (const w of new Set(list.flat())) titleDf.set(w, (titleDf.get(w) ?? 0) + 1);
    const n = Math.max(1, titleWords.length);
    this.procIndex = new SearchIndex(procVocab, procTexts.fields(), { maxDocShare: options.maxDocShare ?? MAX_DOC_SHARE, docPriors: this.procedures.map((p) => p.prior), priorInMaxWeight: true, wordedDocs: this.procedures.map((p) => (p.phrasings.length > 0 ? 1 : 0)) });
    this.phrasings = new PhrasingTable(procTexts.texts(), this.procIndex, 1.2, options.knnB ?? 0.75);
    // The id lists and the bigram table of the vocabulary are in the index and the phrasing table now.
    lists.clear();
    procVocab.pairs.clear();
    // A syllable the index does not know points at the query marks' last byte, which is never set.
    const idOf = (w: string): number => this.procIndex.featureId(w) ?? this.procIndex.featureCount;
    this.titles = new TitleTable(
      titleWords.map((list) =>
        list
          .filter((words) => words.length > 0)
          .map((words) => ({ ids: words.map(idOf), weights: words.map((w) => Math.log(1 + n / (titleDf.get(w) ?? 1))) })),
      ),
    );
    this.sysIndex = new SearchIndex(sysVocab, sysFields, { maxDocShare: 1 });
    // A synonym of several syllables ("giấy phép môi trường") is one feature that says as much as two.
    this.phraseFeature = new Uint8Array(this.procIndex.featureCount + 1);
    for (const [w, id] of procVocab.ids) if (w.startsWith(SYNONYM_PREFIX) && w.includes('_')) this.phraseFeature[id] = 1;
    this.ownMarks = new Uint8Array(this.procIndex.featureCount + 1);
    this.theirMarks = new Uint8Array(this.procIndex.featureCount + 1);
    // Generic words common in names ("đăng ký", "cấp", "giấy") do not tell names apart; rare ones ("cho bé") do.
    // Counted over the curated procedures, the ones whose names the citizens' words were written against.
    const curated = titleWords.filter((_, d) => this.procedures[d]!.prior === 1);
    const curatedCount = Math.max(1, curated.length);
    const curatedTitleDf = (w: string): number => curated.filter((list) => list.some((words) => words.includes(w))).length;
    this.genericFeature = this.featureMask(this.lex.generic, (w) => curatedTitleDf(w) >= curatedCount * COMMON_IN_NAMES);
    // A qualifier citizens use for many needs ("lại": "cấp lại", "làm lại", "đi lại") does not pick a twin.
    this.commonInSpeech = this.featureMask(phrasingDf.keys(), (w) => phrasingDf.get(w)! >= curatedCount * COMMON_IN_SPEECH);
    this.ageFeature = this.featureMask(AGE_QUALIFIER_WORDS);
    this.lexGeneric = this.featureMask(this.lex.generic);
    // Pairs of curated procedures whose names are one another with qualifying words (plain × count + qualified).
    const curatedDocs = this.procedures.flatMap((p, d) => (p.prior === 1 ? [d] : []));
    for (const a of curatedDocs) for (const b of curatedDocs) if (a !== b && this.twinNames(a, b)) this.twinPairs.add(a * this.procedures.length + b);
    // Re-registrations, and the age-bounded procedures with the ones they narrow (stated-case.ts).
    const curatedNames = curatedDocs.map((d) => foldDiacritics(this.procedures[d]!.name.vi.toLowerCase()).split(/[^a-z0-9]+/).filter(Boolean));
    curatedNames.forEach((words, i) => {
      if (isReRegistration(words)) this.reRegistration.add(curatedDocs[i]!);
    });
    for (const [q, { plain, bound }] of ageBoundPairs(curatedNames)) this.ageTwins.set(curatedDocs[q]!, { plain: curatedDocs[plain]!, bound });
    curatedNames.forEach((words, i) => this.nameWords.set(curatedDocs[i]!, new Set(words.filter((w) => !this.lex.generic.has(w) && !this.lex.stopwords.has(w)))));
    curatedNames.forEach((words, i) => this.canonicalNames.set(curatedDocs[i]!, new Set(canonicaliseSynonyms({ folded: words, accented: words }, this.lex).folded)));
    for (const [doc, words] of this.canonicalNames) if ([...words].some((w) => LIVES_AT_WORDS.has(w))) this.residenceNamed.add(doc);
    // Bundles: a curated procedure whose name holds the names of two or more others ("Liên thông đăng ký khai tử,
    // xóa đăng ký thường trú, hỗ trợ chi phí mai táng"; "khai sinh kết hợp nhận cha, mẹ, con").
    for (const [bundle, words] of this.nameWords) {
      const within = (inner: Set<string>, outer: Set<string>) => inner.size > 0 && inner.size < outer.size && [...inner].every((x) => outer.has(x));
      const held = [...this.nameWords].filter(([d, w]) => d !== bundle && within(w, words));
      // A part inside another part ("đăng ký thường trú" in "xóa đăng ký thường trú") is not a part of its own.
      const parts = held.filter(([, w]) => !held.some(([, other]) => within(w, other))).map(([d]) => d);
      if (parts.length < 2) continue;
      this.bundleParts.set(bundle, parts);
      // The part its name opens with is what the bundle extends ("khai sinh" of "khai sinh kết hợp nhận cha, mẹ, con").
      const order = [...words];
      const first = (d: number): number => Math.min(...[...this.nameWords.get(d)!].map((w) => order.indexOf(w)).filter((i) => i >= 0));
      this.bundlePrimary.set(bundle, parts.reduce((a, b) => (first(b) < first(a) ? b : a)));
    }
    // Twins told apart by a circumstance of the people (lexicon.circumstances), as qualified → the circumstance
    // and plain → circumstance → qualified.
    const circumstances = (kb.lexicon.circumstances ?? []).map((c) => foldDiacritics(normaliseText(c))).filter(Boolean);
    const spacedNames = new Map(curatedDocs.map((d, i) => [d, ` ${curatedNames[i]!.join(' ')} `]));
    const spaced = (d: number) => spacedNames.get(d)!;
    for (const key of this.twinPairs) {
      const plain = Math.floor(key / this.procedures.length);
      const qualified = key % this.procedures.length;
      const circumstance = circumstances.find((c) => spaced(qualified).includes(` ${c} `) && !spaced(plain).includes(` ${c} `));
      if (circumstance === undefined) continue;
      this.circumstanceOf.set(qualified, circumstance);
      const byCircumstance = this.inCircumstance.get(plain) ?? new Map<string, number>();
      this.inCircumstance.set(plain, byCircumstance.set(circumstance, qualified));
    }
    for (const c of new Set(this.circumstanceOf.values())) {
      const groups = canonicaliseSynonyms({ folded: c.split(' '), accented: c.split(' ').map(() => '') }, this.lex).folded.filter((w) => w.startsWith(SYNONYM_PREFIX));
      if (groups.length > 0) this.circumstanceGroups.set(c, groups);
    }
    this.procQuery = new QueryVector(this.procIndex);
    this.sysQuery = new QueryVector(this.sysIndex);
    this.speller = new Speller(known);
  }

  /** The catalogue procedures among the buttons of a possible clarification (see catalogueClarifies). */
  private readonly offeredDocs = new Int32Array(MAX_CANDIDATES);
  /** Scratch marks over the features for comparing two names (see twinUnnamed); all 0 between calls. */
  private readonly ownMarks: Uint8Array;
  private readonly theirMarks: Uint8Array;
  /** 1 for the features that stand for a phrase of several syllables (multi-word synonyms). */
  private readonly phraseFeature: Uint8Array;
  /**
   * Phrasings of at least OUTRIGHT_WORDS words of the intents a message must never miss (a hand-off, a
   * complaint), by first word: such a phrasing found in a message, word for word and in order, decides it.
   */
  private readonly outright = new Map<string, { doc: number; words: string[] }[]>();

  /** Only leave to ask ("cho hỏi chút", "em hỏi xíu nha", "tiện hỏi luôn"): function words, "hỏi" and a word for "a little". */
  private asksLeaveToAsk(folded: readonly string[]): boolean {
    return folded.some((w) => A_LITTLE.has(w) || w === 'hoi') && folded.every((w) => A_LITTLE.has(w) || w === 'hoi' || this.lex.stopwords.has(w));
  }

  /** The intent whose outright phrasing the message holds word for word (the longest), or -1. */
  private saidOutright(words: readonly string[]): number {
    let best = -1;
    let bestLength = 0;
    for (let i = 0; i < words.length; i++) {
      const list = this.outright.get(words[i]!);
      if (!list) continue;
      for (const { doc, words: phrase } of list) {
        if (phrase.length <= bestLength) continue;
        // In order, with at most OUTRIGHT_GAP other words slipped in ("cán bộ [địa chính] đòi tiền …"); a topic
        // refused only word for word ("xin việc [, nộp] ở đâu" asks where a criminal record is filed).
        const maxGap = this.intents[doc]!.kind === 'out_of_scope' ? 0 : OUTRIGHT_GAP;
        if (saidInOrderFrom(words, i, phrase, maxGap)) {
          best = doc;
          bestLength = phrase.length;
        }
      }
    }
    return best;
  }

  /**
   * The system intent a message's shape says outright: a language to talk in asked with a verb of talking, a
   * contact facet for a question about an office, the status query for a question about a dossier's progress
   * (unless following or unfollowing it was asked); -1 for none.
   */
  private readShape(folded: readonly string[], sysKind: SystemIntent['kind'] | undefined, buttonsOpen = false, typed: readonly string[] = folded): number {
    // As typed: a repaired word may look like a verb of talking ("Nhon Trach" repaired to "nhan", to message).
    const talkIn = readLanguageRequest(typed);
    if (talkIn) return this.intentDoc.get(`language.${talkIn}`) ?? -1;
    const facet = readOfficeQuestion(folded);
    if (facet) return this.intentDoc.get(`contacts.${facet}`) ?? -1;
    if (buttonsOpen) return -1;
    if (sysKind !== 'follow_dossier' && sysKind !== 'unfollow_dossier' && readsStatusQuestion(folded)) return this.statusIntent;
    return -1;
  }

  /** Per system intent, the words of its phrasings (as matched: synonyms collapsed, stopwords kept). */
  private readonly intentWords: Set<string>[] = [];
  /** The same, as written with accents. */
  private readonly intentAccented: Set<string>[] = [];
  /** 1 for the index features of the lexicon's generic words. */
  private readonly genericFeature: Uint8Array;
  /** 1 for the features that a large share of the curated procedures' phrasings use (see COMMON_IN_SPEECH). */
  private readonly commonInSpeech: Uint8Array;
  /** Features that state an age ("tuổi", "dưới", a number): see qualifierSaid. */
  private readonly ageFeature: Uint8Array;
  /** 1 for the features of every generic word of the lexicon, however rare in names ("con", "mẹ"). */
  private readonly lexGeneric: Uint8Array;
  /** Adjacent syllables of the curated texts as written with their marks ("mai táng"), for the final-consonant repair. */
  private readonly accentedPairs = new Set<string>();

  private learnAccentedPairs(accented: readonly string[]): void {
    for (let k = 1; k < accented.length; k++) if (accented[k - 1] && accented[k]) this.accentedPairs.add(`${accented[k - 1]} ${accented[k]}`);
  }
  /** Adjacent syllables of the content (texts, cues, synonyms), for the regional-spelling repair. */
  private readonly pairs = new PairCounts();
  /** Syllables the last repair produced (they weigh a little less than typed ones). */
  private readonly repaired = new Set<string>();
  private repair = (typed: Tokens): Tokens => {
    const tokens = repairDialect(typed, this.pairs, this.repaired, this.functionWord, this.accentedPairs);
    let changed = tokens !== typed;
    const folded: string[] = [];
    const accented: string[] = [];
    for (let i = 0; i < tokens.folded.length; i++) {
      const f = tokens.folded[i]!;
      if (this.speller.has(f) || /\d/.test(f) || f.startsWith(SYNONYM_PREFIX)) {
        folded.push(f);
        accented.push(tokens.accented[i]!);
        continue;
      }
      const split = f.length >= 5 ? this.speller.split(f) : null;
      const fixed = split ? null : this.speller.correct(f);
      if (split) {
        folded.push(split[0], split[1]);
        accented.push('', '');
        this.repaired.add(split[0]).add(split[1]);
        changed = true;
      } else if (fixed) {
        folded.push(fixed);
        accented.push('');
        this.repaired.add(fixed);
        changed = true;
      } else {
        folded.push(f);
        accented.push(tokens.accented[i]!);
      }
    }
    return changed ? { folded, accented } : tokens;
  };

  /** Words pointing back ("chứ", "đó", "nhầm") are spelt as meant: the regional repair leaves them. */
  private functionWord = (folded: string, accented: string): boolean => isReference(folded, accented, this.lex);

  private knownToProcedures = (s: string): boolean => this.procIndex.featureId(s) !== undefined || this.lex.stopwords.has(s);
  private knownToIntents = (s: string): boolean => this.sysIndex.featureId(s) !== undefined || this.lex.stopwords.has(s);

  /**
   * How well a procedure's name (or one of its keywords) is named by the message: the share of the title
   * mentioned (BM25 does not punish a missing "lại" or "lần đầu"), raised to NAME_SHARE_POWER so a missing
   * distinctive word costs more, times how much of the best-named title it mentions (so "đăng ký lại
   * khai tử" prefers the title with "lại" over the shorter one it also covers).
   */
  private nameMatch(doc: number, maxHit: number): number {
    const data = this.titles.data;
    let at = this.titles.docStart[doc]!;
    const titles = data[at++]!;
    let best = 0;
    if (this.nameSpecific === 0) {
      // The power is monotonic: take it once, on the best share.
      for (let t = 0; t < titles; t++) {
        const share = this.titleHit(at) / data[at + 1]!;
        if (share > best) best = share;
        at += 2 + 2 * data[at]!;
      }
      return this.namePower === 1 ? best : Math.pow(best, this.namePower);
    }
    for (let t = 0; t < titles; t++) {
      const hit = this.titleHit(at);
      const v = Math.pow(hit / data[at + 1]!, this.namePower) * (maxHit > 0 ? Math.pow(hit / maxHit, this.nameSpecific) : 0);
      if (v > best) best = v;
      at += 2 + 2 * data[at]!;
    }
    return best;
  }

  /** The weight of the title at `at` in TitleTable.data that the query mentions. */
  private titleHit(at: number): number {
    const data = this.titles.data;
    const marks = this.procQuery.marks;
    const end = at + 2 + 2 * data[at]!;
    let hit = 0;
    // Branch-free: a mark is 0 or 1, and w * 1 === w, hit + 0 === hit, so the sum is the same as adding the
    // weights of the mentioned syllables only.
    for (let i = at + 2; i < end; i += 2) hit += data[i + 1]! * marks[data[i]!]!;
    return hit;
  }

  /** The best title weight any of the procedure's titles mentions. */
  private maxTitleHit(doc: number): number {
    const data = this.titles.data;
    let at = this.titles.docStart[doc]!;
    const titles = data[at++]!;
    let best = 0;
    for (let t = 0; t < titles; t++) {
      best = Math.max(best, this.titleHit(at));
      at += 2 + 2 * data[at]!;
    }
    return best;
  }

  /**
   * The message's syllables, accents folded, abbreviations expanded ("bhyt" → "bao hiem y te") and spellings repaired
   * as the matcher read them ("trứng thực" → "chung thuc"). Its repair marks are cleared by the next understand.
   */
  expandedWords(text: string): string[] {
    return analyse(text, this.lex, this.repair).expanded.folded;
  }

  /** The aspect a text asks, if any (overview and steps cues included), with no procedure matched. */
  aspectOf(text: string): Aspect | null {
    const a = analyse(text, this.lex);
    return pickAspect(a.aspectHits, a.expanded.folded);
  }

  understand(text: string, context: UnderstandContext = {}): Understanding {
    // A new subject announced in an opening clause is read on its own, with nothing of the conversation.
    const fresh = afterSubjectChange(text);
    if (fresh !== null) return { ...this.understand(fresh), text };
    // Settled before any clause is read on its own below: reading a clause replaces what this message left in the
    // matcher's state (its own words, a stated age).
    const u = this.settled(this.understandOnce(text, context), context);
    // Thanks said first, then a question ("cảm ơn em, còn nộp ở đâu"): the question is what the message wants.
    if (u.intent === 'thanks') return this.questionAfterThanks(text, context) ?? u;
    // Thanks said first, then a remark that asks nothing ("Cảm ơn em, để tui về nói với vợ"): a thank-you, though
    // the remark's words may carry the last procedure over, match weakly or match nothing. A need told outright
    // ("cảm ơn, chị muốn làm thêm giấy khai sinh cho bé") stays the need.
    // A greeting, then who is writing and nothing asked ("Xin chào, tui là ngư dân ở Quỳnh Lưu"): a greeting; the
    // words of the introduction brush procedures that are not asked for.
    if (u.decision === 'fallback' || u.decision === 'clarify' || u.followUp) {
      const small = this.smallTalkFirst(text);
      if (small?.said.intent === 'thanks') return { ...small.said, text };
      if (small?.said.intent === 'greeting' && u.decision !== 'answer' && INTRODUCTION.test(` ${foldDiacritics(small.rest.toLowerCase())} `)) return { ...small.said, text };
    }
    // Nothing understood, but the message closes with thanks ("ok mai tôi mang lên bổ sung, cảm ơn"): a thank-you
    // for what was said. Nothing understood as a whole, and an acknowledgement first ("OK. Meanwhile, what's the
    // address of the ward office?"): the question after it, as after thanks above.
    if (u.decision === 'fallback') {
      const question = this.questionAfterThanks(text, context);
      if (question) return question;
      const thanked = this.closingThanks(text);
      if (thanked) return { ...thanked, text };
    }
    return u;
  }

  /** What the conversation settles of a message just read (by understandOnce, whose state it reads). */
  private settled(u: Understanding, context: UnderstandContext): Understanding {
    const open = context.pendingCandidates ?? NO_CANDIDATES;
    const button = open.length > 0 ? this.buttonPicked(u, open) : null;
    if (button) return this.answering(u, button, u.followUp);
    // The conversation's procedure settles what the message leaves open (closestSibling, sameCircumstance, pointedBack):
    // listed for review as a follow-up. A correction naming only what the last one acted on keeps its action.
    const last = open.length === 0 ? (this.closestSibling(context.lastProcedureId, u) ?? this.sameCircumstance(context.lastProcedureId, u) ?? this.pointedBack(context.lastProcedureId, u)) : null;
    if (last) return this.answering(u, last, true);
    const sameAction = open.length === 0 ? this.sameActionOn(context.lastProcedureId, u) : null;
    if (sameAction) return { ...this.answering(u, sameAction, false), narrow: true };
    // Both ID cards offered while the message states the child's age ("căn cước cho con 4 tuổi"): the age decides.
    const forAge = u.decision === 'clarify' && u.intent === 'procedure' && this.queryAge !== null ? this.pendingForAge(u.alternatives.map((a) => a.procedureId).filter((id) => this.procedureDoc.has(id))) : null;
    if (forAge) return this.answering(u, forAge, u.followUp);
    // Twins in one circumstance offered together, the plain name of one said ("… làm giấy khai sinh cho cháu" after a
    // daughter married to a foreigner): that one.
    const byPlainName = u.decision === 'clarify' && u.intent === 'procedure' ? this.circumstanceNamed(u) : null;
    return byPlainName ? { ...this.answering(u, byPlainName, u.followUp), narrow: true } : u;
  }

  /** A short opening clause read on its own (thanks, a greeting …) when the rest of the message asks nothing. */
  private smallTalkFirst(text: string): { said: Understanding; rest: string } | null {
    // A yes first ("Vâng, bác cảm ơn cháu nhiều, …") only acknowledges: what follows it opens the message.
    const acked = shortOpening(text);
    const split = acked !== null && ACKNOWLEDGEMENT.test(foldDiacritics(acked.opening.toLowerCase())) ? shortOpening(acked.rest) : acked;
    if (split === null || text.includes('?')) return null;
    const rest = ` ${foldDiacritics(split.rest.toLowerCase())} `;
    // Who is writing ("chị là hướng dẫn viên du lịch") asks only with a question word: a role's name may hold an aspect's cue.
    const asks = INTRODUCTION.test(rest) ? STILL_ASKS.test(rest) || INTRODUCTION_WANTS.test(rest) : this.asks(split.rest);
    if (asks && !ASKS_LATER.test(rest)) return null;
    return { said: this.understandOnce(split.opening, {}), rest: split.rest };
  }

  /** The question asked after an opening thank-you or acknowledgement, understood (as the whole message), or null. */
  private questionAfterThanks(text: string, context: UnderstandContext): Understanding | null {
    const asked = this.askedAfterThanks(text);
    if (asked === null) return null;
    const v = this.settled(this.understandOnce(asked, context), context);
    return v.decision === 'fallback' ? null : { ...v, text };
  }

  /** What is asked after an opening thank-you ("cảm ơn em, còn nộp ở đâu" asks "còn nộp ở đâu"), or null. */
  private askedAfterThanks(text: string): string | null {
    const split = shortOpening(text);
    // Only a question said as one: an aspect's words in a statement ("để mai anh em tôi lên xã") ask nothing.
    if (split === null || !(text.includes('?') || STILL_ASKS.test(` ${foldDiacritics(split.rest.toLowerCase())} `))) return null;
    return this.understandOnce(split.opening, {}).intent === 'thanks' ? split.rest : null;
  }

  /** Whether a clause asks something: a question word, or an aspect's cue. */
  private asks(text: string): boolean {
    return STILL_ASKS.test(` ${foldDiacritics(text.toLowerCase())} `) || this.aspectOf(text) !== null;
  }

  /** The closing clause read as thanks, when it is a short one that is (a statement before it asks nothing). */
  private closingThanks(text: string): Understanding | null {
    const clauses = clausesOf(text);
    const closing = clauses.at(-1);
    if (clauses.length < 2 || closing === undefined || closing.length > CLOSING_THANKS_CHARS || text.includes('?')) return null;
    const u = this.understandOnce(closing, {});
    return u.intent === 'thanks' ? u : null;
  }

  /** The understanding changed into an answer with `procedureId` (a clarification's buttons dropped). */
  private answering(u: Understanding, procedureId: string, followUp: boolean): Understanding {
    const alternatives = u.decision === 'clarify' ? [] : u.alternatives.filter((a) => a.procedureId !== procedureId);
    return { ...u, decision: 'answer', procedureId, nationalCode: this.procedure(procedureId)?.nationalCode ?? null, alternatives, followUp };
  }

  /**
   * The open button a message picks by naming something other than the button itself: a procedure whose qualified
   * twin is exactly one of them ("thường trú ạ" after "xóa đăng ký tạm trú / thường trú?": the buttons say what is
   * to be done, the message which one), or a question of its own that offers exactly one of them ("tạm trú" offers
   * "đăng ký tạm trú" and "xóa đăng ký tạm trú"). Null otherwise.
   */
  private buttonPicked(u: Understanding, open: readonly string[]): string | null {
    if (u.intent !== 'procedure' || u.choice !== null) return null;
    if (u.decision === 'answer' && u.procedureId && !open.includes(u.procedureId)) {
      const named = this.procedureDoc.get(u.procedureId)!;
      const n = this.procedures.length;
      const twins = open.filter((id) => this.procedureDoc.has(id) && this.twinPairs.has(named * n + this.procedureDoc.get(id)!));
      if (twins.length === 1) return twins[0]!;
      // A short message whose words one button's texts hold all of ("sổ đỏ đó" after "sang tên": the land transfer's
      // keywords hold "sổ đỏ", though "cấp sổ đỏ lần đầu" names it louder): that button.
      const own = this.ownWordsSaid;
      if (own.length === 0 || own.length > BUTTON_WORDS) return null;
      // Not when the message says every word of the official name of the procedure it was read as ("đăng ký khai
      // sinh cho con" while the adoption is offered: the adoption's texts hold "khai sinh", but the birth is named).
      const nameWords = this.nameWords.get(named);
      if (nameWords && nameWords.size > 0 && [...nameWords].every((w) => this.saidWords.includes(w))) return null;
      const holding = open.filter((id) => this.procedureDoc.has(id) && this.indexHoldsAll(this.procedureDoc.get(id)!, own));
      return holding.length === 1 ? holding[0]! : null;
    }
    if (u.decision === 'clarify') {
      const offered = u.alternatives.filter((a) => open.includes(a.procedureId));
      return offered.length === 1 ? offered[0]!.procedureId : null;
    }
    return null;
  }

  /**
   * A sibling need named after a procedure qualified by a circumstance of the people is in that circumstance too:
   * the answered procedure's twin with the last one's circumstance, or null.
   */
  private sameCircumstance(lastId: string | undefined, u: Understanding): string | null {
    if (lastId === undefined || u.decision !== 'answer' || u.intent !== 'procedure' || !u.procedureId) return null;
    const circumstance = this.circumstanceOf.get(this.procedureDoc.get(lastId) ?? -1);
    const twin = circumstance === undefined ? undefined : this.inCircumstance.get(this.procedureDoc.get(u.procedureId)!)?.get(circumstance);
    return twin === undefined ? null : this.procedures[twin]!.id;
  }

  /**
   * Buttons qualified by the same circumstance ("… có yếu tố nước ngoài": the birth and the marriage with a foreigner),
   * the message naming the plain name of exactly one of them ("con gái tôi lấy chồng người Nhật … làm giấy khai sinh
   * cho cháu" names "khai sinh", not "kết hôn"): that one. Null otherwise.
   */
  private circumstanceNamed(u: Understanding): string | null {
    const qualified = u.alternatives.map((a) => this.procedureDoc.get(a.procedureId) ?? -1).filter((d) => d >= 0 && this.circumstanceOf.has(d));
    if (qualified.length < 2 || new Set(qualified.map((d) => this.circumstanceOf.get(d))).size !== 1) return null;
    const named = qualified.filter((q) => {
      const plain = this.plainOf(q);
      return plain >= 0 && this.namesATitleWhole(plain);
    });
    return named.length === 1 ? this.procedures[named[0]!]!.id : null;
  }

  /** The plain procedure a circumstance qualifies into `qualified`, or -1. */
  private plainOf(qualified: number): number {
    for (const [plain, byCircumstance] of this.inCircumstance) for (const q of byCircumstance.values()) if (q === qualified) return plain;
    return -1;
  }

  private understandOnce(text: string, context: UnderstandContext): Understanding {
    const payload = PAYLOAD.exec(text.trim());
    if (payload) {
      const p = this.procedure(payload[1]!);
      if (p) {
        const aspect = (ASPECTS as readonly string[]).includes(payload[2] ?? '') ? (payload[2] as Aspect) : 'overview';
        return this.result(text, { decision: 'answer', intent: 'procedure', procedureId: p.id, aspect, confidence: 1 });
      }
    }

    const { codes, rest } = findDossierCodes(text);
    let body = codes.length ? rest : text;
    const national = findNationalCode(body);
    if (national) body = national.rest;
    const phone = findPhone(body);
    if (phone) body = phone.rest;
    const entities: Understanding['entities'] = {};
    if (national) entities.nationalCode = national.value;
    if (phone) entities.phone = phone.value;

    // Set.clear allocates a fresh table even when the set is empty.
    if (this.repaired.size) this.repaired.clear();
    const a = analyse(body, this.lex, this.repair);
    this.queryAge = ageSaid(a.expanded.folded);
    const spokenText = ` ${a.spoken.folded.join(' ')} `;
    this.poorSaid = POOR_CASE.test(spokenText);
    this.livesAtSaid = LIVES_AT.test(spokenText) && !RESIDENCE_NAMED.test(spokenText);
    this.lateSaid = LATE_CASE.test(spokenText);
    this.frailSaid = FRAIL_CASE.test(spokenText);
    this.proxySaid = PROXY_CASE.test(spokenText);
    this.correcting = false;
    this.saidWords = a.original.folded;
    this.opensWithStill = a.original.accented[0] === 'còn';
    this.ownWordsSaid = [];
    this.namedLeader = undefined;
    this.registerLost = registerLostSaid(a.expanded.folded);
    const detected = detectLanguage(a.original.accented, a.original.folded);
    const language = detected ?? 'vi';
    const languageDetected = detected !== null;
    // A choice between two places ("nộp ở trường mới hay lên sở") asks where, though neither place is a cue.
    const aspect = pickAspect(a.aspectHits, a.expanded.folded) ?? (asksPlaceChoice(a.expanded.folded) ? 'place' : null);
    this.aspectAsked = aspect !== null && aspect !== 'overview';

    // A pick ("2", "cái thứ hai") means the pending clarification's candidate, or nothing at all.
    const pending = context.pendingCandidates ?? NO_CANDIDATES;
    const choice = parseChoice(text);
    if (choice !== null) {
      const known = pending.filter((id) => this.procedureDoc.has(id));
      const picked = known[choiceIndex(choice, known.length)];
      if (picked) return this.result(text, { language, languageDetected, entities, choice, decision: 'answer', intent: 'procedure', procedureId: picked, aspect: aspect ?? 'overview', confidence: 1 });
      return this.result(text, { language, languageDetected, entities, choice, decision: 'fallback', intent: 'fallback', confidence: 0 });
    }
    // Any other bare number with no question open ("15") names nothing: it is no word of a procedure's name.
    if (pending.length === 0 && BARE_NUMBER.test(text)) return this.result(text, { language, languageDetected, entities, decision: 'fallback', intent: 'fallback', confidence: 0 });

    // System intents (small talk, dossier, out of scope), matched with the aspect cues kept.
    const sq = this.sysQuery;
    sq.reset();
    sq.add(a[this.sysForm], this.repaired, this.knownToIntents);
    const sysTouched = sq.search();
    let sysDoc = -1;
    let sysScore = 0;
    let follow = 0;
    let unfollow = 0;
    let status = 0;
    let statusDoc = -1;
    for (let i = 0; i < sysTouched; i++) {
      const d = this.sysIndex.touchedDoc(i);
      const s = this.sysIndex.score(d);
      const k = this.intents[d]!.kind;
      if (k === 'dossier_status' && s > status) {
        status = s;
        statusDoc = d;
      } else if (k === 'follow_dossier' && s > follow) follow = s;
      else if (k === 'unfollow_dossier' && s > unfollow) unfollow = s;
      if (s > sysScore) {
        sysScore = s;
        sysDoc = d;
      }
    }
    let covS = sq.self > 0 ? Math.min(1, sysScore / sq.self) : 0;

    // Procedures: BM25F, then the best few re-ranked by how much of their name the message mentions.
    const pq = this.procQuery;
    pq.reset();
    pq.add(withoutFileWords(a.content, a.expanded), this.repaired, this.knownToProcedures, language === 'en' ? ENGLISH_UNKNOWN_SHARE : 1);
    const { candScores, candDocs } = this;
    const rankedCount = this.procIndex.top(pq.ids, pq.weights, pq.count, RERANK, candDocs, candScores);
    // The leaders' title records are rarely in cache: start all their misses at once (see PhrasingTable.warm).
    for (let j = 0; j < rankedCount; j++) this.sink += this.titles.data[this.titles.docStart[candDocs[j]!]!]!;
    let maxHit = 1;
    if (this.nameSpecific !== 0) {
      maxHit = 0;
      for (let j = 0; j < rankedCount; j++) {
        const d = this.candDocs[j]!;
        maxHit = Math.max(maxHit, this.maxTitleHit(d));
      }
    }
    // Re-ranked leaders, best first, in reusable typed arrays (insertion sort: there are at most RERANK; the j-th
    // candidate joins j leaders).
    const rankDocs = this.rankDocs;
    const rankScores = this.rankScores;
    for (let j = 0; j < rankedCount; j++) {
      const d = this.candDocs[j]!;
      let s = this.candScores[j]! * (1 + this.nameBonus * this.nameMatch(d, maxHit));
      if (pending.length && this.isPending(d, pending)) s *= PENDING_BOOST;
      insertLeader(rankDocs, rankScores, j + 1, d, s);
    }
    let candCount = rankedCount;
    this.rankCount = candCount;
    const selfP = pq.self > 0 ? pq.self * (1 + this.nameBonus) : 1;
    let p1 = candCount > 0 ? rankScores[0]! : 0;
    if (candCount > 0 && this.procedures[rankDocs[0]!]!.prior >= 1 && this.nameMatch(rankDocs[0]!, 1) >= NAMED_IN_FULL && (candCount < 2 || rankScores[1]! < p1 * ABOUT_SHARE)) {
      this.namedLeader = this.procedures[rankDocs[0]!]!.id;
    }
    let p2 = candCount > 1 ? rankScores[1]! : 0;
    let covP = Math.min(1, p1 / selfP);
    let topProcedure = candCount > 0 ? this.procedures[rankDocs[0]!]! : null;
    // "Phản ánh: hồ sơ <code> trễ hẹn mà không ai giải thích" is a complaint about that dossier, not a look-up. Told
    // only as returned or late ("hồ sơ <code> bị trả lại mà không rõ lý do", "sao quá hẹn rồi vẫn chưa có") it is a
    // look-up: the status says why and whom to call, and a grievance told or named still goes to staff.
    if (codes.length && sysDoc >= 0 && this.intents[sysDoc]!.kind === 'complaint' && covS >= this.thresholds.system && readGrievance(text) === 'complaint' && !readsStatusQuestion(a.expanded.folded)) {
      return this.result(text, { language, entities, decision: 'answer', intent: 'complaint', intentId: this.intents[sysDoc]!.id, dossierCode: codes[0]!, confidence: round(covS) });
    }
    if (codes.length) {
      // Following or leaving a dossier is a request said in its own words; "còn cái này nữa <mã>" shares only "nữa"
      // with "thôi không theo dõi nữa" and asks for the status.
      const leaves = unfollow > follow * UNFOLLOW_MARGIN && STOP_FOLLOWING.test(spokenText);
      const follows = !leaves && FOLLOWING.test(spokenText);
      const intent: IntentName = Math.max(follow, unfollow) > status * this.followMargin && (leaves || follows) ? (leaves ? 'unfollow_dossier' : 'follow_dossier') : 'dossier_status';
      return this.result(text, { language, languageDetected, entities, decision: 'answer', intent, intentId: intent, dossierCode: codes[0]!, confidence: 1 });
    }

    if (national) {
      const id = this.byNationalCode.get(national.value);
      if (id) return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'procedure', procedureId: id, aspect: aspect ?? 'overview', confidence: 1 });
      // A code the catalogue does not hold, with nothing else to go by ("thủ tục 1.004227"): not small talk.
      if (a.content.folded.length === 0) return this.result(text, { language, languageDetected, entities, decision: 'fallback', intent: 'fallback', aspect, confidence: 0 });
    }

    const t = this.thresholds;
    const last = context.lastProcedureId && this.procedureDoc.has(context.lastProcedureId) ? context.lastProcedureId : null;
    const topic = topicSignals(a, this.lex);
    this.correcting = topic.corrects;
    this.ownWordsSaid = topic.ownWords;
    // A message of aspect cues and words pointing back only ("thế nộp ở đâu?") is never small talk: it needs a procedure.
    // With a procedure in the conversation, an aspect asked with no words of its own ("xin 3 bản thì hết bao nhiêu
    // tiền") is one too; so is one opening with "thế", "còn" when there is none yet ("thế nộp ở đâu cháu"): ask which.
    const opensBack = opensWithReference(a.spoken, this.lex);
    const aspectOnly = aspect !== null && (!topic.saysSomething || ((last !== null || opensBack) && topic.ownWords.length === 0) || (last !== null && this.speaksOnlyInPassing(topic)));
    // A follow request without a code that scores about as well as a status query is a status query.
    if (sysDoc >= 0 && statusDoc >= 0 && this.intents[sysDoc]!.kind === 'follow_dossier' && status * this.followMargin >= sysScore) sysDoc = statusDoc;
    // A request for a person or a complaint said in so many words inside a long message is what it is, however
    // much else the message says ("… thôi cháu cho bà nói chuyện với cán bộ cho nhanh").
    let said = this.saidOutright(a.spoken.folded);
    // A message headed "Phản ánh:", "Kiến nghị:" files what follows, whatever office or procedure it names.
    if (said < 0 && COMPLAINT_HEADING.test(foldDiacritics(text.slice(0, 40).toLowerCase()))) said = this.intents.findIndex((i) => i.kind === 'complaint');
    // An office asked about ("công an xã ở chỗ nào, tui muốn làm căn cước") or a filed dossier's progress ("hồ sơ
    // khai tử … tới đâu rồi") is what it is, whatever procedure the message names (office-question.ts,
    // status-question.ts); the sentence's shape also tells which contact facet is asked. While buttons are open only
    // an office asked about is ("cho xin địa chỉ với sđt trung tâm dịch vụ việc làm"): a clarification is answered first.
    let shaped = false;
    if (said < 0 || this.intents[said]!.kind === 'contacts') {
      const shape = this.readShape(a.expanded.folded, sysDoc >= 0 ? this.intents[sysDoc]!.kind : undefined, pending.length > 0, a.original.folded);
      if (shape >= 0) said = shape;
      shaped = shape >= 0;
    }
    // A refused topic named in a few words of its own ("có mưa không", "giá vàng"), with no procedure answer in reach;
    // writing asked for, tax settled online and a divorce itself are refused whatever procedure their words name.
    if (said < 0 && (covP < t.answer || refusedWhateverMatches(a.original.folded))) {
      const refused = readRefusedTopic(a.original.accented, a.original.folded);
      const doc = refused ? this.intentDoc.get(refused) : undefined;
      if (doc !== undefined) said = doc;
    }
    if (said >= 0) {
      sysDoc = said;
      covS = Math.max(covS, t.system);
    }
    const sysKind = sysDoc >= 0 ? this.intents[sysDoc]!.kind : undefined;
    const bias = sysKind === 'dossier_status' ? Math.min(this.statusBias, STATUS_QUERY_BIAS) : sysKind && DOSSIER_KINDS.has(sysKind) ? this.statusBias : this.systemBias;
    // Against what the bot itself does (complaints, contacts, hand-off, small talk) a catalogue procedure counts
    // with its prior: "tôi muốn khiếu nại" is a complaint, though police complaint procedures bear the word. An
    // out-of-scope topic yields to it: the catalogue may hold what the topic refuses ("xe ô tô đi đăng kiểm").
    const covVsSystem = topProcedure && sysKind !== 'out_of_scope' ? covP * topProcedure.prior : covP;
    // An office asked about with no filing verb ("bộ phận một cửa ở đâu") is a contact question, though its words
    // are also a place cue; "nộp ở đâu" asks where a procedure is filed.
    // In a conversation about a procedure, "ở công an xã hả?" is where to file it. Leave to ask ("cho hỏi chút")
    // names no office: it asks what is needed.
    const officeAsked = sysKind === 'contacts' && covS >= t.system && topic.ownWords.length === 0 && !this.asksLeaveToAsk(a.spoken.folded) && !topic.saysFiling && last === null && pending.length === 0 && (aspect === null || aspect === 'place');
    // Whether a fine follows a late filing is a rule of the procedure, though "quá hạn" reads like an overdue file.
    const penaltyAsked = sysKind === 'complaint' && asksPenalty(a.expanded.folded);
    // A status query is about a dossier the message names: "sổ đỏ bị rách" shares only "bị" with "hồ sơ bị trả lại".
    const noDossier = sysKind === 'dossier_status' && !DOSSIER_WORDS.test(` ${a.expanded.folded.join(' ')} `);
    // An aspect of the procedure talked about asked with words a complaint also uses ("làm đơn gửi lên đâu" after a
    // land-use change) is no complaint unless a grievance is told (grievance.ts).
    const plainAsk = sysKind === 'complaint' && last !== null && aspect !== null && readGrievance(text) === null;
    // An aspect of the procedure talked about asked with a word a refused topic also uses ("bao lâu có biển?" after a
    // motorbike's registration: the plate, not the sea) is the procedure's question when its own texts hold the words.
    const heldBy = last !== null ? this.procedureDoc.get(last) : undefined;
    const lastHolds = sysKind === 'out_of_scope' && said < 0 && heldBy !== undefined && aspect !== null && topic.ownWords.length > 0 && (this.titlesHoldAll(heldBy, topic.ownWords) || this.indexHoldsAll(heldBy, topic.ownWords));
    // A topic refused unless something is filed ("quán ăn nào ngon" refused, "register my restaurant business" not).
    const filingAsked = sysDoc >= 0 && this.intents[sysDoc]!.unlessFiling === true && (topic.saysFiling || LICENSING.test(` ${a.expanded.folded.join(' ')} `));
    const sysWins = said >= 0 || officeAsked || (!aspectOnly && !penaltyAsked && !noDossier && !plainAsk && !lastHolds && !filingAsked && sysDoc >= 0 && covS >= t.system && covS >= covVsSystem * bias && this.sysHoldsOwnWord(sysDoc, topic));

    // A message that continues the conversation (asks an aspect, a condition, or points back) and has no topic
    // of its own applies to the last procedure; one that names or describes another need never does.
    const continues = aspect !== null || topic.refersBack || topic.yesNo || topic.asksDifference;
    // Buttons still open: the citizen's last need is the question the bot has just asked, not the answer before it.
    const open = pending.filter((id) => this.procedureDoc.has(id));
    // A correction that names something ("xin lỗi, sổ nhà tôi bị mất, cần cấp lại") replaces the last procedure;
    // one that names only an aspect or an age ("không phải, ý tôi là lệ phí", "nhầm, bé 15 tuổi rồi") keeps it.
    const caseless = this.withoutCaseWords(topic);
    // …unless the last procedure's own titles hold all it names ("nhầm, ý tôi hỏi mất bao lâu mới có thẻ" after the ID card).
    // Words of common speech ("mới có thẻ") name nothing either.
    const named = caseless.ownWords.filter((w) => this.commonInSpeech[this.procIndex.featureId(w) ?? this.procIndex.featureCount] !== 1);
    // The last procedure must still lead: "… bị mất, cần xin cấp lại" after "cấp sổ đỏ lần đầu" leads to its re-issue.
    const lastLeads = last !== null && this.procedureDoc.has(last) && (candCount === 0 || this.procedures[rankDocs[0]!]!.id === last);
    const namesLast = lastLeads && this.titlesHoldAll(this.procedureDoc.get(last!)!, named);
    const replaces = topic.changesSubject || (topic.corrects && caseless.ownWords.length > 0 && !namesLast);
    // A question about one's case that only brushes another curated procedure, too weakly to offer it even as a
    // button ("ổng hổng đi được thì có ai xuống nhà coi hông"), has no topic of its own. A catalogue procedure
    // so weak may still be offered: the official catalogue names needs the curated pages do not.
    // A correction that gives an age the last procedure's age-bounded twin is for ("à nhầm, bé lớn 15 tuổi rồi"),
    // naming nothing clearly, is that twin.
    const lastDoc = last ? this.procedureDoc.get(last)! : -1;
    const ageCorrected = last && open.length === 0 && topic.corrects && !sysWins && (candCount === 0 || covP < t.answer) ? this.ageTwin(lastDoc) : -1;
    if (ageCorrected >= 0) {
      return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'procedure', procedureId: this.procedures[ageCorrected]!.id, aspect: aspect ?? context.lastAspect ?? 'overview', confidence: round(Math.max(0.6, covP)), followUp: true });
    }
    // A catalogue record brushed only by the citizen's own case told with the question ("nộp ở đâu, em đang ở trọ ở
    // Việt Yên", "tui đi xin thay cho hắn thì mang theo chi") is no need of its own either.
    const caseTold = this.livesAtSaid || this.frailSaid || this.proxySaid;
    const weakOther = covP < t.clarify && candCount > 0 && (this.procedures[rankDocs[0]!]!.prior >= 1 || caseTold) && (topic.yesNo || aspect !== null);
    // As typed: a spelling repair may take a word of the case for a word of a name ("chiu" → "chieu").
    const lacking = a.expanded.accented[0] !== 'còn' && LACKING_THEN.test(a.original.folded.slice(-LACKING_WORDS).join(' '));
    // Mistreatment told ("the staff … was very rude to me and my wife") is no follow-up, whatever word in it points
    // back. Not a delay: "trễ hạn 2 tháng rồi thì lệ phí bn" is the citizen's own lateness.
    const grieves = last !== null && continues && mistreatmentTold(text);
    if (last && open.length === 0 && (continues || lacking) && !sysWins && !replaces && !grieves && (weakOther || lacking || !this.hasOwnTopic(caseless, lastDoc, candCount, selfP))) {
      // The same need for someone of another age ("còn con tui 3 tuổi thì sao") is the age-bounded twin's.
      const forAge = this.ageTwin(lastDoc);
      const procedureId = forAge >= 0 ? this.procedures[forAge]!.id : last;
      return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'procedure', procedureId, aspect: aspect ?? (topic.refersBack || forAge >= 0 ? context.lastAspect : null) ?? 'overview', confidence: round(Math.max(0.6, covP)), followUp: true });
    }

    // An aspect asked while the buttons of a clarification are still open ("mất mấy ngày?", "cần mang gì theo?",
    // "rứa nộp trực tuyến được không?"): the same buttons again, now for that aspect. Answering the first would
    // be a guess; a help menu would drop the question the bot has just asked.
    // An office or a dossier asked about in so many words (the sentence's shape) is no need left unsaid, though its
    // words are generic ("cho xin giờ làm việc của bộ phận một cửa"); buttons still open are answered first.
    const needWins = !officeAsked && !(shaped && open.length === 0) && (!sysWins || topic.onlyGeneric || !(sysKind && DOSSIER_KINDS.has(sysKind)));
    // The commune's register said to be gone while the buttons hold one re-registration ("nếu xã không còn lưu sổ
    // gốc thì sao"): that one, for the aspect the buttons were asked for.
    // So does an age said while the buttons hold both procedures of an age-bounded pair ("bé nhà tôi 15 tuổi rồi").
    const reRegistrations = this.registerLost ? open.filter((id) => this.reRegistration.has(this.procedureDoc.get(id)!)) : [];
    const forAge = this.pendingForAge(open);
    const settled = reRegistrations.length === 1 ? reRegistrations[0]! : forAge;
    // A greeting read in it ("cháu mới 3 tuổi" holds the "cháu" of "chào cháu") does not outweigh the case said.
    if (settled && (!sysWins || sysKind === 'greeting')) {
      return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'procedure', procedureId: settled, aspect: aspect ?? 'overview', confidence: round(covP) });
    }
    // So are generic words alone ("cần làm giấy tờ gì"): the question just asked is still the one to answer.
    const genericOnly = topic.ownWords.length === 0 && !topic.refersBack;
    if (open.length > 0 && ((aspect !== null && aspect !== 'overview') || genericOnly) && !this.namesOwnNeed(topic, open, pending, candCount, selfP) && needWins) {
      const offered = open.map((id) => ({ procedureId: id, nationalCode: this.procedure(id)!.nationalCode ?? null, confidence: 0 }));
      return this.result(text, { language, languageDetected, entities, decision: 'clarify', intent: 'procedure', procedureId: open[0]!, aspect, confidence: round(covP), alternatives: offered });
    }
    // Generic words alone ("thủ tục", "giấy tờ cho mẹ", "lệ phí bao nhiêu?"): ask what is needed. A status
    // question about a file ("hồ sơ của tôi xong chưa") stays one, and so does a message pointing back ("hồ sơ này").
    // With nothing said before, a word that may point back points nowhere: an opening "con" is a child ("con cháu"),
    // "để" says what for ("con cái cần giấy của bố mẹ để làm thủ tục"). Unless what the bot does is asked
    // ("giờ làm việc thế nào").
    const childFirst = !last && a.spoken.folded[0] === 'con' && a.spoken.accented[0] !== 'còn';
    const pointsNowhere = !last && (childFirst || !sysWins);
    // A greeting to the person addressed ("chào cháu", "chào cả nhà") names no need, though "cháu" is a generic word.
    const greetsOnly = open.length === 0 && BARE_GREETING.test(a.original.folded.join(' '));
    const greeting = greetsOnly ? this.intents.findIndex((i) => i.kind === 'greeting') : -1;
    if (greeting >= 0) return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'greeting', intentId: this.intents[greeting]!.id, confidence: 1 });
    // What the bot can do asked in so many words ("em giúp được những việc gì") is no need left unsaid.
    const typed = ` ${a.original.folded.join(' ')} `;
    const asksHelp = open.length === 0 && (HELP_ASKED.test(typed) || (a.original.folded.length <= HELP_SAID_WORDS && HELP_SAID.test(typed)));
    if (topic.ownWords.length === 0 && ((topic.mentionsNeed && (!topic.refersBack || pointsNowhere)) || (aspectOnly && !last)) && needWins && !asksHelp) {
      return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'ask_need', aspect, confidence: 1 });
    }
    if (asksHelp) {
      const help = this.intents.findIndex((i) => i.kind === 'help');
      if (help >= 0) return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'help', intentId: this.intents[help]!.id, confidence: 1 });
    }
    // A procedure named after "còn", "không phải, ý tôi là", "à không, …" or after the bot asked what is needed keeps the aspect asked before.
    const inherited = !aspect && context.lastAspect && (context.askedNeed || ((topic.refersBack || topic.corrects) && last)) ? context.lastAspect : null;
    const asked: Aspect = aspect ?? inherited ?? 'overview';
    const procedureResult = (decision: 'answer' | 'clarify', procedureId: string, alternatives: Alternative[]): Understanding =>
      this.result(text, { language, languageDetected, entities, decision, intent: 'procedure', procedureId, aspect: asked, confidence: round(covP), alternatives });

    // A language asked for with a question about the procedure talked about ("ok giờ nói tiếng Việt cho vợ tôi đọc,
    // phí bao nhiêu"): the question answered in that language.
    const asksInLanguage = sysWins && this.intents[sysDoc]!.kind === 'language' && aspect !== null && aspect !== 'overview' && last !== null && open.length === 0;
    if (asksInLanguage) {
      const requested = this.intents[sysDoc]!.language ?? language;
      return this.result(text, { language: requested, languageDetected: true, entities, decision: 'answer', intent: 'procedure', procedureId: last, aspect, confidence: round(covS), followUp: true });
    }
    if (sysWins) {
      // Vietnamese named as what the writer lacks ("My Vietnamese is not good", "I can't read Vietnamese"): English asked.
      const lacksVietnamese = this.intents[sysDoc]!.kind === 'language' && this.intents[sysDoc]!.language === 'vi' && LACKS_VIETNAMESE.test(` ${a.original.folded.join(' ')} `);
      const intent = lacksVietnamese ? (this.intents.find((i) => i.kind === 'language' && i.language === 'en') ?? this.intents[sysDoc]!) : this.intents[sysDoc]!;
      return this.result(text, {
        entities,
        language: intent.kind === 'language' && intent.language ? intent.language : language,
        languageDetected: languageDetected || intent.kind === 'language',
        decision: 'answer',
        intent: INTENT_OF_KIND[intent.kind],
        intentId: intent.id,
        confidence: round(covS),
        narrow: covS < t.system + NARROW_COVERAGE || covS < covP * bias * (1 + NARROW_MARGIN),
      });
    }

    // A need told as the parts of a bundle ("báo tử, rồi cắt hộ khẩu, rồi tiền mai táng … làm một lần cho xong"):
    // the bundle, when the message names three parts, or two and asks for them together.
    const bundle = this.bundleTold(a.expanded.folded);
    if (bundle >= 0) return procedureResult('answer', this.procedures[bundle]!.id, []);

    // Two needs joined ("bán thêm rượu với thuốc lá thì xin giấy phép ở đâu"): answering one would drop the other;
    // the citizen says which comes first.
    if (pending.length === 0 && candCount >= 2 && rankScores[1]! >= p1 * TWO_NEEDS_SHARE && this.twoNeedsJoined(rankDocs[0]!, rankDocs[1]!, a.expanded.folded)) {
      return procedureResult('clarify', this.procedures[rankDocs[0]!]!.id, [rankDocs[0]!, rankDocs[1]!].map((d) => this.alternative(d, this.scoreOf(d, candCount), selfP)));
    }

    // The last procedure's qualifier said on its own ("chồng em là người Nhật" after marriage registration): its
    // qualified twin, asked as the last one was.
    const twin = last && pending.length === 0 ? this.qualifiedTwinSaid(lastDoc, candCount) : -1;
    if (twin >= 0) {
      return this.result(text, { language, languageDetected, entities, decision: 'answer', intent: 'procedure', procedureId: this.procedures[twin]!.id, aspect: aspect ?? context.lastAspect ?? 'overview', confidence: round(covP), followUp: true });
    }

    // One's own thing named and nothing said of what to do with it ("hộ kinh doanh của tôi cần làm thủ tục"): it
    // exists already, so registering it is one need among those its family's names hold (changing, closing it).
    const family = pending.length === 0 && last === null && candCount > 0 ? this.ownThingAsked(rankDocs[0]!, topic, a.spoken.folded) : [];
    if (family.length >= 2) return procedureResult('clarify', this.procedures[family[0]!]!.id, family.slice(0, MAX_CANDIDATES).map((d) => this.alternative(d, this.scoreOf(d, candCount), selfP)));

    // What several procedures' names share ("sang tên", "bảo hiểm xã hội") names none of them: ask which.
    const shared = pending.length > 0 ? [] : this.sharedName(topic, candCount, asked === 'overview' && aspect === null && last === null);
    if (shared.length >= 2) {
      // Said in a conversation that already talked about one of them ("bao lâu thì sang tên xong" after the land
      // transfer's answer and a question on its contract): that one, listed for review as a carried-over answer is.
      const talkedAbout = shared.filter((d) => (context.recentProcedureIds ?? (last ? [last] : [])).includes(this.procedures[d]!.id));
      if (talkedAbout.length === 1) {
        const recalled = procedureResult('answer', this.procedures[talkedAbout[0]!]!.id, []);
        recalled.narrow = true;
        return recalled;
      }
      // Leaders that do not share the words fill the buttons left (a weaker candidate costs the citizen nothing).
      const offered = [...shared, ...Array.from(rankDocs.subarray(0, candCount)).filter((d) => !shared.includes(d) && this.scoreOf(d, candCount) >= p1 * this.offerShare)];
      return procedureResult(
        'clarify',
        this.procedures[shared[0]!]!.id,
        offered.slice(0, shared.length > MAX_CANDIDATES ? MAX_FAMILY : MAX_CANDIDATES).map((d) => this.alternative(d, this.scoreOf(d, candCount), selfP)),
      );
    }

    // A message about a subject asks for the family; one naming a procedure picks it or its qualified twin.
    let ruledOut = 0;
    if (!topic.about) {
      const before = candCount;
      candCount = this.ruleOutTwins(candCount, pending);
      this.rankCount = candCount;
      ruledOut = before - candCount;
      p1 = candCount > 0 ? rankScores[0]! : 0;
      p2 = candCount > 1 ? rankScores[1]! : 0;
      covP = Math.min(1, p1 / selfP);
      topProcedure = candCount > 0 ? this.procedures[rankDocs[0]!]! : null;
    }

    if (topProcedure) {
      const margin = p1 > 0 ? (p1 - p2) / p1 : 0;
      const pendingHit = pending.length > 0 && this.isPending(rankDocs[0]!, pending);
      // A clear leader with no runner-up close enough to be a rival is answered without the phrasing check
      // (it could not change the outcome); so is a message too weak for anything but a fallback.
      const clearLeader = covP >= t.answer && p2 < p1 * this.rivalShare && margin >= t.margin;
      // The nearest phrasings only decide between answering and asking: they are not scored when neither a
      // confident answer nor a lone candidate is within reach, or when a pending clarification answers anyway.
      const knnDecides = (covP >= t.answer || (covP >= this.soleCoverage && p2 < p1 * CLARIFY_SHARE)) && !(pendingHit && covP >= t.clarify);
      const needKnn = !clearLeader && covP >= Math.min(t.clarify, this.soleCoverage) && knnDecides;
      const knnTop = needKnn ? this.nearestPhrasings(candCount, p1 * KNN_FLOOR) : -1;
      const agreement = needKnn && this.knnBest > 0 ? this.rankKnn[0]! / this.knnBest : 0;
      const lead = knnTop === 0 && this.knnBest > 0 ? (this.knnBest - this.knnSecond) / this.knnBest : 0;
      // The nearest phrasing's procedure only contests the answer when it is a plausible candidate itself.
      const rival = knnTop > 0 ? rankScores[knnTop]! / p1 : 0;
      const agrees = agreement >= this.agreeMin || rival < this.rivalShare;
      const confident = clearLeader || (agrees && (margin >= t.margin || (margin >= this.agreedMargin && lead >= this.knnLead)));
      // A lone candidate that the nearest phrasings also name is answered from a lower coverage: a
      // clarification with one button asks nothing.
      const sole = knnTop === 0 && p2 < p1 * CLARIFY_SHARE && lead >= this.knnLead && covP >= this.soleCoverage;
      // A catalogue record among the leaders does not make an English message's curated answer a question: the records
      // are named in Vietnamese only, so they meet English words through the lexicon's synonyms, which the curated page
      // shares; they cannot be what tells the need apart. Not for an answer passing by a small margin.
      if (((covP >= t.answer && confident) || sole || (pendingHit && covP >= t.clarify)) && (pendingHit || (this.catalogueNamed(rankDocs[0]!) && !this.twinUnnamed(candCount) && !(this.curatedUnsure(covP, candCount, ruledOut) && !(language === 'en' && covP >= t.answer + NARROW_COVERAGE))))) {
        const answered = procedureResult('answer', topProcedure.id, this.alternatives(1, candCount, CLARIFY_SHARE, selfP));
        // Passed by a small margin: worth a look by staff (the review list).
        answered.narrow = covP < t.answer + NARROW_COVERAGE || margin < t.margin + NARROW_MARGIN;
        return answered;
      }
      // A catalogue procedure leading on one word of the message is no question worth asking.
      const offers = this.procedures[rankDocs[0]!]!.prior < 1 ? this.catalogueClarifies(covP) : covP >= t.clarify || this.catalogueClarifies(covP);
      if (offers) return procedureResult('clarify', topProcedure.id, this.alternatives(0, candCount, this.offerShare, selfP));
    }
    return this.result(text, { language, languageDetected, entities, decision: 'fallback', intent: 'fallback', aspect, confidence: round(covP) });
  }

  /**
   * Scores the phrasings of the re-ranked leaders against the query and keeps each leader's best one.
   * Returns the rank of the leader owning the best phrasing (or -1); knnBest/knnSecond hold the two best
   * leaders' scores.
   */
  private nearestPhrasings(count: number, floor: number): number {
    const pq = this.procQuery;
    let top = -1;
    let s1 = 0;
    let s2 = 0;
    let leaders = 0;
    while (leaders < count && this.rankScores[leaders]! >= floor) leaders++;
    if (this.leaderPostings.length < leaders * pq.count) this.leaderPostings = new Int32Array(2 * leaders * pq.count);
    this.procIndex.locate(this.rankDocs, leaders, pq.ids, pq.count, this.leaderPostings);
    this.sink = this.phrasings.warm(this.leaderPostings, leaders * pq.count);
    for (let j = 0; j < leaders; j++) {
      const s = this.phrasings.bestAt(this.rankDocs[j]!, this.leaderPostings, j * pq.count, pq.weights, pq.count);
      this.rankKnn[j] = s;
      if (s > s1) {
        s2 = s1;
        s1 = s;
        top = j;
      } else if (s > s2) s2 = s;
    }
    this.knnBest = s1;
    this.knnSecond = s2;
    return top;
  }

  /** Per leader scored by nearestPhrasings, the index posting of each query feature (see SearchIndex.locate). */
  private leaderPostings = new Int32Array(RERANK * 32);
  /** Keeps the result of PhrasingTable.warm alive (its only purpose is to bring data into cache). */
  private sink = 0;
  private knnBest = 0;
  private knnSecond = 0;

  /**
   * A message whose best candidates are catalogue procedures is asked about from a lower coverage than a
   * curated page: official names share few words with citizens' messages, so a clear leader among them scores
   * low, and three buttons cost the citizen less than the help menu.
   */
  private catalogueClarifies(covP: number): boolean {
    if (covP < this.catalogueClarify) return false;
    // The catalogue procedures among the buttons, located in the posting lists in one pass.
    const docs = this.offeredDocs;
    let count = 0;
    for (let j = 0; j < Math.min(MAX_CANDIDATES, this.rankCount); j++) {
      const doc = this.rankDocs[j]!;
      if (this.procedures[doc]!.prior < 1 && this.rankScores[j]! >= this.rankScores[0]! * this.offerShare) docs[count++] = doc;
    }
    if (count === 0) return false;
    const pq = this.procQuery;
    if (this.leaderPostings.length < count * pq.count) this.leaderPostings = new Int32Array(2 * count * pq.count);
    this.procIndex.locate(docs, count, pq.ids, pq.count, this.leaderPostings);
    for (let c = 0; c < count; c++) {
      // Below a curated leader, words common to many procedures ("người", "chưa") are no evidence.
      const maxDf = this.procIndex.docCount * (docs[c] === this.rankDocs[0] ? 1 : COMMON_FEATURE_SHARE);
      if (this.matchedWeight(c * pq.count, maxDf) >= CATALOGUE_EVIDENCE) return true;
    }
    return false;
  }

  /**
   * The query weight of the features one located procedure matches (its postings from `at` in leaderPostings),
   * leaving out features in more than `maxDf` procedures: one syllable and its accents weigh 1.5, two syllables 2.
   */
  private matchedWeight(at: number, maxDf: number): number {
    const pq = this.procQuery;
    let weight = 0;
    for (let q = 0; q < pq.count; q++) {
      const id = pq.ids[q]!;
      if (this.leaderPostings[at + q]! >= 0 && this.procIndex.docFreq[id]! <= maxDf) weight += pq.weights[q]! * (1 + this.phraseFeature[id]!);
    }
    return weight;
  }

  /**
   * A catalogue procedure is answered only when the message names it: most of its official name or of one
   * of its everyday names. Its other words (record texts, the field's words) say what it is about, which
   * is reason to offer it, not to answer it.
   */
  private catalogueNamed(doc: number): boolean {
    return this.procedures[doc]!.prior >= 1 || this.nameMatch(doc, 1) >= this.catalogueNameShare;
  }

  /**
   * Near-twins (the same procedure at another level, or its re-issue, exchange, amendment or extension) are
   * asked about, never guessed: the leader is not answered when a close runner-up's name shares most of its
   * words and the message does not name what sets the leader apart ("lại", "đổi", "gia hạn", "cấp tỉnh"), or
   * names only what sets the runner-up apart.
   */
  private twinUnnamed(candCount: number): boolean {
    const top = this.rankDocs[0]!;
    // A curated page is the default for what its name says: its own phrasings tell it from its variants.
    if (this.procedures[top]!.prior >= 1) return false;
    const ownAt = this.nameAt(top);
    if (ownAt < 0) return false;
    const data = this.titles.data;
    const marks = this.procQuery.marks;
    const { ownMarks, theirMarks } = this;
    const ownEnd = ownAt + 2 + 2 * data[ownAt]!;
    const ownCount = data[ownAt]!;
    const ownTotal = data[ownAt + 1]!;
    for (let i = ownAt + 2; i < ownEnd; i += 2) ownMarks[data[i]!] = 1;
    const floor = this.rankScores[0]! * TWIN_FLOOR;
    let twin = false;
    for (let j = 1; j < candCount && this.rankScores[j]! >= floor && !twin; j++) {
      const other = this.rankDocs[j]!;
      const at = this.nameAt(other);
      if (at < 0) continue;
      const end = at + 2 + 2 * data[at]!;
      // Title weights are per word, so the shared weight is the same counted on either name.
      let shared = 0;
      let sharedCount = 0;
      let theirNamed = false;
      for (let i = at + 2; i < end; i += 2) {
        const id = data[i]!;
        theirMarks[id] = 1;
        if (ownMarks[id] === 1) {
          shared += data[i + 1]!;
          sharedCount++;
        } else if (marks[id] === 1 && this.procIndex.informative(id)) theirNamed = true;
      }
      let ownNamed = false;
      for (let i = ownAt + 2; i < ownEnd; i += 2) if (theirMarks[data[i]!] === 0 && marks[data[i]!] === 1) ownNamed = true;
      for (let i = at + 2; i < end; i += 2) theirMarks[data[i]!] = 0;
      if (shared < TWIN_OVERLAP * Math.min(ownTotal, data[at + 1]!)) continue;
      if (ownNamed) continue;
      // A catalogue procedure is answered only as named.
      twin = theirNamed || sharedCount < ownCount;
    }
    for (let i = ownAt + 2; i < ownEnd; i += 2) ownMarks[data[i]!] = 0;
    return twin;
  }

  /** Where a procedure's name (its first title) starts in TitleTable.data, or -1 when it has no title. */
  private nameAt(doc: number): number {
    const at = this.titles.docStart[doc]!;
    return this.titles.data[at]! > 0 ? at + 1 : -1;
  }

  /**
   * A curated page is not answered from a weak coverage while a catalogue procedure is among the three leaders:
   * the message says much the page does not, and the official catalogue may hold what it asks for (a variant,
   * a neighbouring procedure). The citizen is offered both.
   */
  private curatedUnsure(covP: number, candCount: number, ruledOut: number): boolean {
    if (covP >= CURATED_SURE || this.procedures[this.rankDocs[0]!]!.prior < 1) return false;
    const floor = this.rankScores[0]! * CATALOGUE_RIVAL_SHARE;
    // The twins ruled out stood among the leaders: a catalogue procedure does not come closer for their leaving.
    for (let j = 1; j < Math.min(MAX_CANDIDATES - ruledOut, candCount); j++) if (this.procedures[this.rankDocs[j]!]!.prior < 1 && this.rankScores[j]! >= floor) return true;
    return false;
  }

  private isPending(doc: number, pending: readonly string[]): boolean {
    return pending.includes(this.procedures[doc]!.id);
  }

  /** Runners-up from rank `from` scoring at least `minShare` of the best, as clarification candidates. */
  private alternatives(from: number, count: number, minShare: number, selfP: number): Alternative[] {
    const out: Alternative[] = [];
    const p1 = this.rankScores[0]!;
    for (let j = from; j < count && out.length < MAX_CANDIDATES; j++) {
      const s = this.rankScores[j]!;
      if (s < p1 * minShare) break;
      out.push(this.alternative(this.rankDocs[j]!, s, selfP));
    }
    return out;
  }

  private ref(doc: number): ProcedureRef {
    const p = this.procedures[doc]!;
    return { procedureId: p.id, nationalCode: p.nationalCode ?? null };
  }

  private alternative(doc: number, score: number, selfP: number): Alternative {
    return { ...this.ref(doc), confidence: round(Math.min(1, score / selfP)) };
  }

  private procedure(id: string): MatchTarget | undefined {
    const d = this.procedureDoc.get(id);
    return d === undefined ? undefined : this.procedures[d];
  }

  private result(text: string, u: Partial<Understanding> & Pick<Understanding, 'decision' | 'intent' | 'confidence'>): Understanding {
    return {
      text,
      decision: u.decision,
      intent: u.intent,
      intentId: u.intentId ?? null,
      procedureId: u.procedureId ?? null,
      nationalCode: u.procedureId ? (this.procedure(u.procedureId)?.nationalCode ?? null) : null,
      aspect: u.aspect ?? null,
      dossierCode: u.dossierCode ?? null,
      confidence: u.confidence,
      alternatives: u.alternatives ?? [],
      language: u.language ?? 'vi',
      languageDetected: u.languageDetected ?? true,
      choice: u.choice ?? null,
      followUp: u.followUp ?? false,
      ...(u.narrow ? { narrow: true } : {}),
      // Not for an answer: it names its procedure itself.
      ...(this.namedLeader && !(u.decision === 'answer' && u.intent === 'procedure') ? { aboutProcedureId: this.namedLeader } : {}),
      entities: u.entities ?? {},
    };
  }
}

/** Builds the matcher for one version of the knowledge base (all precomputation happens here). */
export function buildMatcher(kb: KnowledgeBase, options: MatcherOptions = {}): Matcher {
  const matcher = new VietnameseMatcher(kb, options);
  const curated = new Set(kb.procedures.map((p) => p.id));
  // A name said in full settles a clarification first; the case readings below may still ask (an age, a lost register).
  // The joint filings' parts, read once: the names' readings and the part left to do both weigh them.
  const joints = jointParts(kb, (text) => matcher.expandedWords(text));
  const stories = withNamesSaid(withLongMessages(matcher, { aspectOf: (text) => matcher.aspectOf(text), curated: (id) => curated.has(id), twins: (a, b) => matcher.twins(a, b), holds: (id, text) => matcher.holdsWordsOf(id, text) }), kb, (text) => matcher.expandedWords(text), (text) => matcher.aspectOf(text), joints);
  const records = { of: (id: string) => matcher.reRegistrationOf(id), all: matcher.reRegistrations(), named: (folded: readonly string[]) => matcher.reRegistrationNamed(folded), copy: matcher.recordCopy() };
  const paperLost = withPaperLost(withRegisterLost(stories, records), records);
  const originalLost = withOriginalLost(paperLost, matcher.copyProcedures());
  const oldAge = withOldAgeAllowance(originalLost, matcher.oldAgeAllowances());
  const residence = withResidenceKindUnsaid(withHouseholdBookGone(oldAge, matcher.residenceConfirmation()), matcher.deregistrations());
  const business = withJobLeft(withPovertyAsStanding(withDeathTold(withBusinessStage(residence, matcher.householdBusinessStages()), matcher.deathProcedures()), matcher.povertyRecognition()), matcher.jobLeftProcedures());
  const forChild = withChildAgeUnsaid(business, (id) => matcher.agePairOf(id));
  const conditions = withConditions(withBirthParentage(forChild, matcher.combinedProcedure()), (a, b) => matcher.twinsOrAgePair(a, b));
  const understood = withQuestionAfterLanguage(withQuestionSentenceCarried(withPurposeDropped(withRequestClarified(conditions, matcher, { curated: (id) => curated.has(id) }))));
  // A correction opening with what was not meant is read without it, every reading above included.
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const placeless = withoutClosingVocative(withoutVietnamesePlaceNames(withoutEnglishPlaceNames(text)));
      if (placeless !== text) return { ...this.understand(placeless, context), text };
      const meant = afterDenial(text) ?? withoutDeniedTail(text) ?? rightOneSaid(text);
      const u = meant === null ? understood.understand(text, context) : { ...understood.understand(meant, context), text };
      // A circumstance of the people told in this message or earlier in the conversation ("chồng chị người Hàn",
      // then "đăng ký kết hôn cần gì"): a plain procedure answered is its twin in that circumstance.
      const said = matcher.circumstancesIn(meant ?? text);
      // A parent or spouse said to be Vietnamese ("lộn, cha nó người Việt") takes back the foreign element told before.
      // The message's words read once, for the readings below that need them (the spelling repaired, synonyms joined).
      const expanded = matcher.expandedWords(meant ?? text);
      const undone = said.length === 0 && (context.circumstances?.length ?? 0) > 0 && VIETNAMESE_SAID.test(` ${expanded.join(' ')} `);
      const known = undone ? [] : [...new Set([...said, ...(context.circumstances ?? [])])];
      // A circumstance told alone right after a procedure that has a twin in it ("À quên, bạn trai em là người Pháp, quen
      // hồi ảnh đi du lịch" after marriage registration), read as nothing sure: that twin, asked as the last one was.
      const unsure = u.decision === 'fallback' || (u.decision === 'clarify' && u.intent === 'procedure');
      const last = context.lastProcedureId;
      const toldTwin = said.length > 0 && unsure && last && (context.pendingCandidates?.length ?? 0) === 0 ? matcher.inCircumstances({ ...u, decision: 'answer', intent: 'procedure', procedureId: last }, said) : null;
      const told = toldTwin ? { ...toldTwin, intentId: null, aspect: context.lastAspect ?? 'overview', alternatives: [], followUp: true } : null;
      const inCase = told ?? ((known.length > 0 && matcher.inCircumstances(u, known)) || (undone && matcher.outOfCircumstances(u, context.circumstances!)) || u);
      // A joint filing read while one of its parts is said already had: the part named that is left to do.
      const left = partLeftOfJoint(inCase, joints, (t) => matcher.expandedWords(t));
      const joined = left === null ? inCase : { ...inCase, procedureId: left, nationalCode: kb.procedures.find((p) => p.id === left)?.nationalCode ?? null, alternatives: [], narrow: true };
      // The age of the person the card is for, said now or earlier (stated-case.ts).
      const settled = withAgeOfPerson(joined, meant ?? text, context.ageTold, (id, age) => matcher.procedureForAge(id, age));
      const age = ageSaid(expanded);
      const remembered = age !== null ? { ...settled, ageSaid: age } : settled;
      if (undone) return { ...remembered, circumstancesUndone: true };
      return said.length > 0 ? { ...remembered, circumstancesSaid: said } : remembered;
    },
  };
}
