/**
 * Vietnamese or English, from the words themselves. Vietnamese is the default: a message in English must
 * show English function words; loanwords Vietnamese people type every day (online, link, ok, passport)
 * do not count.
 */

const ENGLISH = new Set(
  `a an the i my me we our you your he she it they is are am was were be been do does did can could would should will
  how what where when which who why much many long need needs get got apply applying register registering renew
  to for of in on at from with by about and or not no yes please thanks thank hello hi hey help want wanna
  have has had there this that these those if if my mine any some documents document fee fees cost costs pay
  certificate card license licence birth death marriage married marry residence permanent temporary address
  land building permit business household criminal record copy copies signature id identity insurance health
  social allowance school transfer lost replace change status check track follow unfollow application file
  office submit submission take takes days day time steps process procedure result results english vietnamese
  language speak talk person human staff officer agent thanks bye goodbye weather gold price lottery job jobs divorce
  good morning afternoon evening helpful very cheers`
    .split(/\s+/)
    .filter(Boolean),
);

/** Syllables that are Vietnamese even without diacritics and never English words. */
const VIETNAMESE = new Set(
  `la lam cho toi em anh chi minh khong ko k gi j bao nhieu o dau duoc dc can giay to thu tuc dang ky dk nop phi le
  ho so xin hoi voi nhe nha a oi nhu the nao ntn roi chua sao vay va cua ve tai nguoi con cai ong ba mat may ngay
  khai sinh tu ket hon cu tru tam thuong cuoc dat xe bang lai kinh doanh giup chao cam on hs tra cuu`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Spellings only Vietnamese syllables have, typed without diacritics: "ngh", "nh" or "kh" before a vowel, and
 * endings such as "iep", "ieu", "uong", "uoc", "uyen" ("that nghiep", "khong biet", "thuong binh").
 */
const VIETNAMESE_SHAPE = /^(?:ngh|nh|kh|ng(?=[aeiouy]))|(?:iep|iet|ieu|ien|ieng|uong|uoc|uoi|uon|uot|uyen|uyet|oai|oan|oang|uan)$/;

/** Loanwords Vietnamese people type in Vietnamese messages too ("ok thanks ad"): alone they show no language. */
const NEUTRAL = new Set(['thanks', 'thank', 'hi', 'hello', 'bye', 'ok', 'okay']);

export type Language = 'vi' | 'en';

/**
 * `accented` and `folded` are the aligned syllables of the message. Null when the message shows neither
 * language ("2", "ok", a dossier code): the conversation's language then stands.
 */
export function detectLanguage(accented: string[], folded: string[]): Language | null {
  let en = 0;
  let vi = 0;
  for (let i = 0; i < folded.length; i++) {
    const f = folded[i]!;
    if (accented[i] !== f) {
      vi += 2;
      continue;
    }
    if (NEUTRAL.has(f)) continue;
    const isEn = ENGLISH.has(f);
    // A shape no English word has is as telling as a diacritic.
    if (!isEn && VIETNAMESE_SHAPE.test(f)) {
      vi += 2;
      continue;
    }
    const isVi = VIETNAMESE.has(f);
    if (isEn && !isVi) en++;
    else if (isVi && !isEn) vi++;
  }
  if (en === 0 && vi === 0 && folded.some((f) => ENGLISH_GREETING.has(f)) && folded.every((f) => ENGLISH_GREETING.has(f) || GREETING_TAIL.has(f))) return 'en';
  return en > vi ? 'en' : vi > en ? 'vi' : null;
}

/** A greeting in English and nothing else ("Hi", "hello there") opens an English conversation. */
const ENGLISH_GREETING: ReadonlySet<string> = new Set(['hi', 'hello', 'hey']);
const GREETING_TAIL: ReadonlySet<string> = new Set(['there', 'all', 'everyone']);

/** A language by name, folded: group 1 English, group 2 Vietnamese. */
const LANGUAGE_NAME = '(?:(tieng anh|english)|(tieng viet|vietnamese))';
/**
 * Verbs of the conversation itself. A language named just after one is the language to talk in ("chat tiếng Anh
 * được không", "could you explain in English"); after anything else it is a document's ("giấy tờ tiếng Anh").
 */
const TALK_VERB =
  '(?:chat|nhan tin|nhan|noi|noi chuyen|tra loi|rep|giai thich|hoi|dung|su dung|(?<!tieng )viet|chuyen sang|chuyen qua|doi sang|doi qua|answer|reply|respond|explain|speak|talk|write|communicate|use|switch to|continue)';
const LANGUAGE_REQUEST = new RegExp(` ${TALK_VERB}(?: \\S+){0,2} ${LANGUAGE_NAME}(?= )`, 'g');
/** A translation or a certified copy is about a document's language, never the conversation's. */
const DOCUMENT_LANGUAGE = / (dich|ban dich|translate|translated|translation|translator|chung thuc|cong chung|notari[sz]e\w*|certif\w*) /;

/**
 * The language a message asks the bot to talk in, said with a verb of talking ("em ơi chat tiếng Anh đc ko",
 * "can u answer in english pls"); null when it asks none. Folded words; the last such request wins.
 */
export function readLanguageRequest(folded: readonly string[]): Language | null {
  const t = ` ${folded.join(' ')} `;
  if (DOCUMENT_LANGUAGE.test(t)) return null;
  let found: Language | null = null;
  for (const m of t.matchAll(LANGUAGE_REQUEST)) found = m[1] ? 'en' : 'vi';
  return found;
}
