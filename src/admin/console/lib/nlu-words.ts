import type { NluTestResult } from '../../api-types.js';
import { formatPercent } from '../../format-vi.js';

/** What the matcher and the dialogue decided, in the words of a content editor. */

export const DECISION_WORDS: Record<string, string> = {
  answer: 'Trả lời',
  clarify: 'Hỏi lại để làm rõ',
  fallback: 'Không hiểu, đưa menu trợ giúp',
};

export const ASPECT_WORDS: Record<string, string> = {
  overview: 'Thông tin chung',
  documents: 'Giấy tờ cần nộp',
  fee: 'Phí, lệ phí',
  duration: 'Thời hạn giải quyết',
  place: 'Nơi nộp',
  online: 'Nộp trực tuyến',
  steps: 'Các bước',
  result: 'Kết quả',
  legal: 'Căn cứ pháp lý',
};

export const INTENT_WORDS: Record<string, string> = {
  procedure: 'Hỏi về thủ tục',
  dossier_status: 'Tra cứu hồ sơ',
  greeting: 'Chào hỏi',
  thanks: 'Cảm ơn',
  help: 'Cần hướng dẫn',
  handoff: 'Muốn gặp cán bộ',
  language: 'Đổi ngôn ngữ',
  feedback: 'Đánh giá câu trả lời',
  out_of_scope: 'Ngoài phạm vi',
  follow_dossier: 'Theo dõi hồ sơ',
  unfollow_dossier: 'Bỏ theo dõi hồ sơ',
  ask_need: 'Hỏi chung chung, hỏi lại nhu cầu',
  complaint: 'Phản ánh, kiến nghị',
  contacts: 'Hỏi địa chỉ, giờ làm việc',
  more_detail: 'Xem đầy đủ câu trả lời',
  fallback: 'Không rõ ý',
};

export function actionWords(a: NluTestResult['actions'][number]): string | null {
  switch (a.type) {
    case 'lookup_dossier':
      return `Tra cứu hồ sơ ${a.code} trên hệ thống một cửa`;
    case 'follow_dossier':
      return `Theo dõi hồ sơ ${a.code}`;
    case 'unfollow_dossier':
      return 'Bỏ theo dõi hồ sơ';
    case 'handoff':
      return 'Chuyển cuộc trò chuyện cho cán bộ';
    case 'feedback':
      return a.helpful ? 'Ghi nhận đánh giá “hữu ích”' : 'Ghi nhận đánh giá “không hữu ích”';
    case 'record_unanswered':
      return 'Ghi vào danh sách câu hỏi chưa trả lời';
    default:
      return null;
  }
}

/** The candidates the matcher weighed, best first: the chosen procedure, then the runners-up. */
export function candidates(r: NluTestResult): { procedureId: string; confidence: number; chosen: boolean }[] {
  const out: { procedureId: string; confidence: number; chosen: boolean }[] = [];
  if (r.procedureId) out.push({ procedureId: r.procedureId, confidence: r.confidence, chosen: r.decision === 'answer' });
  for (const a of r.alternatives) if (a.procedureId !== r.procedureId) out.push({ ...a, chosen: false });
  return out.sort((a, b) => b.confidence - a.confidence).slice(0, 4);
}

/** One sentence on why: "Chọn “Cấp hộ chiếu” vì khớp 86,2 %, hơn hẳn phương án thứ hai (41,0 %)." */
export function whySentence(r: NluTestResult, name: (id: string) => string): string {
  const c = candidates(r);
  const [first, second] = c;
  if (r.intent !== 'procedure' && r.intent !== 'fallback') return `Nhận ra ý “${INTENT_WORDS[r.intent] ?? r.intent}” (độ khớp ${formatPercent(r.confidence)}).`;
  if (r.decision === 'answer' && first) {
    const follow = r.followUp ? ' Câu hỏi được hiểu là hỏi tiếp về thủ tục vừa trả lời.' : '';
    return `Chọn “${name(first.procedureId)}” vì khớp ${formatPercent(first.confidence)}${second ? `, hơn rõ phương án tiếp theo (${formatPercent(second.confidence)})` : ''}.${follow}`;
  }
  if (r.decision === 'clarify') return `Có ${c.length} thủ tục gần nhau, không cái nào hơn hẳn: trợ lý hỏi lại để người dân chọn.`;
  return first ? `Không thủ tục nào đủ khớp (cao nhất “${name(first.procedureId)}”, ${formatPercent(first.confidence)}).` : 'Không thủ tục nào khớp với câu này.';
}
