/**
 * Topics the bot refuses, told from a few words no procedure uses, where phrasings match too weakly inside a longer
 * message ("bựa ni Sầm Sơn có mưa không, tính ra biển tắm", "bot có biết giá vàng ko"). Rain and storms are read on
 * the accented words: without accents "mưa" is "mua" (to buy) and "bão" is the "bao" of "bao nhiêu".
 * A storm told as damage ("nhà bị bão làm sập") is no weather question: only rain, wind or a storm asked about is. The bot's
 * opinion on a merger of provinces is politics; a procedure asked after one ("sau sáp nhập có phải đổi căn cước") is not.
 */
const WEATHER_ASKED = /(?:^| )(?:có |trời )?(?:mưa|bão|nắng|gió|sóng|áp thấp)(?: \S+){0,1} (?:không|ko|k|hông|hong|chưa|chứ)(?: |$)|(?:^| )trời (?:có )?(?:mưa|nắng|lạnh|rét)(?: |$)/;
/**
 * The sea and wind asked before going out ("mai biển động không", "gió cấp mấy", "will the sea be calm"), folded: "biển
 * động" only after a day, since folded it is also the "biến động" of land records.
 */
const WEATHER_WORDS = /(?:^| )(?:thoi tiet|du bao thoi tiet|weather|forecast|typhoon|tropical storm|(?:is|will) it (?:going to )?(?:rain|snow)|(?:co )?suong muoi|gio (?:cap|giat) (?:may|bao nhieu)|(?:mai|ngay mai|hom nay|bua nay|toi nay|dem nay|tuan nay|may bua nay) (?:\S+ ){0,2}bien (?:dong|lang|em|co song)|sea (?:\S+ ){0,2}(?:calm|rough)|(?:calm|rough) sea|(?:is|will) (?:a |the )?storm|will it be (?:foggy|rainy|sunny|windy|stormy|cold|hot|misty)|storm (?:is |s )?(?:coming|tomorrow|today|tonight|this week)|(?:big|high|strong) (?:are |will )?(?:the )?waves?|(?:mai|ngay mai|hom nay|bua nay|toi nay|chieu nay|sang mai|dem nay|tuan nay|tuan sau|tuan toi|cuoi tuan|may bua toi|may ngay toi) (?:\S+ ){0,3}co mua (?:bao |to |lon |nhieu |ret )?(?:khong|ko|k|hong|hok)|mua nuoc noi (?:\S+ ){0,2}(?:lon|to|co lon|ve chua)|nuoc (?:len|ngap) (?:toi|den) (?:dau|muc nao))(?: |$)/;
const PRICES = /(?:^| )(?:gia vang|gia xang|ty gia|gold price|exchange rate|price of (?:\S+ ){1,3}(?:today|now|this week))(?: |$)/;

/** The bot's opinion asked on a merger of provinces or politics ("bot thấy sáp nhập tỉnh … có hợp lý không"). */
const POLITICS = /(?:^| )(?:sap nhap (?:tinh|xa|huyen|\S+ \S+ (?:vao|vo))|chinh tri|bau cu|quoc hoi)(?: |$)/;
/** Who stands for election asked ("năm nay ai ra ứng cử"): politics, without an opinion asked. */
const CANDIDATES = /(?:^| )(?:ra ung cu|ung cu vien|ung vien (?:dai bieu|hoi dong|quoc hoi))(?: |$)/;
/**
 * Learning to drive ("học lái ô tô ở trường nào", "học bằng lái B ở đâu"): a driving school, not the licence's
 * exchange. On the accented words: without accents "học lái" is the "học lại" of repeating a school year.
 */
const DRIVING_LESSONS = /(?:^| )(?:học (?:bằng )?lái|học (?:thi )?bằng (?:lái|[abc][12]?|a1|b2)|trường dạy lái|trung tâm (?:đào tạo|dạy) lái)(?: |$)/;
/** A market price asked for today ("giá dừa khô hôm nay bn 1 chục"): not "gia hạn" (extend) nor "gia đình" (family). */
const MARKET_PRICE = /(?:^| )gia (?!han|dinh|tri|lai|nhap|tang|giam|co)\S+(?: \S+){0,3} (?:hom nay|bua nay|hom ni|bua ni|bay gio|hien nay|luc nay)(?: |$)/;
const OPINION = /(?:^| )(?:nghi sao|nghi the nao|thay sao|thay the nao|co hop ly|hop ly khong|dong y khong|y kien (?:the nao|ra sao)|tot hay|dung hay sai|dung khong)(?: |$)/;
/**
 * A driving school said without accents or in English ("lớp học lái xe", "driving school"): "học lại xe" says nothing,
 * so "hoc lai xe" is the lessons.
 */
const DRIVING_LESSONS_PLAIN = /(?:^| )(?:(?:lop|truong|trung tam) (?:hoc|day) lai xe|hoc lai xe (?:o|oto|o to|may)|driving (?:school|lessons?|instructor)|learn(?:ing)? to drive)(?: |$)/;
/** Today's lottery draw asked ("xổ số Đồng Nai hôm nay về mấy"), not a lottery business's licence. */
const LOTTERY = /(?:^| )(?:xo so (?:\S+ ){0,3}(?:hom nay|hom qua|ve may|ve so|mo thuong)|ket qua xo so|do ve so|lottery results?)(?: |$)/;

/**
 * An essay, a poem or homework asked to be written ("viết giúp em bài văn nghị luận về các anh hùng liệt sĩ"): refused
 * whatever its subject, so a procedure's words in it ("liệt sĩ") do not make it a question about that procedure.
 */
const WRITING = /(?:^| )(?:viet|vt|lam|soan) (?:\S+ ){0,3}(?:bai van|bai luan|bai tho|bai tap|bai thu hoach|bai phat bieu|bai dien van|van nghi luan|van ta|essay|homework|poem|speech)(?: |$)|(?:^| )(?:bai van|bai luan|bai tho|bai phat bieu|bai dien van) (?:\S+ ){0,8}(?:viet|soan|lam) (?:giup|ho|dum|gium)(?: |$)|(?:^| )(?:write|do) (?:\S+ ){0,2}(?:essay|homework|poem|speech)(?: |$)/;

/**
 * A person's own yearly income tax settlement or return ("quyết toán thuế thu nhập cá nhân năm 2025", "thuế TNCN tự
 * quyết toán trên eTax", "file my personal income tax return"): the tax office's, out of the commune bot's scope
 * (reference §4). Read like the other refused topics, only when no procedure answer is in reach: the official
 * catalogue holds the tax declarations, and forcing the refusal over them cost the catalogue parts their answers.
 */
const INCOME_TAX_SETTLEMENT =
  / (?:quyet toan thue|(?:thue )?(?:tncn|thu nhap ca nhan)(?: \S+){0,5} (?:tu )?quyet toan|(?:thue )?(?:tncn|thu nhap ca nhan)(?: \S+){0,5} (?:tren |qua )?etax|(?:personal )?income tax (?:return|filing|settlement)|(?:file|do) (?:my |our )?(?:personal )?(?:income )?tax(?: return)?) /;

/**
 * A divorce wanted or filed ("giờ muốn ly hôn thì nộp đơn ở xã được không", "làm đơn ly dị", a message opening with it
 * and asking: "ly hôn thì nộp đơn ở đâu"): the court's, not the commune's. One's divorce told as the past ("đã ly hôn rồi, giờ đăng ký kết hôn lại") is no such request.
 */
const DIVORCE_ASKED = / (?:muon|tinh|dinh|can|xin|thu tuc|don|lam|nop|ra toa|de) (?:\S+ ){0,2}ly (?:hon|di) |^ ly (?:hon|di) (?:thi|can|nop|lam|phai|o dau|mat|het|ton|bao) |(?:file|filing|apply|applying|get|getting|want|need) (?:\S+ ){0,2}(?:a )?divorce /;

/**
 * The settlement done online ("quyết toán thuế TNCN năm nay làm online sao", "… trên eTax"): the reference names online
 * personal income tax as outside a commune bot's work, so it is refused even where a catalogue declaration is in reach.
 * Where to file one in person stays the catalogue's.
 */
const ONLINE = / (?:online|onl|etax|qua mang|tren mang|tren app|qua app|dien tu) /;

/**
 * One's own settlement for a year ("quyết toán thuế TNCN năm 2025 làm ở đâu"): a person's yearly return, the tax
 * office's; the catalogue's declarations are a payer's or an agent's, asked without a year of one's own.
 */
const OWN_YEAR = / (?:tncn|thu nhap ca nhan)(?: \S+){0,3} nam (?:20\d\d|nay|ngoai|roi|truoc) | (?:tncn|thu nhap ca nhan) (?:cho|cua) (?:con gai|con trai|con|vo|chong|bo|me|em|chau|ba|ong|anh|chi)\b/;

/**
 * A divorce itself asked for ("thủ tục ly hôn nộp ở xã được hông"): the court's, refused even where the catalogue's
 * recording of a divorce granted abroad is in reach; that recording asked in its own words ("ghi vào sổ", "nước
 * ngoài") stays the catalogue's.
 */
const DIVORCE_RECORDED = / (?:ghi vao so|ghi chu|nuoc ngoai|ngoai quoc|abroad|overseas) /;


/** A hospital appointment asked to be booked ("can I book an appointment at the provincial hospital"), folded. */
const HOSPITAL_BOOKING = /(?:^| )(?:book|make|schedule) (?:an |a )?(?:doctor s |medical )?appointment (?:\S+ ){0,5}(?:hospital|clinic|doctor)(?: |$)|(?:^| )(?:book|schedule|arrange) (?:me |us )?(?:a |an )?(?:health check|medical check|check up|checkup|medical exam) (?:\S+ ){0,5}(?:hospital|clinic)(?: |$)|(?:^| )(?:dat|dang ky) lich kham (?:\S+ ){0,8}(?:benh vien|phong kham)(?: |$)/;

export type RefusedTopic = 'out_of_scope.medical' | 'out_of_scope.weather' | 'out_of_scope.prices' | 'out_of_scope.politics' | 'out_of_scope.writing' | 'out_of_scope.driving_school' | 'out_of_scope.tax' | 'out_of_scope.lottery' | 'out_of_scope.divorce';

/** Whether the folded words ask for writing (see WRITING): refused even when a procedure's words score well. */
export function asksForWriting(folded: readonly string[]): boolean {
  return WRITING.test(` ${folded.join(' ')} `);
}

/**
 * Whether the folded words name a topic refused even when a procedure's words score well: writing asked for, personal
 * income tax settled online (see ONLINE), a divorce itself rather than its recording (see DIVORCE_RECORDED).
 */
export function refusedWhateverMatches(folded: readonly string[]): boolean {
  const plain = ` ${folded.join(' ')} `;
  return WRITING.test(plain) || (INCOME_TAX_SETTLEMENT.test(plain) && (ONLINE.test(plain) || OWN_YEAR.test(plain))) || (DIVORCE_ASKED.test(plain) && !DIVORCE_RECORDED.test(plain));
}

/** The refused topic the words name, or null; `accented` and `folded` are the message's words, lower case. */
export function readRefusedTopic(accented: readonly string[], folded: readonly string[]): RefusedTopic | null {
  const plain = ` ${folded.join(' ')} `;
  if (WRITING.test(plain)) return 'out_of_scope.writing';
  if (INCOME_TAX_SETTLEMENT.test(plain)) return 'out_of_scope.tax';
  if (PRICES.test(plain) || MARKET_PRICE.test(plain)) return 'out_of_scope.prices';
  if ((POLITICS.test(plain) && OPINION.test(plain)) || CANDIDATES.test(plain)) return 'out_of_scope.politics';
  const spoken = ` ${accented.join(' ')} `;
  if (WEATHER_WORDS.test(plain) || WEATHER_ASKED.test(spoken)) return 'out_of_scope.weather';
  if (DRIVING_LESSONS.test(spoken) || DRIVING_LESSONS_PLAIN.test(plain)) return 'out_of_scope.driving_school';
  if (LOTTERY.test(plain)) return 'out_of_scope.lottery';
  if (HOSPITAL_BOOKING.test(plain)) return 'out_of_scope.medical';
  if (DIVORCE_ASKED.test(plain)) return 'out_of_scope.divorce';
  return null;
}
