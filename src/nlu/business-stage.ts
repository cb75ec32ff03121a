/**
 * A household business's stage, read from the verbs said with it: opening one ("đăng ký hộ kinh doanh tiệm trà
 * sữa"), changing it ("dời quán sang chỗ mới", "đổi tên chủ hộ") or closing it ("đóng cửa hẳn", "dẹp tiệm"). The three
 * procedures share their nouns (tiệm, quán, giấy chứng nhận hộ kinh doanh), so a message naming a shop with the
 * business weighs them alike and the bot asked which; the verb is what tells them apart.
 */
import { askAmong, caseSpaced, carriedOrPending, type ProcedureRef } from './stated-case.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/** The three stages' procedures, and every procedure about a household business (the catalogue's pause among them). */
export type BusinessStages = { open: ProcedureRef; change: ProcedureRef; close: ProcedureRef; pause: ProcedureRef | null; family: ReadonlySet<string> };

/** The household business named ("hộ kinh doanh", "hkd", "hộ cá thể", "household business"), folded. */
const HOUSEHOLD = / (ho kinh doanh|hkd|ho kd|kinh doanh ca the|ho ca the|household business)\b/;
/**
 * A business licence in general ("giấy phép kinh doanh", "đăng ký kinh doanh"): a company's too, so it names the
 * household business only for a change or a close, where the reading already weighed the household's procedures.
 */
const ANY_BUSINESS = / (giay phep kinh doanh|gpkd|dang ky kinh doanh|dk kinh doanh|business licen[cs]e|business registration)\b/;
/** A pause, not a close ("tạm ngừng", "tạm nghỉ"): the catalogue's own procedure (notifying a pause). */
const PAUSE = / (tam (ngung|nghi|dung)|nghi tam|temporar\w*|pause)\b/;
/** Closing it ("đóng cửa hẳn", "dẹp tiệm", "nghỉ bán", "không buôn bán nữa", "trả lại giấy phép", "close my business"). */
const CLOSE = / (cham dut|giai the|dep (tiem|quan|sap|cho|hang|luon|bo|di|roi)|dong cua|dong (ho|hkd|tiem|quan|sap|luon|han|lai|giay)|nghi (han|luon|ban|buon ban|kinh doanh|lam an)|ngung (ban|kinh doanh|hoat dong|han|luon|buon)|khong (ban|buon ban|kinh doanh|lam an|mo) nua|tra (lai )?(giay|gp)|nop lai giay|huy (giay|gp|dang ky|ho)|close|closing|closed|shut|stop (the |my |our )?business|quit)\b/;
/**
 * Changing it ("thay đổi", "dời quán qua …", "đổi tên chủ hộ", "chuyển cửa hàng sang địa điểm mới", "bổ sung ngành",
 * "move the shop"). Folded, "doi" is both "đổi" and "dời": either is a change here.
 */
const CHANGE = / (thay doi|doi (ten|nganh|chu|dia chi|dia diem|cho|sang|qua|mat hang|ve|tru so|quan|tiem|cua hang|tu|len|ra|xuong|toi|den)|chuyen (dia diem|cho|sang|qua|toi|den|ve|nha|tiem|quan|cua hang|tru so|nganh|chu|ten|nhuong|ho|hkd)|(cho|sang|qua) (\S+ ){0,3}dung ten|(doi|chuyen|thay) nguoi (dung ten|dai dien|chu ho)|sua (lai )?(thong tin )?(giay|noi dung|ten|dia chi)|bo sung (nganh|mat hang)|them (nganh|mat hang)|sang ten|sang nhuong|change|changing|move|moving|relocat\w*)\b/;
/**
 * The certificate lost or spoilt ("mất giấy chứng nhận", "cấp lại"): a re-issue, another procedure. Folded, "mat" is also
 * "mật" (honey) and "hu" "hủ" (a noodle): only with what was lost.
 */
const REISSUE = / ((?:bi |lam |da |danh )?mat (?:giay|gp|het|roi|luon|cai|ban|di|tieu)|that lac|cap lai|lam lai|hu (?:giay|roi|het|nat|mat)|rach|lost)\b/;
/** Opening one ("đăng ký", "dk", "mở tiệm", "xin giấy phép", "register", "open"). */
const OPEN = / ((?<!giay |chung nhan )(dang ky|dang ki|dk|dki)|mo (tiem|quan|cua hang|ho|hkd|shop|sap|them|cho)|xin (giay phep|gp)|lam (giay phep|gp)|ra giay|register|registering|open|opening|set up|start|starting)\b/;
/** A business held already ("có giấy chứng nhận …", "đã đăng ký"): its stage is not an opening. */
const HELD = / ((da |dang )?co (san )?(giay|gp|ho kinh doanh|hkd)|da (dang ky|dk)|dang kinh doanh|have (a |my |the )?(business|licen[cs]e|certificate))\b/;

/** The stage the message says, or null when it says none; both a change and a close ask which. */
export function businessStageSaid(text: string): 'open' | 'change' | 'close' | 'pause' | 'change-or-close' | null {
  const spaced = caseSpaced(text);
  const household = HOUSEHOLD.test(spaced);
  if (!household && !ANY_BUSINESS.test(spaced)) return null;
  if (PAUSE.test(spaced)) return 'pause';
  const close = CLOSE.test(spaced);
  const change = CHANGE.test(spaced);
  if (close && change) return 'change-or-close';
  if (close) return 'close';
  if (change) return 'change';
  return household && OPEN.test(spaced) && !HELD.test(spaced) && !REISSUE.test(spaced) ? 'open' : null;
}

/**
 * Settles a reading among the household business's procedures by the stage said. Only a reading of this message
 * (not one carried from the conversation or answering open buttons) that answered or offered one of them first.
 */
export function withBusinessStage(matcher: Matcher, stages: BusinessStages | null): Matcher {
  if (!stages) return matcher;
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context)) return u;
      if (u.intent !== 'procedure' || (u.decision !== 'answer' && u.decision !== 'clarify')) return u;
      // An answer of the family, or a question whose first two buttons are both of it (a licence for a haulage
      // business, offered beside the household's, is another need).
      const read = u.decision === 'answer' ? [u.procedureId] : u.alternatives.slice(0, 2).map((a) => a.procedureId);
      const stage = businessStageSaid(text);
      if (stage === null || read.length === 0) return u;
      // A pause said in so many words ("tạm ngừng"), or a change and a close both said, needs no second button of the
      // family: the first is enough.
      const weighed = stage === 'pause' || stage === 'change-or-close' ? read.slice(0, 1) : read;
      // Another licence read first while the household business is named with its change or close ("thôi không bán rượu nữa, dẹp
      // luôn hộ kinh doanh"): the stage's procedure, when the reading weighed it too.
      const meantAlso = stage === 'change' || stage === 'close' ? stages[stage] : null;
      if (!weighed.every((id) => id !== null && stages.family.has(id))) {
        const weighedToo = meantAlso !== null && HOUSEHOLD.test(caseSpaced(text)) && u.alternatives.some((a) => a.procedureId === meantAlso.procedureId);
        return weighedToo ? { ...u, ...meantAlso, decision: 'answer', intentId: null, alternatives: [], narrow: true } : u;
      }
      if (stage === 'change-or-close') {
        return askAmong(u, [stages.change, stages.close]);
      }
      const meant = stages[stage];
      if (!meant) return u;
      if (u.decision === 'answer' && u.procedureId === meant.procedureId) return u;
      // Told apart by a verb, not by the scores: listed for review.
      return { ...u, ...meant, decision: 'answer', intentId: null, alternatives: [], narrow: true };
    },
  };
}
