/**
 * A question about how far a filed dossier has got, told from the shape of the sentence: the dossier (its
 * receipt, "hồ sơ … của tôi") followed by a status question ("xong chưa", "tới đâu rồi", "sao rồi", "có kết quả
 * chưa"). It is a status query whatever procedure names the dossier ("hồ sơ khai tử cho ba tui nộp tuần trước,
 * chừ tới mô rồi"): the procedure's page cannot say where one citizen's file is. Asking how long a procedure
 * takes ("hồ sơ … bao lâu thì xong") is the procedure's own question.
 * Read on the folded words after abbreviations ("tới mô" → "tới đâu").
 */
const DOSSIER = /\b(?:ho so|bien nhan|giay hen|giay tiep nhan|my application|my file)\b/;

const STATUS =
  /\b(?:(?:da )?xong chua|sao chua (?:co|xong|duoc|tra)|sao (?:\S+ ){1,4}(?:van |ma )?chua (?:co|xong|duoc|thay|tra)|sao lau (?:the|vay|qua|vay ta)|(?:toi|den) dau roi|(?:toi|den) dau|sao roi|the nao roi|co ket qua chua|co chua|giai quyet (?:xong )?chua|xu ly (?:xong |toi dau |den dau )?(?:chua|roi)|dang o (?:dau|khau nao)|tinh trang (?:ho so|xu ly|giai quyet)|(?:kiem tra|tra cuu|xem) (?:\S+ ){0,2}(?:tinh trang|tien do)|(?:xem|kiem tra|check|tra|tra cuu) (?:giup|dum|gium|ho|lai)(?: (?:toi|tui|em|minh|chau|con|voi|nha|nhe|a))*(?= ?$)|ket o (?:khau|buoc) nao|duyet chua|tra (?:ket qua )?chua|con (?:trong )?han (?:khong|ko|k|chua|hong)|(?:da |bi )?(?:qua|tre) (?:han|hen) (?:chua|khong|ko|hong)|(?:khong nho|quen|mat|khong con) (?:cai )?ma(?: ho so| bien nhan)?\b|is it ready|is it done|is it overdue|what is the status|status of)\b/;

/** A question about the procedure itself: how long it takes, what it needs, where it is filed. */
const PROCEDURE_ASK = /\b(?:bao lau|may ngay|bao nhieu (?:ngay|tien)|can (?:\S+ ){0,2}gi|o dau|nop dau|how long|how much)\b/;

const MAX_CHARS = 600;

/** First words of the dossier's names above: most messages hold none (a cheap test first). */
const DOSSIER_HEADS = new Set(['ho', 'bien', 'giay', 'my']);

/**
 * A filed dossier looked up by name ("em muốn tra hồ sơ đăng ký xe"): the look-up verb wanted, just before the dossier.
 * Folded, "trả hồ sơ" (a file sent back) reads the same: only a wish to look one up counts.
 */
const LOOKED_UP = / (?:muon|can|xin|nho|giup|gium|dum) (?:\S+ )?(?:tra|tra cuu|kiem tra|check) (?:lai |giup |gium |dum |ho )?(?:ho so|bien nhan)\b/;

export function readsStatusQuestion(foldedWords: readonly string[]): boolean {
  if (!foldedWords.some((w) => DOSSIER_HEADS.has(w))) return false;
  const text = ` ${foldedWords.join(' ').slice(0, MAX_CHARS)} `;
  const dossier = DOSSIER.exec(text);
  if (!dossier) return false;
  const rest = text.slice(dossier.index);
  return (STATUS.test(rest) || LOOKED_UP.test(text)) && !PROCEDURE_ASK.test(rest);
}
