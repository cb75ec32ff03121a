import type { Analysis } from './analyse.js';
import { genericMask, type CompiledLexicon, type Tokens } from './lexicon.js';
import { foldDiacritics, normaliseText } from './normalise.js';

/**
 * Whether a message has a topic of its own, or leans on the conversation: the words that could name a need,
 * and the signs that it continues the last answer ("thế", "còn … thì sao", "cái đó", a yes/no question).
 * Only a message without words of its own may inherit the previous procedure.
 */
export interface TopicSignals {
  /** Content words that may name a need: not generic, not pointing back, not a number. */
  ownWords: string[];
  /** The same words as typed, accents kept ('' where a synonym stands for several). */
  ownAccented: string[];
  /** Content words other than those pointing back (generic ones count): the message says something itself. */
  saysSomething: boolean;
  /** A word that points back to the conversation ("thế", "còn", "cái đó", "ý tôi là", "nhầm"). */
  refersBack: boolean;
  /** Ends as a yes/no question ("… được không", "… chưa"): asks about a condition of what was said. */
  yesNo: boolean;
  /** Mentions a generic word ("thủ tục", "giấy tờ", "hồ sơ", "cho con") or asks an aspect. */
  mentionsNeed: boolean;
  /** Every syllable is generic or a stopword ("hồ sơ", "giấy tờ cho mẹ"): nothing but a wish to ask. */
  onlyGeneric: boolean;
  /** Asks about a subject ("thủ tục về hộ khẩu", "hỏi về bảo hiểm xã hội"), not one procedure. */
  about: boolean;
  /** Says what is to be done ("đăng ký", "cấp"): a name said with it is that procedure, not its family. */
  saysAction: boolean;
  /** Says a filing verb ("nộp", "làm", "xin", "đăng ký"): "nộp ở đâu" asks where a procedure is filed, not an office. */
  saysFiling: boolean;
  /** Asks whether a case differs ("… cho trẻ em có khác không", "sinh viên có được giảm không"): a condition. */
  asksDifference: boolean;
  /** Says the subject changes ("thôi hỏi cái khác", "chuyện khác nha", "another question"): nothing carries over. */
  changesSubject: boolean;
  /** Corrects what was said ("xin lỗi, …", "không phải, ý tôi là …", "nhầm", "à không"). */
  corrects: boolean;
}

/** Words that correct or amend the message before, folded ("lộn" is Southern for "nhầm"; "quên nói", "ấy chết", "tôi định hỏi"). */
const CORRECTION = / (khong phai|nham|xin loi|y (toi|em|minh|tui|con|chau) la|a (khong|ko|k|hong)|a nham|lon roi|noi lai|quen noi|ay chet|(toi|em|minh|tui|con|chau) dinh hoi|i mean|sorry) /;

/** "hỏi cái khác", "sang chuyện khác", "another question", folded. */
const SUBJECT_CHANGE = / ((hoi|noi|sang|qua) (cai|chuyen|viec|cau|van de|thu) khac|chuyen khac|viec khac|another (question|topic|thing)|something else|different (question|topic)) /;

/** The first clause of a message, up to its first punctuation mark (bounded: the clause that opens it is short). */
const OPENING_CLAUSE = /^([^,.;:!?\n]{1,60})[,.;:!?\n]+(.*)$/s;

/**
 * What follows an opening clause that only changes the subject ("Thôi hỏi cái khác, tuần này trời có mưa
 * không?"): the new question, to be read as if the conversation started there; null when the message does not
 * open so or says nothing after it.
 */
export function afterSubjectChange(text: string): string | null {
  const m = OPENING_CLAUSE.exec(text);
  if (!m) return null;
  const rest = m[2]!.trim();
  return rest !== '' && SUBJECT_CHANGE.test(` ${foldDiacritics(normaliseText(m[1]!))} `) ? rest : null;
}

/**
 * A closing clause that says what is not meant ("lập doanh nghiệp chứ không phải hộ kinh doanh", "thuoc la chu ko
 * phai ruou", "tobacco, not alcohol"), to its end or the next sentence mark: its words name the procedure that is
 * not wanted. A clause after it ("…, không có giấy báo tử thì sao") is kept.
 */
const DENIED_TAIL = /(?<![\p{L}\p{N}])(?:(?:chứ|chu|chớ) (?:không|khong|ko|k|hông|hong|hổng|khg) (?:phải|phai)|rather than)(?![\p{L}\p{N}])[^.;!?\n,]*|, ?not [^.;!?\n,]*$/iu;
/** A denial closes a short message; a long one is a story, read clause by clause elsewhere (and kept linear here). */
const MAX_DENIAL_TEXT = 300;

/** The message without a closing clause that says what is not meant; null when it has none or nothing before it. */
export function withoutDeniedTail(text: string): string | null {
  if (text.length > MAX_DENIAL_TEXT) return null;
  const spaced = text.replace(/\s+/g, ' ');
  const m = DENIED_TAIL.exec(spaced);
  if (!m || m.index === 0) return null;
  const kept = (spaced.slice(0, m.index) + spaced.slice(m.index + m[0].length)).replace(/[\s,]+$/, '').trim();
  return kept === '' ? null : kept;
}

/** An opening clause that only owns a slip ("à lộn", "ơ nhầm"), folded. */
const SLIP_OWNED = /^(?:(?:a|o|u|ua|ay|oi|thoi) )?(?:(?:hoi|go|bam|viet) )?(?:lon|nham|xin loi|sorry)(?: (?:lon|nham|roi|a))?$/;

/** An opening clause that only says what was not meant ("không phải kết hôn", "not the marriage"), folded. */
const DENIAL = /^(?:(?:a|a khong|da|ua) )?(?:khong phai|ko phai|k phai|hong phai|not)(?: (?:la|cai|thu tuc|the))?( \S+){1,5}$/;

/**
 * What follows an opening clause that only denies what the bot took the citizen to mean ("không phải kết hôn,
 * tụi em cưới rồi, giờ làm khai sinh cho con"): the correction, read without the denied words (they name the
 * procedure that is not wanted), still as a correction; null when the message does not open so.
 */
export function afterDenial(text: string): string | null {
  const m = OPENING_CLAUSE.exec(text);
  if (!m) return null;
  const rest = m[2]!.trim();
  // A slip owned first ("à lộn, không phải lệ phí, em hỏi …"): the denial is the next clause.
  if (rest !== '' && SLIP_OWNED.test(foldDiacritics(normaliseText(m[1]!)))) {
    const denied = afterDenial(rest);
    if (denied !== null) return denied;
    // Slips owned one after another ("ủa lộn, hỏi nhầm, tui muốn hỏi lệ phí"): what follows the last is what was meant.
    const next = OPENING_CLAUSE.exec(rest);
    return next && next[2]!.trim() !== '' && SLIP_OWNED.test(foldDiacritics(normaliseText(next[1]!))) ? `ý tôi là ${next[2]!.trim()}` : null;
  }
  if (rest === '' || !DENIAL.test(foldDiacritics(normaliseText(m[1]!)))) return null;
  return `${/^not\b/i.test(m[1]!.trim()) ? 'I mean' : 'ý tôi là'} ${rest}`;
}

/**
 * "… mới đúng", "… mới phải", "… mới là cái tôi hỏi" closing a clause: what was meant, said after a wrong reading
 * ("xóa thường trú ở quê mới đúng", "nộp ở đâu mới là cái tau hỏi").
 */
const RIGHT_ONE =
  /(?<![\p{L}\p{N}])(?:mới|moi) (?:đúng|dung|phải|phai|là (?:cái|cai|điều|dieu|thứ|thu) (?:tôi|toi|tui|tau|em|mình|minh|bác|bac|cháu|chau|con) (?:muốn hỏi|muon hoi|cần hỏi|can hoi|hỏi|hoi|cần|can))(?=\s*(?:[,.;!?]|$))/iu;
/** An opening that only takes the reading back ("à không,", "ko,"), before what was meant. */
const TAKEN_BACK = /^\s*(?:(?:à|a|ờ|ơ|ừ|dạ|da)\s+)?(?:không|khong|ko|hông|hong)\s*,\s*/iu;

/**
 * A correction that says what was meant by closing it with "mới đúng" ("à không, xóa thường trú ở quê mới đúng, để
 * nhập vào Bình Dương"): read as "ý tôi là …" without the marker; null when the message has none.
 */
export function rightOneSaid(text: string): string | null {
  if (text.length > MAX_DENIAL_TEXT) return null;
  const m = RIGHT_ONE.exec(text);
  if (!m) return null;
  const said = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(TAKEN_BACK, '').replace(/\s+/g, ' ').trim();
  return said === '' ? null : `ý tôi là ${said}`;
}

/** "có khác không", "có được giảm/miễn không": a case compared with what was answered, folded. */
const DIFFERENCE = / (co khac|khac khong|khac ko|co duoc (giam|mien)|duoc (giam|mien) khong) /;

/** The generic verbs of procedure names: "đăng ký giám hộ" is one procedure, "thủ tục giám hộ" a family ("làm khai sinh" is a request too). */
const ACTION_WORDS = new Set(['dang', 'ky', 'cap', 'lam']);
/** Verbs of filing, as typed or folded. */
const FILING_VERBS = new Set(['nop', 'lam', 'xin', 'dang', 'submit', 'apply', 'file']);

const NUMBER = /^\d+$/;
/** "về" after these opens a subject: "thủ tục về …", "hỏi về …", "thông tin về …" ("liên quan đến" is rewritten to "về"). */
const ABOUT_AFTER = new Set(['thutuc', 'hoi', 'tin']);
/** Last words of a yes/no question, as typed ("được không", "được ko", "xong chưa"). */
const YES_NO_ENDINGS = new Set(['khong', 'ko', 'k', 'kg', 'hok', 'khg', 'chua', 'hong', 'hem']);

/** Courtesy words a question may close with: particles and how the bot is addressed. */
const CLOSING_COURTESY = new Set(['a', 'ah', 'nhe', 'nha', 'ha', 'ad', 'anh', 'chi', 'em', 'ban', 'oi', 'admin', 'bot', 'chau', 'bac', 'nhen', 'hen', 'vay']);

/** Spellings of "không" as spoken in the South or typed short, which the stopwords do not hold ("hỏng" folds to "hong" too). */
const SPOKEN_NO = new Set(['hong', 'hem', 'hok', 'khg']);

/**
 * "… được không hay …", "… có được không thôi", "có bắt buộc cả hai cùng lên không hay một người đi cũng được": a
 * yes/no question that does not end the message.
 */
function asksYesNoWithin(folded: readonly string[]): boolean {
  for (let i = 0; i + 1 < folded.length; i++) {
    if (folded[i] === 'duoc' && YES_NO_ENDINGS.has(folded[i + 1]!)) return true;
    if (YES_NO_ENDINGS.has(folded[i]!) && folded[i + 1] === 'hay' && folded.slice(0, i).includes('co')) return true;
  }
  return false;
}

/** Spelt as a word that points back ("còn", "thế", "xong"). */
export function isReference(folded: string, accented: string, lex: CompiledLexicon): boolean {
  return lex.references.get(folded)?.has(accented) === true;
}

/** Typed without accents (or rewritten by the lexicon), a word that may be one that points back ("con": "còn" or a child). */
function mayBeReference(folded: string, accented: string, lex: CompiledLexicon): boolean {
  return lex.references.has(folded) && (accented === '' || accented === folded || lex.references.get(folded)!.has(accented));
}

/** The message opens with a word that points back, accents or not ("thế nộp ở đâu", "the nop o dau"). */
export function opensWithReference(tokens: Tokens, lex: CompiledLexicon): boolean {
  return tokens.folded.length > 0 && mayBeReference(tokens.folded[0]!, tokens.accented[0]!, lex);
}

/** A word pointing back anywhere, or one typed without accents that opens the message ("con le phi thi sao", "the nop o dau"). */
function anyReference(tokens: Tokens, lex: CompiledLexicon): boolean {
  for (let i = 0; i < tokens.folded.length; i++) {
    // "con cái" is children, no "cái đó".
    if (tokens.folded[i] === 'cai' && tokens.folded[i - 1] === 'con') continue;
    if (isReference(tokens.folded[i]!, tokens.accented[i]!, lex)) return true;
    if (i === 0 && mayBeReference(tokens.folded[0]!, tokens.accented[0]!, lex)) return true;
  }
  return false;
}

export function topicSignals(a: Analysis, lex: CompiledLexicon): TopicSignals {
  const ownWords: string[] = [];
  const ownAccented: string[] = [];
  let saysSomething = false;
  const { folded, accented } = a.content;
  const contentGeneric = genericMask(a.content, lex);
  // The spoken "không" that ends a yes/no question ("… có phải đóng tiền hông/hem") names nothing.
  const lastTyped = a.original.folded[a.original.folded.length - 1];
  for (let i = 0; i < folded.length; i++) {
    const f = folded[i]!;
    if (mayBeReference(f, accented[i]!, lex)) continue;
    if (i === folded.length - 1 && f === lastTyped && SPOKEN_NO.has(f)) continue;
    // Nor does a closing "thôi" ("em chỉ hỏi lệ phí thôi"): "only", not "thôi việc".
    if (i === folded.length - 1 && f === lastTyped && f === 'thoi') continue;
    saysSomething = true;
    if (!contentGeneric[i] && !NUMBER.test(f)) {
      ownWords.push(f);
      ownAccented.push(accented[i]!);
    }
  }
  // Generic words are often stopwords too ("thủ tục", "làm", "hỏi"): look for them among all the words.
  const spoken = a.spoken;
  const spokenGeneric = genericMask(spoken, lex);
  let mentionsGeneric = false;
  let onlyGeneric = spoken.folded.length > 0;
  for (let i = 0; i < spoken.folded.length; i++) {
    const f = spoken.folded[i]!;
    const generic = spokenGeneric[i]!;
    if (generic) mentionsGeneric = true;
    else if (!lex.stopwords.has(f) || mayBeReference(f, spoken.accented[i]!, lex)) onlyGeneric = false;
  }
  // As typed: a repaired or expanded last word is not what the citizen ended with. Courtesy words after the
  // question ("… có mặt ko ạ", "… được không anh") do not end it.
  const typedWords = a.original.folded;
  let end = typedWords.length;
  while (end > 1 && CLOSING_COURTESY.has(typedWords[end - 1]!)) end--;
  const last = typedWords[end - 1];
  let about = false;
  for (let i = 0; i < spoken.folded.length && !about; i++) {
    const accented = spoken.accented[i]!;
    about = spoken.folded[i] === 've' && (accented === '' || accented === 've' || accented === 'về') && (i === 0 || ABOUT_AFTER.has(spoken.folded[i - 1]!));
    // "hỏi về đăng ký kết hôn" names what is to be done: a procedure, not a subject.
    if (about && ACTION_WORDS.has(spoken.folded[i + 1] ?? '')) about = false;
  }
  let saysAction = false;
  let saysFiling = false;
  spoken.folded.forEach((f, i) => {
    // "làm việc" is working hours ("mấy giờ làm việc"), not doing a procedure.
    if (f === 'lam' && spoken.folded[i + 1] === 'viec') return;
    saysAction ||= ACTION_WORDS.has(f);
    saysFiling ||= FILING_VERBS.has(f);
  });
  // As typed, padded so the patterns' spaces match at either end.
  const typed = ` ${a.original.folded.join(' ')} `;
  return {
    about,
    saysAction,
    saysFiling,
    asksDifference: DIFFERENCE.test(typed),
    changesSubject: SUBJECT_CHANGE.test(typed),
    corrects: CORRECTION.test(typed),
    ownWords,
    ownAccented,
    saysSomething,
    refersBack: anyReference(spoken, lex),
    yesNo: (last !== undefined && YES_NO_ENDINGS.has(last)) || asksYesNoWithin(a.original.folded),
    mentionsNeed: mentionsGeneric || a.aspectHits.length > 0,
    onlyGeneric: onlyGeneric && mentionsGeneric,
  };
}
