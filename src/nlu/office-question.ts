/**
 * A question about an office itself (where it is, its phone or Zalo, its hours), told from the shape of the
 * sentence: an office named as the subject of "ở đâu", "số điện thoại", "mấy giờ" ("công an xã ở chỗ nào",
 * "địa chỉ phòng xuất nhập cảnh", "mấy giờ bộ phận một cửa nghỉ trưa"). It is a contact question whatever
 * procedure the rest of the message names ("…, tui muốn làm căn cước"): no procedure answer holds an address,
 * a phone number or opening hours. Where a procedure is filed ("làm căn cước ở đâu", "nộp ở công an xã hả")
 * names no office as a subject and stays the procedure's question.
 * Read on the folded words after abbreviations ("sdt" → "so dien thoai", "o mo" → "o dau").
 */
export type OfficeFacet = 'address' | 'phone' | 'hotline' | 'hours';

/**
 * Offices citizens deal with, the commune officials who stand for one ("cán bộ tư pháp"), and "chỗ đó" pointing
 * back to the place just answered ("chỗ đó mở cửa mấy giờ"). "sổ/thẻ BHXH" is a booklet or a card, not the agency.
 */
const OFFICE =
  '(?:cong an (?:xa|phuong|huyen|tinh|thi tran|dac khu)|so (?:tu phap|giao duc(?: va dao tao)?|y te|noi vu|tai nguyen(?: va moi truong)?|xay dung|lao dong(?: thuong binh(?: va xa hoi)?)?|cong thuong|nong nghiep(?: va moi truong)?|ke hoach(?: va dau tu)?|tai chinh|van hoa)|(?:tru so )?(?:ubnd|uy ban(?: nhan dan)?)(?: xa| phuong| huyen| tinh| dac khu)?|bo phan (?:mot cua|tiep nhan(?: ho so)?|tu phap(?: ho tich)?)|phong tu phap|(?:can bo|cong chuc) (?:tu phap(?: ho tich)?|dia chinh(?: xay dung)?|van hoa xa hoi|lao dong thuong binh(?: va xa hoi)?|mot cua)|(?:phong|quay) mot cua|van phong dang ky dat dai|chi nhanh van phong dang ky|(?<!so |the )(?:bhxh|bao hiem xa hoi) (?:huyen|tinh|xa|quan|thi xa)|(?<!so |the )(?:bhxh|bao hiem xa hoi)(?= (?:co so|co tru so|dia chi|so dien thoai|zalo))|co quan (?:bhxh|bao hiem xa hoi)|phong (?:quan ly )?xuat nhap canh|trung tam (?:phuc vu )?hanh chinh cong|(?:public )?administrat(?:ion|ive) (?:services? )?(?:centre|center)|public services? (?:centre|center)|trung tam dich vu viec lam|(?:xa |phuong |commune |ward |one stop )?office|cho (?:do|ay)|noi (?:do|ay)|ben (?:do|no|to|kia|ay)|can bo (?:do|ay|nay|phu trach)|people s committee|police station)';

/**
 * Words that may stand between the office and what is asked of it without changing the question ("công an xã
 * [mình] [có] zalo không", "ủy ban [xã] [nằm] ở đâu"); a content word between them ("cập nhật địa chỉ [lên] công
 * an xã") makes it another sentence.
 */
const FILLER = '(?:(?:xa|phuong|huyen|tinh|minh|nay|do|vay|a|oi|thi|la|co|nam|dang|hien|ben|cua|toi|tui|em|the|o|of|local)\\s)';

/** What is asked of the office, said after it ("… ở chỗ nào", "… có zalo không", "… làm việc mấy giờ"). */
const AFTER: [RegExp, OfficeFacet][] = [
  [new RegExp(`^${FILLER}{0,3}(?:o dau|o cho nao|cho nao|o tang may|tang may|phong nao|dia chi|where|address)\\b`), 'address'],
  [new RegExp(`^${FILLER}{0,3}(?:co so|tru so) (?:o dau|o cho nao)\\b`), 'address'],
  // Moved, after a merger of communes ("… chỗ Thanh Xuân cũ giờ chuyển về đâu", "… làm việc ở trụ sở nào"): a place
  // name may stand between.
  [/^(?:\S+\s){0,5}(?:chuyen|doi|don) (?:(?:tru so|dia diem|van phong|cho lam viec) )?(?:ve|sang|den|toi|qua) (?:dau|cho nao|tru so nao)\b/, 'address'],
  [/^(?:\S+\s){0,5}(?:chuyen|doi|don) (?:ve|sang|den|toi|qua) (?:tru so|dia diem|van phong|cho lam viec)(?: moi)? (?:o dau|o cho nao|nao)\b/, 'address'],
  [/^(?:\S+\s){0,5}(?:lam viec|dat|dong) (?:o|tai) (?:tru so|dia diem|cho) nao\b/, 'address'],
  [/^(?:\S+\s){0,5}nam o (?:dau|cho nao)\b/, 'address'],
  // Its seat after the merger ("… mới sau sáp nhập đặt ở đâu").
  [/^(?:\S+\s){0,7}(?:dat|dong) (?:o|tai) (?:dau|cho nao)\b/, 'address'],
  [/^(?:\S+\s){0,5}(?:nam|o) (?:duong|pho|so nha) nao\b/, 'address'],
  // A place name after the office, the question closing the message ("chi nhánh văn phòng đăng ký đất đai Bình Long ở
  // đâu vậy"); a filing verb between makes it where a procedure is filed.
  [/^(?:(?!(?:nop|lam|xin|cap|dang|ky|gui)\s)\S+\s){0,4}(?:o dau|o cho nao)(?: (?:vay|a|ha|the|nhi|ad|nhe|nha|ak))*$/, 'address'],
  // Hours asked after a place name ("UBND phường Tân Lập ở Buôn Ma Thuột làm việc từ mấy giờ").
  [/^(?:\S+\s){0,7}(?:lam viec (?:tu |den )?(?:may gio|gio nao)|gio lam viec|mo cua (?:tu )?(?:may gio|gio nao))\b/, 'hours'],
  [new RegExp(`^${FILLER}{0,3}(?:so dien thoai|zalo|so may|hotline|(?:so )?duong day nong|phone)\\b`), 'phone'],
  // A place name between ("công an phường Chí Linh số điện thoại bao nhiêu").
  [/^(?:\S+\s){0,3}(?:so dien thoai|so may|hotline|phone number) (?:la |bao nhieu|la bao nhieu|la so nao|nao|the nao|gi)/, 'phone'],
  // Whether it has one, a place name between ("công an đặc khu Phú Quý có số điện thoại không").
  [/^(?:\S+\s){0,3}co (?:so dien thoai|so may|zalo|hotline|duong day nong|email) (?:khong|ko|k|hong|hok|hem|chua)\b/, 'phone'],
  // Open on a day, or closed for a holiday ("… in Dong Anh open on Saturday", "… nghỉ lễ mấy ngày").
  [/^(?:\S+\s){0,3}(?:open|closed) (?:on|at|during|in)\b/, 'hours'],
  [/^(?:\S+\s){0,2}nghi (?:\S+\s){0,2}(?:may ngay|bao nhieu ngay|den ngay nao|toi ngay nao|den hom nao)\b/, 'hours'],
  [new RegExp(`^${FILLER}{0,3}(?:lam viec (?:tu |den )?may gio|may gio|gio lam viec|lich lam viec|nghi trua|mo cua|dong cua|open|hours|opening hours)\\b`), 'hours'],
];

/** What is asked, said just before the office ("địa chỉ phòng …", "số điện thoại của văn phòng …", "opening hours of …"). */
const BEFORE: [RegExp, OfficeFacet][] = [
  [new RegExp(`\\b(?:dia chi|address|where is)\\s${FILLER}{0,2}$`), 'address'],
  // "Chào Zalo ủy ban" greets the OA by its name: it asks nothing.
  [new RegExp(`\\b(?:so dien thoai|so khac|(?<!chao )zalo|phone number|duong day nong|hotline)\\s${FILLER}{0,2}$`), 'phone'],
  [new RegExp(`\\b(?:gio lam viec|lich lam viec|may gio|opening hours|hours)\\s${FILLER}{0,2}$`), 'hours'],
  // "opening hours of the Da Nang Public Administration Centre": a place name may stand before an English office.
  [/\b(?:opening|office|working) hours of (?:the )?(?:\S+ ){0,3}$/, 'hours'],
];

const OFFICE_AT = new RegExp(`\\b${OFFICE}\\b`, 'g');
/** A filing verb just before the office: the office is where something is filed, not asked about. */
const FILED_AT = /(?:^| )(?:nop|gui|lam|dang ky|xin) (?:ho so |giay )?(?:o|tai|cho|len|ra|den) $/;

/** At most this many characters are read: a contact question is short, and the patterns stay linear on bounded input. */
const MAX_CHARS = 600;

/** A word, or the first word of two, that every office name above holds: most messages name none (a cheap test first). */
const OFFICE_WORDS = new Set(['ubnd', 'bhxh', 'office', 'committee', 'station', 'administration', 'administrative']);
const OFFICE_PAIRS = new Map<string, ReadonlySet<string>>(
  Object.entries({
    cong: ['an', 'chuc'], uy: ['ban'], bo: ['phan'], mot: ['cua'], van: ['phong'], chi: ['nhanh'], co: ['quan'],
    trung: ['tam'], public: ['service', 'services'], can: ['bo'], phong: ['tu'], tru: ['so'], bao: ['hiem'], xuat: ['nhap'], cho: ['do', 'ay'], noi: ['do', 'ay'], ben: ['do', 'no', 'to', 'kia', 'ay'],
    so: ['tu', 'giao', 'y', 'noi', 'tai', 'xay', 'lao', 'cong', 'nong', 'ke', 'van'],
  }).map(([first, seconds]) => [first, new Set(seconds)]),
);

function namesAnOffice(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (OFFICE_WORDS.has(w) || (i + 1 < words.length && OFFICE_PAIRS.get(w)?.has(words[i + 1]!) === true)) return true;
  }
  return false;
}

/**
 * The midday break asked on its own ("trưa có nghỉ không", "mấy giờ nghỉ trưa"): an office's hours, whichever
 * office; a short question, so a story that mentions lunch is not read so. "chua" is "trua" after the tr/ch repair.
 */
const MIDDAY_BREAK = /^(?:(?:vay|the|con|cho hoi|buoi) )*(?:(?:trua|buoi trua|buoi chua|chua) (?:co )?(?:nghi|lam viec|lam|lam khong|nhan ho so|tiep dan)|(?:co )?nghi trua|may gio nghi trua|nghi trua (?:tu |luc )?may gio)(?: (?:khong|ko|k|hong|a|anh|chi|em|ad|vay|the nao|tu may gio|luc may gio|may tieng|hay (?:la )?(?:lam|lam viec) (?:xuyen|luon) trua))*$|^(?:(?:vay|the|con|cho hoi) )*(?:co )?lam (?:viec )?xuyen trua(?: (?:khong|ko|k|hong|a|ad|vay))*$/;
/** The same asked with the verb first ("có làm buổi trưa không", "nhận hồ sơ vào buổi trưa không"). */
const MIDDAY_VERB_FIRST = /^(?:(?:vay|the|con|cho hoi) )*(?:co )?(?:lam|lam viec|nhan ho so|tiep dan) (?:vao )?(?:buoi )?trua(?: (?:khong|ko|k|hong|a|ad|vay|nua))*$/;
const MIDDAY_MAX_WORDS = 9;
const MIDDAY_MIN_WORDS = 2;
/** A number, or a commune's own contact, is asked for early in the message. */
const MAX_NUMBER_WORDS = 16;

/** A number to reach someone asked for ("có số zalo nào để nhắn hỏi không", "số điện thoại nào gọi được"): whose is the one-stop's. */
/** The hotline's number asked for and nothing else ("cho em xin số hotline luôn nha"); an office named after it asks that office's number. */
const HOTLINE_ASKED = /(?:^| )xin (?:cai )?so (?:hotline|duong day nong|tong dai)(?: (?:luon|voi|nha|nhe|a|ad|di|ak|ha|chi|em|anh|ban|bot|ho|nhanh|cai))*$/;
/** The hotline's number asked to call it about something ("số hotline để hỏi thủ tục"). */
const HOTLINE_TO_ASK = /^(?:thoi )?(?:(?:cho|xin|co|cho xin|cho hoi)(?: toi| tui| em| minh| chau)? )?so (?:hotline|duong day nong|tong dai) (?:de|ma) (?:toi |tui |em |minh |chau )?(?:hoi|goi)(?: \S+){0,2}$/;
/** Where the commune's or ward's seat is, or has moved to ("trụ sở xã mới sau sáp nhập ở đâu"). */
const SEAT_WHERE = /(?:^| )tru so (?:cua )?(?:ubnd |uy ban (?:nhan dan )?)?(?:xa|phuong|thi tran|dac khu)(?: \S+){0,5} (?:o dau|nam o dau|o cho nao|chuyen (?:ve |toi |den )?dau)(?: |$)/;
const NUMBER_ASKED = /(?:^| )(?:co |xin |cho (?:xin |hoi )?)?(?:so )?(?:zalo|dien thoai|hotline|duong day nong|tong dai) nao(?: |$)|(?:^| )xin (?:cai )?so (?:hotline|duong day nong|tong dai|dien thoai|zalo)(?: |$)|(?:^| )co (?:so )?(?:dien thoai|zalo|hotline|so may) (?:de|ma) (?:hoi|goi|lien he|lien lac)(?: |$)|(?:^| )so (?:nao|khac) (?:de |ma )?(?:goi|lien lac|lien he)(?: |$)|(?:^| )(?:lien he|lien lac|goi) (?:\S+ )?so nao(?: |$)|^(?:\S+ ){0,3}(?:hotline|duong day nong|tong dai)(?: \S+){0,6} la (?:so )?(?:may|nao|bao nhieu|gi)(?: |$)/;

/**
 * A commune's or ward's own contact asked by name ("địa chỉ với giờ làm việc của phường Bến Thành", "số điện thoại
 * xã Tam Xuân"): the facet said first, the local office and its name after it.
 */
const LOCAL_OFFICE_ASKED = /(?:^| )(dia chi|gio lam viec|so dien thoai|so zalo|zalo)(?: cu the)?(?: (?:voi|va) (?:dia chi|gio lam viec|so dien thoai|zalo))? (?:cua )?(?:ubnd |uy ban (?:nhan dan )?)?(?:xa|phuong|thi tran) \S+/;
const LOCAL_FACET: Record<string, OfficeFacet> = { 'dia chi': 'address', 'gio lam viec': 'hours', 'so dien thoai': 'phone', 'so zalo': 'phone', zalo: 'phone' };

/** A commune or ward named first, opening the message ("Xã Ia Hrú …", "cho hỏi phường …"). */
const LOCAL_FIRST = String.raw`^(?:(?:cho hoi|hoi|vay|the) )?(?:ubnd |uy ban (?:nhan dan )?)?(?:xa|phuong|thi tran|dac khu) `;
/** …then whether it has a channel ("Xã Ia Hrú có số Zalo không"). */
const LOCAL_HAS_CHANNEL = new RegExp(String.raw`${LOCAL_FIRST}(?:\S+ ){0,3}co (?:so )?(?:zalo|dien thoai|hotline|duong day nong|email)\b`);
/** …or where it is, or when it works ("xã Pa Có ở đâu, giờ làm việc thế nào"). */
const LOCAL_WHERE = new RegExp(String.raw`${LOCAL_FIRST}(?:\S+ ){1,3}(?:o dau|nam o dau|o cho nao)\b`);
const LOCAL_HOURS = new RegExp(String.raw`${LOCAL_FIRST}(?:\S+ ){1,3}(?:lam viec (?:tu )?(?:may gio|gio nao|luc nao)|gio lam viec|mo cua (?:may gio|gio nao))\b`);

/**
 * The address asked in a clause of its own at the end ("… muốn đến nộp trực tiếp thì địa chỉ ở đâu ạ"), not an
 * address a procedure is about ("đổi địa chỉ ở đâu", "xác nhận địa chỉ cư trú ở đâu").
 */
const ADDRESS_ASKED_LAST = /(?:^|(?:^| )(?:thi|con|vay|the|cho (?:xin|hoi)|xin) )dia chi (?:\S+ ){0,2}(?:o dau|la gi|o cho nao|the nao|cu the)(?: (?:a|ah|ak|ad|anh|chi|em|vay|nhe|nha|ha|the))*$/;

/** Until or from when the office works, in a short message ("Thế hôm trước lễ thì làm đến mấy giờ"). */
const WORKING_UNTIL = /(?:^| )(?:lam|lam viec|mo cua|nhan ho so|tiep dan) (?:den|toi|tu) may gio(?: |$)/;
const WORKING_UNTIL_WORDS = 12;
/** When the office closes, asked at the end of a message ("… còn kịp không, mấy giờ đóng cửa"). */
const CLOSING_TIME_LAST = /(?:^| )may gio (?:thi )?(?:dong cua|het gio lam|nghi lam)(?: (?:a|ah|ad|vay|ha|nhi|the|khong|ko))*$/;
/** An office's address asked after naming it ("Trung tâm dịch vụ việc làm … địa chỉ chỗ nào vậy"). */
const OFFICE_ADDRESS_LAST = /(?:^| )dia chi (?:\S+ )?(?:o dau|cho nao|o cho nao|nam o dau|nam dau)(?: (?:a|ah|ak|ad|vay|nhe|nha|ha|the))*$/;

/**
 * A way to reach the office asked for and nothing else ("sđt nha ad", "bạn có số điện thoại hotline không", "ko có zalo
 * thì cho email cũng đc"): only the channels and the words of asking, no procedure or office named. Short by nature.
 */
const CHANNEL = '(?:so dien thoai|so dt|dien thoai|hotline|duong day nong|tong dai|zalo|email|e mail|dia chi|gio lam viec|phone number|phone|address|opening hours)';
const ASKING = '(?:truc tiep|ho tro|tu van|cho|xin|hoi|co|ban|bot|em|e|anh|chi|ad|admin|oi|nha|nhe|luon|khong|ko|k|hong|gi|la|bao nhieu|so may|so nao|nao|a|ah|voi|di|the|vay|cua|de|goi|lien he|lien lac|thi|cung|duoc|dc|ok|oke|gui|tui|toi|minh|va|hoac|hay|con|rieng|nua|thang)';
const CHANNEL_ONLY = new RegExp(`^(?:${ASKING} )*(${CHANNEL})(?: (?:${ASKING}|${CHANNEL}))*$`);
const CHANNEL_ONLY_WORDS = 12;
const HOTLINE_NAMED = /(?:^| )(?:hotline|duong day nong|tong dai)(?: |$)/;
const CHANNEL_FACET: Record<string, OfficeFacet> = { 'dia chi': 'address', address: 'address', 'gio lam viec': 'hours', 'opening hours': 'hours' };

/**
 * Someone on duty at the desk asked, on a holiday or a weekend ("Lễ 30/4 có ai trực một cửa không"): its hours. Not
 * someone on duty to answer the citizen ("có ai trực cho tui hỏi"), which asks for a person.
 */
const ON_DUTY = /(?:^| )(?:co )?(?:ai|nguoi|can bo) truc (?:o |tai )?(?:bo phan |quay |phong )?(?:mot cua|ubnd|uy ban|xa|phuong|dac khu)(?: |$)/;
/**
 * Work on a holiday or at a weekend asked ("lễ 30/4 với 1/5 phường có làm việc ko", "chiều thứ 7 nộp hồ sơ được
 * không"): the office's hours. Folded, "lễ" is also the "lệ" of "lệ phí": only before a date or with a holiday's name.
 */
const DAY_OFF_WORK = /(?:^| )(?:le \d\S*|ngay le|nghi le|dip le|tet|quoc khanh|(?:sang |chieu |toi )?(?:thu 7|thu bay|chu nhat|cn)\b)(?: \S+){0,6} (?:(?:xa|phuong|ubnd|uy ban|mot cua|cong an)(?: \S+){0,2} )?(?:co )?(?:lam viec|nhan ho so|nop ho so|lam ho so|lam giay to|truc|mo cua|tiep dan|tiep cong dan)(?: duoc)? (?:khong|ko|k|hong|hok|hem|chua|a|ad|ha)?(?: |$)/;
/** The hotline asked to answer out of hours ("tổng đài có nghe máy ngoài giờ hành chính hông"). */
const HOTLINE_HOURS = /(?:^| )(?:tong dai|hotline|duong day nong)(?: \S+){0,3} (?:nghe may|truc|lam viec)(?: \S+){0,3} (?:ngoai gio|buoi toi|ban dem|cuoi tuan|24)/;

export function readOfficeQuestion(foldedWords: readonly string[]): OfficeFacet | null {
  const joined = foldedWords.join(' ');
  const head = joined.slice(0, MAX_CHARS);
  if (HOTLINE_HOURS.test(head)) return 'hotline';
  if (ON_DUTY.test(head) || DAY_OFF_WORK.test(head)) return 'hours';
  if (foldedWords.length <= CHANNEL_ONLY_WORDS) {
    const channel = CHANNEL_ONLY.exec(joined);
    // The hotline named beside a phone ("số điện thoại hotline") is the hotline asked.
    if (channel) return HOTLINE_NAMED.test(joined) ? 'hotline' : (CHANNEL_FACET[channel[1]!] ?? 'phone');
  }
  // The midday break asked first, then why ("buổi trưa có nghỉ ko ạ, e đi ca về tầm 12h"): the opening words alone.
  for (let end = Math.min(foldedWords.length, MIDDAY_MAX_WORDS); end >= MIDDAY_MIN_WORDS; end--) {
    const opening = foldedWords.slice(0, end).join(' ');
    if (MIDDAY_BREAK.test(opening) || MIDDAY_VERB_FIRST.test(opening)) return 'hours';
  }
  const opening = foldedWords.slice(0, MAX_NUMBER_WORDS).join(' ');
  const local = LOCAL_OFFICE_ASKED.exec(opening);
  if (local) return LOCAL_FACET[local[1]!]!;
  if (HOTLINE_ASKED.test(opening) || HOTLINE_TO_ASK.test(opening)) return 'hotline';
  if (SEAT_WHERE.test(opening)) return 'address';
  if (NUMBER_ASKED.test(opening) || LOCAL_HAS_CHANNEL.test(opening)) return 'phone';
  if (LOCAL_WHERE.test(opening)) return 'address';
  if (LOCAL_HOURS.test(opening)) return 'hours';
  const text = joined.slice(0, MAX_CHARS);
  if (ADDRESS_ASKED_LAST.test(text)) return 'address';
  if (foldedWords.length <= WORKING_UNTIL_WORDS && WORKING_UNTIL.test(text)) return 'hours';
  if (CLOSING_TIME_LAST.test(text)) return 'hours';
  if (!namesAnOffice(foldedWords)) return null;
  if (OFFICE_ADDRESS_LAST.test(text)) return 'address';
  for (const m of text.matchAll(OFFICE_AT)) {
    // Filed at the office ("nộp ở ubnd xã hay ở đâu", "nộp ở bhxh thị xã hay ở đâu"): where the procedure is filed.
    if (FILED_AT.test(text.slice(0, m.index))) continue;
    const after = text.slice(m.index + m[0].length).trimStart();
    // One place weighed against another ("nộp ở đâu, công an phường hay ở đâu"): where something is filed.
    if (after.startsWith('hay ')) continue;
    for (const [pattern, facet] of AFTER) if (pattern.test(after)) return facet;
    const before = text.slice(0, m.index);
    for (const [pattern, facet] of BEFORE) if (pattern.test(before)) return facet;
  }
  return null;
}
