import { useState } from 'preact/hooks';
import type { ReviewItem, ReviewTurn } from '../../api-types.js';
import { formatDateTime, formatPercent } from '../../format-vi.js';
import { TableWrap } from './Page.js';
import { api, explain } from '../lib/api.js';
import { procedureName } from '../lib/names.js';
import { ASPECT_WORDS, INTENT_WORDS } from '../lib/nlu-words.js';
import { hasRole, say } from '../lib/store.js';

const REASON: Record<ReviewItem['reason'], string> = {
  carry_over: 'Nối tiếp thủ tục của câu trước',
  narrow: 'Vượt ngưỡng trả lời sát nút',
};

/**
 * Answers worth a second look: the bot applied the previous procedure to a message, or answered by a small
 * margin. Each with the conversation around it (while it is kept), so staff can tell whether it was right.
 */
export function ReviewList({ items }: { items: ReviewItem[] }) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const admin = hasRole('admin');
  const shown = items.filter((i) => !hidden.has(i.id));
  async function dismiss(id: string) {
    try {
      await api('POST', '/unanswered/review/dismiss', { id });
      setHidden(new Set([...hidden, id]));
      say('Đã đánh dấu là đã xem.');
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  return (
    <section aria-labelledby="review-heading">
      <h3 id="review-heading">Câu trả lời cần xem lại</h3>
      <p class="intro">Trợ lý đã trả lời, nhưng dựa vào câu hỏi trước hoặc chỉ vừa đủ chắc chắn. Kiểm tra xem có đúng thủ tục người dân cần không.</p>
      {shown.length === 0 ? (
        <p>Không có câu trả lời nào cần xem lại.</p>
      ) : (
        <TableWrap label="Câu trả lời cần xem lại">
          <table>
            <thead>
              <tr>
                <th scope="col">Câu hỏi và cuộc trò chuyện</th>
                <th scope="col">Trợ lý đã trả lời</th>
                <th scope="col">Lý do xem lại</th>
                <th scope="col">Thời gian</th>
                {admin ? <th scope="col">Xử lý</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.id} data-review={item.id}>
                  <td>
                    <div>{item.text}</div>
                    <Conversation item={item} />
                  </td>
                  <td>
                    {item.procedureId ? procedureName(item.procedureId) : (INTENT_WORDS[item.intent] ?? item.intent)}
                    {item.aspect ? <div class="muted">{ASPECT_WORDS[item.aspect] ?? item.aspect}</div> : null}
                  </td>
                  <td>
                    {REASON[item.reason]}
                    <div class="muted">Độ khớp {formatPercent(item.confidence)}</div>
                  </td>
                  <td>{formatDateTime(item.at)}</td>
                  {admin ? (
                    <td>
                      <button type="button" onClick={() => void dismiss(item.id)}>
                        Đã xem
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function Conversation({ item }: { item: ReviewItem }) {
  if (item.before.length === 0 && item.after.length === 0) return <div class="muted">Cuộc trò chuyện không còn được lưu.</div>;
  return (
    <details>
      <summary>Xem cuộc trò chuyện</summary>
      <ol class="review-conversation">
        {[...item.before, ...item.after].map((turn, i) => (
          <Turn key={i} turn={turn} asked={turn.from === 'citizen' && turn.at === item.at} />
        ))}
      </ol>
    </details>
  );
}

function Turn({ turn, asked }: { turn: ReviewTurn; asked: boolean }) {
  return (
    <li class={asked ? 'asked' : undefined}>
      <b>{turn.from === 'citizen' ? 'Người dân' : 'Trợ lý'}:</b> {turn.text}
    </li>
  );
}
