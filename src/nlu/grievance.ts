import { foldDiacritics, normaliseText } from './normalise.js';

/**
 * Who a message is unhappy with, told from the shape of the grievance rather than from set phrasings:
 * - a complaint is about people or the service (officials, the one-stop desk, the hotline, the portal): being sent
 *   back and forth, nobody answering, delays, rudeness, asking for money;
 * - feedback is a remark on the chatbot itself ("bot trả lời sai", "chatbot nên thêm nút …");
 * - a request for a person ("chuyển cho nhân viên", "gặp người thật") wins over both.
 * Matching is on folded text, so typed with or without accents reads the same.
 */
export type Grievance = 'complaint' | 'feedback' | 'handoff';

/** A complaint or petition named as such ("tôi muốn kiến nghị…", "phản ánh việc…", "đề nghị xã xem xét…"). */
const NAMED = /\b(phan anh|kien nghi|khieu nai|to cao|de nghi (\S+ ){0,3}(xem xet|lam ro|xu ly|giai quyet|khac phuc|sua chua)|complain|complaint)\b/;

/** Mistreatment, said in so many words: rudeness, obstruction, asking for money, charging more than due. */
const MISTREATMENT =
  /\b(gay kho( de| khan)?|kho de|hach dich|hach sach|(bat|doi|buoc) (\S+ ){0,2}nop them (\S+ ){0,1}(tien|trieu|nghin|ngan|k)|tien ngoai le phi|thu (them )?ngoai le phi|thai do (\S+ ){0,8}(rat|qua) te|thai do (\S+ ){0,8}te (qua|lam|that)|quat (\S+ ){0,1}ca (nguoi gia|nguoi dan|ba con)|nhung nhieu|voi (vinh|tien(?! (mai tang|tro cap|ho tro|phi|le phi|hoc phi|thue|bao hiem|luong|tuat|dien|nuoc)\b))|doi tien|tien boi duong|doi (\S+ ){0,1}boi duong|boi duong (\S+ ){0,3}moi (lam|giai quyet|duyet|ky)|(phai|doi|bat) boi duong (\S+ ){0,1}(\d+ ?(trieu|tr|nghin|ngan|k)|(mot|hai|ba|nam|vai) (trieu|tram))|(bat|doi|buoc) (\S+ ){0,3}(photo|nop|mang|chung thuc) them (\S+ ){0,4}(khong can thiet|vo ly|ca chuc|ca dong|linh tinh)|thai do (\S+ ){0,2}(kem|khong tot|te|lam lo|coc|hach|khinh|kho chiu|cham chap|loi lom|tho o)|(bat|doi|buoc) (\S+ ){0,4}(photo|cong chung|chung thuc|nop lai|lam lai|mang) (\S+ ){0,4}(toi |den |tan )?([2-9]|hai|ba|bon|nam|may|nhieu) lan|(can bo|xa|phuong|uy ban|ho|nguoi ta) (\S+ ){0,3}khong (cho|chiu) (toi |tui |em |minh |chung toi )?(lam|nop|dang ky|lam giay)|(can bo|nguoi ta|cong an) (noi|bao|bieu|keu) (\S+ ){1,8}(ma |roi |lai )?khong (chiu|cho) (\S+ ){0,2}(lam|nhan|cap|giai quyet|ky|xac nhan|tiep)|quat (\S+ ){0,3}(vao mat|dan|toi|minh)|quat (em|tui|chau|con|bac|me toi|bo toi) (giua|truoc|ngay|om|am)|(?<!\S)mang (dan|toi|minh|nguoi dan|chui|nhiec)|bi (\S+ ){0,2}mang(?! (theo|ve|len|den|ra|giay|ho|ban|tien))|(bat|buoc) (\S+ ){0,2}di (lai |len |xuong )?(\S+ ){0,1}([2-9]|hai|ba|bon|nam|may|nhieu) (lan|chuyen|ban)|hen (\S+ ){0,3}(xuong|toi|den) nha (\S+ ){0,14}(khong|chua) (thay )?ai (toi|den|xuong)|(toi|tui|em|minh) muon to(?= $)|cua quyen|lam kho|hanh dan|khong (dua|cho|xuat|ghi) bien lai|(thu|lay) (\S+ ){0,6}khong co bien lai|dun day|day qua day lai|phien ha|tieu cuc|quan lieu|(?<!giay )to tieng|quat nat|bi quat|dong cua trong gio (hanh chinh|lam viec)|coc can|noi nang (\S+ ){0,2}(coc|kho nghe|kho chiu|hon|thieu ton trong|mat day)|mat lich su|lam ngo|khong them tiep|bo mac(?! (chau|con|be|no|em|ba|ong|me|bo|vo|chong|cho (chau|con|be|no)))|thu sai|thu them|thu (phi|le phi|tien) (\S+ ){0,2}(sai|qua|cao hon|them|khong dung|trai)|thu (cua (toi|tui|minh|em|chau|con|bac|ba|ong|anh|chi) |toi )?(\S+ ){0,1}(nghin|ngan|trieu|k)|thu (nhung|toi|den|tan) (\S+ ){0,1}(nghin|ngan|trieu|k)|lam (that lac|mat) (\S+ ){0,4}cua toi|ho so (\S+ ){0,6}(bi )?(that lac|(?<!(em|toi|tui|minh|chau) )lam mat(?! (may|bao|bn|nhieu|it|khoang|tam|chung|tien|phi|gi|thoi gian)\b))|ho so (\S+ ){0,6}khong tim thay|khong ai chiu trach nhiem|ai chiu trach nhiem (vu|viec|chuyen)|ai chiu trach nhiem( (vay|day|the|a|ha|nhi))?(?= $)|(can bo|ho|nguoi ta|ong|ba|co|anh|chi|cong an|xa|phuong) (\S+ ){0,2}doi (\S+ ){0,2}(trieu|nghin|ngan|lot tay|\d+ ?k|\d+ ?tr)|(can bo|cong an|dia chinh|cong chuc) (\S+ ){0,3}nhan tien (cua|tu|dan|toi|minh|nguoi|lot tay|boi duong)|nhan (hoi lo|phong bi)|(goi y|doi|bat|bao|noi) (\S+ ){0,2}dua (them )?(tien|\d+ ?(trieu|tr|nghin|ngan|k|cu)) (thi|moi|de)|hoi lo|phi (lam )?nhanh|phi boi duong|noi chuyen (\S+ ){0,2}(trong khong|coc loc|kho nghe)|lon tieng|tac trach|vo trach nhiem|lam (an|viec) kieu (gi|nay)|lam (an|viec) the (a|nay ma)|qua dang (that|qua|lam)|noi trong khong|quat ca (\S+ ){0,1}(nguoi gia|ba cu|ong cu|nguoi dan|ba con)|(bat|doi) (\S+ ){0,3}(photo|nop|mang) them (\S+ ){0,5}(khong co trong quy dinh|ngoai quy dinh)|sai quy dinh|khong cong bang|bat cong|thien vi|thai do (\S+ ){0,2}qua (troi|xa|te)|quat (thao )?(ong gia|ba gia|cu gia|nguoi gia|nguoi dan|ba con)|vo ly (vay|qua|the|that|het suc)|rude|unacceptable|unfair|(ask|asks|asked|asking|want|wants|wanted|demand|demanded) (\S+ ){0,3}(extra|more) money|bribe)\b/;

/** Being sent round, waiting, nobody answering or nobody there: a complaint when it happened to the citizen. */
/**
 * A registration made late ("làm khai sinh cho con trễ hạn", "khai tử cho ông nội trễ hạn mấy tháng"): the kind named
 * up to three words before, with no filed dossier between ("nộp hồ sơ khai sinh mà trễ hạn" is an overdue file).
 */
const LATE_FILING = String.raw`(?<!(khai sinh|khai tu|ket hon|dang ky|dang ki|dk|ks|nop phat|bi phat) (?:(?!ma |nop |ho so )\S+ ){0,8})`;

const RUNAROUND = new RegExp(
  String.raw`\b((di lai|di|den|len|chay|goi( dien)?|nop) (\S+ ){0,4}(may|nhieu|bao nhieu|ba bon|hai ba|hai|ba|bon|nam|sau|bay|muoi|2 3|3 4|4 5|[2-9]|chuc) lan|(di|len|ra|xuong|toi|den|chay) (\S+ ){0,5}(may|hai|ba|bon|nam|[2-9]) ban (roi|ma|van|deu|khong|nay|cung)|(cu|lai|toan) (bieu|bao|hen) (\S+ ){0,4}mai (len|quay lai|lai|toi|den|ra)|(may|nhieu|ba bon|hai ba|2 3|3 4) lan (roi|ma|van|deu|khong|ko|hong|k)|([2-9]|hai|ba|bon|nam) lan roi ma (van )?(chua|khong)|(khong|chua|hong|hem|ko|chang) (ai|co ai) (nhac may|nghe( may)?|gap|tra loi|giai quyet|tiep|huong dan|bat may|ngoi|truc|bao|xuong|giai thich|goi( lai)?|lien he|sua|xu ly)|khong nghe may|khong bat may|khong noi (mot|1) lan|lan nao (\S+ ){0,3}cung|tre hen|${LATE_FILING}tre han|qua hen|qua han ma|(qua|tre) (han|hen) (\S+ ){1,4}ma (chua|van|khong|ko)|hen lan hen lua|hen (\S+ ){0,2}([2-9]|hai|ba|bon|nam|nhieu|may) lan (\S+ ){0,2}(van |ma )?(chua|khong)|hen (\S+ ){0,7}ma (gio|nay|den nay|van|da|chua)|hen (\S+ ){0,7}ma den (\S+ ){0,2}(van )?chua|hen (\S+ ){0,7}ma (ca|hon|gan|may|nhieu) (\S+ ){0,2}(roi )?(van |ma )?(chua|khong)|${LATE_FILING}(qua|tre) (han|hen) (lau|ca (thang|tuan|nam)|(may|nhieu|hon|gan) (thang|tuan))|(dua|day|do) qua (dua|day|do) lai|chay (toi|di|qua|len) chay (lui|lai|xuong|ve)|do (qua|cho) (\S+ ){0,3}do (qua|cho)|(bieu|bao|noi) len (\S+ ){0,4}(bieu|bao|noi) ve|(can bo|ho|nguoi ta|ong|ba|co|anh|chi) bao ve cho|cham tre|(?<!co phai )xep hang (ca buoi|ca ngay|lau|may tieng|tu)|chua (toi|den) luot|chi mo (co )?(mot|1) quay|cham (qua|the|ghe|lam)(?! (nen|thi|co|phai|duoc))|cho (mai|hoai|qua lau|mon moi|dai co)|(cu|lai) bao (ve )?cho|hoi thi (\S+ ){0,1}(noi|bao|bieu|keu) (\S+ ){0,1}(cho|doi)\b|(da|hon|gan|ca|ca hai|may) (\d{1,2} |hai |ba |bon |nam |sau |may )?(thang|tuan) (roi )?ma (van )?chua (duoc )?(giai quyet|xong|co|tra)|(tu choi|tra ve|tra lai) (\S+ ){0,3}(ma )?khong (ghi|noi|neu|giai thich|bao) (ro )?(ly do|vi sao|tai sao)|hen (\S+ ){0,4}(gio|nay|den nay) (\S+ ){0,3}(van )?chua (co|xong|tra|duoc)|chi bao ve cho|bat (cho|di lai)|khong giai quyet(?! (a|ha|ak|sao|ha ad|a ad)\b)|hen (di )?hen lai|hen toi hen lui|hen lui hen toi|loi hoai|(cu|toan|luon|lien tuc) (bao |bi )?loi|bao loi (tu|suot|mai|hoai)|lam (\S+ ){0,2}cham (qua|the|lam)|tu choi (nhan|tiep nhan|giai quyet) (\S+ ){0,1}ho so|khong (chiu )?(nhan|tiep nhan) ho so|bat (\S+ ){0,2}bo sung (\S+ ){0,3}(nhieu|may|[2-9]) lan|bat (\S+ ){0,3}(bo sung|lam lai|di lai|ve) (\S+ ){0,4}lan thu ([2-9]|hai|ba|bon|nam)|huong dan sai|tra (lai )?ho so (ma )?khong (noi|giai thich|ly do|bao)|hen (mai|hoai|lan lua)|hen (\S+ ){0,7}ma (\S+ ){0,2}(\d{1,2}|hai|ba|bon|nam|may) (tuan|thang) roi (ma )?(van )?chua|cho (\S+ ){0,6}(\d{1,2}|hai|ba|bon|nam|may|ca) (tieng|buoi) (ma|van|roi ma) (khong|chua|van)|nop (\S+ ){0,8}(hon|gan|ca) (\d{1,2}|hai|ba|bon|nam|sau) (thang|tuan) (roi )?(ma )?(van )?chua (co|xong|duoc|thay)|nop (\S+ ){0,3}(\d{1,2}|hai|ba|bon|nam|sau) (thang|tuan) roi (ma )?(van )?khong thay (gi|dau|tam hoi)|(noi|bao|hoi|nhac|trinh bay) (\S+ ){0,2}([2-9]|hai|ba|bon|nam|may|nhieu) lan (roi|r|ma|van)\b|hoi hoai (\S+ ){0,3}(noi|bao|bieu|keu) (cho|doi)|hua (\S+ ){0,6}(toi gio|den gio|den nay) (\S+ ){0,2}chua|(officer|staff|office|nobody|no one) (\S+ ){0,2}(no|not|never|don t|doesn t|didn t) (answer|reply|respond|call)|(very|so|too) slow|(cu|toan|lai) hen (\S+ ){0,2}(tuan sau|thang sau|bua khac|lan sau|hom khac)|cho (\S+ ){0,2}(tieng|gio|buoi) (moi|van|ma|chua)|nobody (\S+ ){0,5}(answers|picks up|replies|has (contacted|called|replied))|nobody (\S+ ){0,2}(called|contacted|replied|answered)|(weeks?|months?|days?) (past|after|beyond|over) (the )?(appointment|due|promised) date|too slow|(tra ve|tra lai) ([2-9]|hai|ba|bon|nam|may|nhieu) lan|([2-9]|hai|ba|bon|nam|may|nhieu) lan (deu )?(bi )?(tra ve|tra lai)|moi lan (\S+ ){0,4}(mot|1) kieu|khong (chiu )?huong dan (\S+ ){0,2}(mot|1) lan (cho )?(du|het)|xin nghi (\S+ ){0,2}(may|nhieu|[2-9]|hai|ba) buoi|online (\S+ ){0,3}(van )?bat (\S+ ){0,3}(len|nop|den|mang)|tu (thang|nam|hom|dau nam|dau thang|(\d{1,2}|hai|ba|bon|nam|may) (tuan|thang) truoc) (\S+ ){0,2}ma (den gio|toi gio|gio|chu|den chu|bay chu|den nay|toi nay) (\S+ ){0,2}(van )?chua|(ngoi |dung )?cho (\S+ ){0,2}(tieng|gio|buoi)\b(\s\S+){0,6}\s(bi bo qua|khong ai|ma chua|van chua)|bi bo qua (\S+ ){0,2}(goi|lay|cho) (so|nguoi)|(really|so|very) frustrating|no one (\S+ ){0,5}(answers|picks up|replies)|still (no|nothing|waiting))\b`,
);

/** The online service failing the citizen: cannot log in, errors, down (a system word near a failure). */
const PORTAL_FAILURE =
  /\b((cong dich vu cong|dich vu cong|dvc|trang web|website|web|he thong|vneid|cong thong tin|portal|site) (\S+ ){0,6}((khong|ko|k|hong|chua) (the )?(dang nhap|truy cap|vao|mo|nop) (duoc|dc)|(bi |bao )?loi|(bi )?vang ra|bi sap|sap roi|bi treo|treo hoai|khong hoat dong)|((khong|ko|k|hong|chua) (the )?(dang nhap|truy cap|vao) (duoc|dc)|bao loi|bi loi) (\S+ ){0,6}(cong dich vu cong|dich vu cong|dvc|trang web|website|web|he thong|vneid|portal|site)|(loi he thong|he thong loi)|tru tien (\S+ ){0,1}(2|hai|ba|nhieu) lan|(van )?bao chua thanh toan|(cannot|can ?t|unable to) (log ?in|sign ?in|access) (\S+ ){0,4}(portal|website|site|system)|(portal|website|site|system) (\S+ ){0,3}(is down|keeps crashing|shows an error|error))\b/;

/** A filed dossier lost by the office (not a paper the citizen lost: "bản gốc em làm mất rồi"). */
const DOSSIER_LOST = /\bho so (\S+ ){0,8}(bi )?(that lac|(?<!(em|toi|tui|minh|chau) )lam mat(?! (may|bao|bn|nhieu|it|khoang|tam|chung|tien|phi|gi|thoi gian)\b)|mat dau|khong tim thay)|khong tim thay ho so\b/;

/** Who or what the grievance is about, when it is the administration. */
const SERVICE =
  /\b(can bo|nhan vien|cong chuc|chu tich|ubnd|uy ban|xa|phuong|mot cua|quay|bo phan|tiep nhan|duong day nong|tong dai|hotline|cong dich vu cong|dich vu cong|trang web|website|co quan|ho so|office|staff|official)\b/;

/** The chatbot itself. */
// "câu trả lời" said to the bot is its answer, unless it is the office's ("câu trả lời của xã").
const BOT = /^ (tra|cha) loi (sai|chua dung|khong dung|linh tinh)\b|^ (cau )?(tra|cha) loi (hoi nay|luc nay|vua roi|vua nay|ban nay|hom qua|hoi sang|do|kia) |\b(chu (nho|be|ti hon) (qua|wa|the|lam|ghe)|bot|chatbot|chat bot|tro ly ao|ung dung nay|em (tra|cha) loi|ban (tra|cha) loi|(tra|cha) loi tu dong|(thong tin|huong dan) (ma )?ban (dua|gui|cung cap|huong dan|noi|chi)|ban (huong dan|giai thich|chi) (\S+ ){0,2}(ro rang|de hieu|chi tiet|tan tinh|hay|tot|nhanh)|you (told|said|wrote) (me|us)|your (information|info|answer|answers|reply)|cau (tra|cha) loi(?! (cua|tu|ben) (xa|phuong|can bo|uy ban|ubnd|co quan|nhan vien|huyen|tinh|so)))\b/;

/** A remark on the bot: praise, a suggestion or an error in its answers. */
const REMARK =
  /\b(gop y|nen them|nen co|tien (dau|day|that|qua|loi)|hay (qua|that|day)|tot (qua|that)|(ro rang|de hieu|chi tiet|huu ich|tan tinh|nhanh gon) (\S+ ){0,1}(lam|qua|that|ghe|ghia)|(tra|cha) loi (cua (bot|chatbot|ban|em|ad) )?(rat |qua |kha )?(ro rang|de hieu|chi tiet|nhanh|hay|tot)|(bot|chatbot) (\S+ ){0,1}(duoc|tot|hay|gioi|xin|xin so) (day|qua|lam|that|phet)|((tra|cha) loi|dua ra|noi|ghi|bao|chi) (\S+ ){0,6}(sai|khong dung|chua dung|linh tinh|lung tung|khong chinh xac|chung chung|thieu|chua du|khong du|chua day du|khong day du|chua ro|khong ro)|lan man|dai (qua|dong|the|lam|ghe)|hoi dai|ngan gon (hon|chut|lai|thoi)|sai bet|(tra|cha) loi (\S+ ){0,2}cung (duoc|on|tam)|([1-9]|10|muoi|chin|tam) diem|(chi|noi|tra loi|huong dan) (dung|chuan) (roi|do|qua|that|ghe|lam|ghia)|nen (noi|ghi|neu|chi) ro|chi sai|(khong|hong|ko) khop|moi mat|kho doc|ro (ghe|qua|lam|that)|de hieu (hon|qua|ghe)|khong dung voi|(cu|loi thoi|sai) roi|da cu|loi thoi|(your|the bot s|bot s) (information|info|answer|answers) (\S+ ){0,1}(seems |is |was |are |were )?(wrong|incorrect|outdated|out of date|not right)|chua (duoc )?cap nhat|cap nhat lai|khac (han )?voi|khong hieu gi|(bao|noi|tra loi) (\S+ ){0,1}khong hieu|phi thoi gian|(answers|replies) that (don t|do not) help|(doesn t|does not|don t|do not|didn t|did not) (really )?(tell|help|answer|explain)|(not|isn t|wasn t|is not|was not) (very |really )?(useful|helpful|clear)|just repeats|keeps repeating|vo dung|vo ich|(khong|chang|cha) giup (duoc )?gi|chan qua|kem qua|chu (nho|be|ti hon) (qua|wa|the|lam|ghe)|de (dung|xai|su dung) (qua|that|lam|day|ghe|phet))\b/;

/** Asking for a person, however the rest of the message reads; not the citizen passing the answer on ("để tôi chuyển cho nhân viên đọc"). */
const PERSON =
  /\b((?<!\b(de|cho) (toi|tui|em|minh|anh|chi) )(chuyen|ket noi) (\S+ ){0,3}(nhan vien|nv|can bo|nguoi that|nguoi truc|tong dai vien|nguoi phu trach|chuyen vien|tu van vien|bo phan (tiep nhan|ho tro|cham soc))|gap (\S+ ){0,3}(lanh dao|nguoi phu trach)|(xin )?gap (chi|anh|co|chu|ai) nao|(tu van vien|chuyen vien|can bo|nhan vien) (\S+ ){0,1}goi (dien )?lai|keu (nguoi|ai|can bo|nhan vien) (\S+ ){0,2}(huong dan|giup|ho tro)|keu (nhan vien|nv|can bo|nguoi that) (ra day|ra|toi|den|vo|vao) |(co ai|co nguoi|co can bo) (\S+ ){0,2}noi chuyen (truc tiep )?voi (toi|tui|em|minh|ba|ong|chau|con|bac)|(tu van vien|nhan vien|nv|nguoi that) (dau|dau roi|dau r)(?= ?$)|(chat|nhan tin|noi chuyen|trao doi) (truc tiep )?voi (\S+ ){0,1}(nhan vien|nv|can bo|nguoi that|tu van vien)|(nhan vien|nv) that|(?<!(khong|chua|chang|ko) )co (can bo|nhan vien|nguoi) (nao|mo|nao do) (\S+ ){0,1}(goi dien|noi chuyen|nghe may|truc)|(can|muon|xin) (\S+ ){0,1}(nhan vien|can bo) (ho tro|tu van|giup)|gap (\S+ ){0,1}(nhan vien|nv|can bo|nguoi that|nguoi phu trach)|nguoi that|noi chuyen (truc tiep )?voi (nhan vien|can bo|nguoi that)|(?<!(khong|chua|chang|ko) )(co ai|co nguoi|nho (ai|nguoi|can bo|nhan vien)) (\S+ ){0,2}goi (dien )?(lai )?cho|(can|muon|xin|de nghi) (\S+ ){0,1}(can bo|nhan vien) (\S+ ){0,1}goi (dien )?lai|(can|muon|xin|gap|goi) (\S+ ){0,1}(tu van vien|chuyen vien)\b|(muon|can|xin|cho) (\S+ ){0,1}gap nguoi(?! ?(nha|dan|than|yeu|quen|ta|khac|nuoc|gia|benh|nhan|lon|do|ay|kia))|noi may (cho (\S+ )?)?(voi|gap|den|toi) |(connect|transfer|put) me (through )?to (a |an )?(real )?(person|human|staff|officer|agent)|(a |an )?real (person|human|staff member|officer)|(talk|speak) (to|with) (a |an )?(human|person|real|staff|officer|agent|someone)|gap truc tiep (\S+ ){0,1}(nhan vien|nv|can bo|nguoi)|(can|muon) hoi (truc tiep )?(nguoi|can bo|nhan vien)(?! ta\b)|co ai truc (khong|ko|k|hong|hok)? ?(de |cho )(toi|tui|em|minh|chau|con|bac) hoi|(?<!(khong|chua|chang|ko) )(can|muon|xin) (gap )?nguoi (ho tro|huong dan|giup|tu van|giai dap)(?! (lam|ve) (thu tuc|giay|ho so)))\b/;

/** A petition that opens by naming the office asked ("kiến nghị UBND xã …", "phản ánh với phường …"), folded and spaced. */
const PETITION_OPENS = /^ (?:(?:toi|chung toi|em|tui|chau|con) )?(?:xin |muon )?(?:kien nghi|phan anh|khieu nai) (?:voi |len )?(?:ubnd|uy ban|xa|phuong|chinh quyen|bo phan|can bo|lanh dao)\b|^ (?:toi|chung toi|em|tui|chau|con|minh) (?:xin |muon )gop y (?:la |ve (?:viec )?)?(?:\S+ ){0,1}(?:ubnd|uy ban|xa|phuong|chinh quyen|bo phan|can bo|cong an|mot cua)\b|^ (?:toi|chung toi|em|tui|chau|con|minh) (?:xin |muon |can )(?:kien nghi|phan anh|khieu nai) (?!ve (?:thu tuc|le phi|viec lam))/;

/** A petition said last, in so many words ("…, tôi kiến nghị"): what came before is its content. */
const PETITION_CLOSES = /\b(toi|tui|em|chung toi|minh|chau) (xin |muon )?(kien nghi|phan anh|khieu nai|to cao)( (a|nhe|nha|voi|len xa|len tren))? $/;

/** A matter handed to the bot to pass on ("phản ánh giúp", "kiến nghị dùm tui", "tui muốn phản ánh chuyện này"), folded and spaced. */
const PASS_ON = /\b(phan anh|kien nghi) (giup|dum|gium|ho|voi)\b|\b(muon|xin|can|toi|tui|em|minh|chau|con) (phan anh|kien nghi|khieu nai) (chuyen|viec|vu) (nay|ni|do|ay)\b|\b(want|would like|d like|wish|need) to (make|file|lodge|submit) (a |an )?complaint?\b|\b(want|would like|d like|wish|need) to complain\b|^ i (have|ve got) a complaint\b|\b(muon|xin) (phan anh|kien nghi|khieu nai|to cao) (la|rang) (can bo|cong an|xa|phuong|ubnd|uy ban|nhan vien|ho)\b|\b(muon|xin) (kien nghi|khieu nai|phan anh) chinh thuc\b|\b(muon|xin|can) (gui|nop|lam|viet) (don |thu )?(phan anh|kien nghi|khieu nai|to cao)( chinh thuc)?\b(?! (thi|ve|cho) (thu tuc|le phi|giay))/;

/**
 * A petition or report said outright: opening by naming the office asked, or handed to the bot to pass on. It is a
 * complaint though the official catalogue holds a procedure for its subject ("kiến nghị xã làm lại cây cầu").
 */
export function petitionsOutright(text: string): boolean {
  const t = ` ${fold(text)} `;
  return (PETITION_OPENS.test(t) && !ASKS_HOW.test(t)) || PETITION_CLOSES.test(t) || (PASS_ON.test(t) && !PROCEDURE_ASK.test(t)) || CHANNEL_ASKED.test(t);
}

/** A petition opening with the office it asks something of, asking no procedure ("Kiến nghị UBND phường mở cửa sáng thứ 7 …"). */
export function petitionOpensWithOffice(text: string): boolean {
  const t = ` ${fold(text)} `;
  return PETITION_OPENS.test(t) && !ASKS_HOW.test(t);
}

/** Where or to whom the citizen may complain, asked ("… thì tôi phản ánh ở đâu"): the official channels. */
const CHANNEL_ASKED = /\b(toi|tui|em|e|minh|chau|con|ba|ong|bac|chung toi) (\S+ ){0,1}(phan anh|khieu nai|kien nghi|to cao) (\S+ ){0,2}(o dau|voi ai|cho ai|o cho nao|cho nao|noi nao|bang cach nao)\b|\b(muon|can|xin) (phan anh|khieu nai|kien nghi|to cao) (chinh thuc )?(thi )?(gui|nop|lam) (don )?(o dau|cho ai|o cho nao|noi nao)\b|\b(lam sao|the nao|cach nao|o dau) (de |ma )?(gui|nop|viet) (don |thu )?(phan anh|khieu nai|kien nghi|to cao)\b|\b(gui|nop) (don |thu )?(phan anh|khieu nai|kien nghi|to cao) (chinh thuc )?(thi (gui|nop) )?(o dau|the nao|lam sao|cho ai|bang cach nao)\b/;

/** A question of how, where, how long or how much anywhere, or one closing the message ("… cần giấy gì", "… không"). */
const ASKS_HOW = /\?|\b(o dau|the nao|lam sao|ra sao|bao lau|bao nhieu|how|where)\b|\b(can (\S+ ){0,2}gi|khong|ko|chua)\s*$/;

/** Whether what the citizen just told is allowed or right ("như vậy có được không", "vậy có đúng không"), folded. */
const RHETORICAL = / (?:nhu vay|nhu the|the nay|kieu do|kieu nay|lam vay|lam the|the|vay) (?:co )?(?:duoc|dung|hop ly|dung luat|dung quy dinh) (?:khong|ko|k|hong|hok|hem)? /g;

/** A question whether something is allowed or how to go on ("… có được gia hạn không", "phải làm gì"). */
const CONDITION_ASK = /\b(co duoc|duoc (khong|hong|ko|k|hok|hem)|thi sao|ra sao|phai lam gi|can lam gi|lam gi)\b/;

/**
 * A question about how a procedure goes: a grievance told on the way to it does not outweigh it. "Thủ tục đó" points
 * back to the procedure the grievance is about ("… trong khi thủ tục đó miễn phí"): a question word must ask it.
 * Where to complain ("… trễ hẹn 1 tuần rồi, phản ánh ở đâu") asks nothing of the procedure.
 */
const PROCEDURE_ASK = /\b(can (\S+ ){0,2}gi|(?<!(cho|cua) )thu tuc(?! (do|nay|ay|kia)\b)|lam sao|lam the nao|(?<!(phan anh|kien nghi|khieu nai|to cao) )o dau|bao lau|bao nhieu (tien|ngay)|mang (theo )?gi|nop (o )?dau|dung gia|how (do|can|long|much))\b/;

/** A question whether a fine follows ("quá hạn có bị phạt không", "phạt bao nhiêu"): a rule of the procedure, no grievance. */
const PENALTY_ASK = /\b((co )?bi (xu )?phat|xu phat|phat (bao nhieu|the nao|khong|ko|ra sao)|co phat|nop phat|fined?|penalty)\b/;

/** Whether folded words ask about a penalty (see PENALTY_ASK). */
export function asksPenalty(foldedWords: readonly string[]): boolean {
  return PENALTY_ASK.test(` ${foldedWords.join(' ').slice(0, MAX_CHARS)} `);
}

/** At most this many characters are read: a grievance is said early, and the patterns stay linear on bounded input. */
const MAX_CHARS = 1200;

export function readGrievance(text: string): Grievance | null {
  const t = ` ${fold(text)} `;
  if (PERSON.test(t)) return 'handoff';
  const aboutBot = BOT.test(t);
  const aboutService = SERVICE.test(t);
  if (aboutBot && REMARK.test(t) && !MISTREATMENT.test(t)) return 'feedback';
  if (MISTREATMENT.test(t) || RUNAROUND.test(t) || PORTAL_FAILURE.test(t)) return aboutBot && !aboutService ? 'feedback' : 'complaint';
  // "gửi kiến nghị", "phản ánh việc …" with a need the matcher could not place: still a complaint. So is a petition
  // that opens by naming the office it asks something of ("Kiến nghị UBND xã bố trí làm việc sáng thứ Bảy …"), though
  // it names a procedure on the way, unless it asks how one goes.
  if (NAMED.test(t) && (!PROCEDURE_ASK.test(t) || (PETITION_OPENS.test(t) && !ASKS_HOW.test(t)))) return 'complaint';
  // Where to complain asked ("em muốn phản ánh chính thức thì gửi ở đâu"): the official channels, a complaint's answer.
  if (CHANNEL_ASKED.test(t)) return 'complaint';
  return null;
}

/**
 * A complaint strong enough to outweigh a procedure the matcher found in it: telling mistreatment or a runaround,
 * without asking how a procedure goes ("hồ sơ sang tên nộp từ tháng 8 chưa có kết quả, cán bộ cứ
 * bảo về chờ" is a complaint; "… giờ tôi phải làm thủ tục gì" asks the procedure).
 */
export function complaintOutweighs(text: string): boolean {
  const t = ` ${fold(text)} `;
  if (PERSON.test(t)) return false;
  // A dossier the office lost ("hồ sơ … bị thất lạc, công an xã nói không tìm thấy, giờ tôi phải làm sao") is the
  // office's fault whatever is asked next, unless a procedure is asked by name ("làm thủ tục gì").
  if (DOSSIER_LOST.test(t) && !/\bthu tuc\b/.test(t)) return true;
  if (PROCEDURE_ASK.test(t)) return false;
  // Named alone ("khiếu nại", "tố cáo") it may be the procedure of that name: only what happened outweighs it.
  return MISTREATMENT.test(t) || RUNAROUND.test(t) || PORTAL_FAILURE.test(t);
}

/** Mistreatment told in so many words (rudeness, asking for money), however the message goes on. */
export function mistreatmentTold(text: string): boolean {
  return MISTREATMENT.test(` ${fold(text)} `);
}

/** Whether the text asks how a procedure goes ("… thì gửi đơn ở đâu", "cần giấy gì", "làm thế nào"). */
export function asksProcedure(text: string): boolean {
  // Whether what was told is allowed, asked of it ("thái độ như vậy có được không"), asks no procedure.
  const t = ` ${fold(text)} `.replace(RHETORICAL, ' ');
  return PROCEDURE_ASK.test(t) || CONDITION_ASK.test(t);
}

// Folding makes "với tiền" (with the money) read "vòi tiền" (extorting money): said with marks, it is the former.
function fold(text: string): string {
  return foldDiacritics(normaliseText(text.slice(0, MAX_CHARS)).replace(/\bvới tiền/gu, 'cùng tiền'));
}
