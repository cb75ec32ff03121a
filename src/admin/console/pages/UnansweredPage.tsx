import { useEffect, useState } from 'preact/hooks';
import type { ContentVersion, ReviewItem, UnansweredGroup } from '../../api-types.js';
import { formatDate, formatNumber } from '../../format-vi.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { ReviewList } from '../components/ReviewList.js';
import { api, explain } from '../lib/api.js';
import { loadProcedureNames, procedureList, procedureName } from '../lib/names.js';
import { hasRole, say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

const KIND: Record<UnansweredGroup['kind'], string> = { fallback: 'Không hiểu', clarify: 'Phải hỏi lại', feedback_down: 'Đánh giá “không hữu ích”' };

/** Messages the bot could not answer, grouped; an admin adds one as a sample question of a procedure (a draft). */
export function UnansweredPage() {
  const data = useLoad(() => api<{ groups: UnansweredGroup[]; review: ReviewItem[] }>('GET', '/unanswered'), []);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const admin = hasRole('admin');
  useEffect(() => void loadProcedureNames(), []);
  const groups = (data.data?.groups ?? []).filter((g) => !hidden.has(g.key));
  const hide = (key: string) => setHidden(new Set([...hidden, key]));
  return (
    <Page title="Câu hỏi chưa trả lời" intro="Tin nhắn trợ lý không hiểu, phải hỏi lại, hoặc bị đánh giá “không hữu ích”, gộp theo câu gần giống nhau.">
      <LoadState loading={data.loading && !data.data} error={data.error}>
        {groups.length === 0 ? (
          <p>Chưa có câu hỏi nào chưa được trả lời.</p>
        ) : (
          <TableWrap label="Câu hỏi chưa trả lời">
            <table>
              <thead>
                <tr>
                  <th scope="col">Câu hỏi</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Số lần</th>
                  <th scope="col">Thời gian</th>
                  {admin ? <th scope="col">Xử lý</th> : null}
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.key} data-key={g.key}>
                    <td>
                      <div>{g.text ?? `Thủ tục: ${g.procedureId ? procedureName(g.procedureId) : '—'}`}</div>
                      {g.examples.length > 1 ? <div class="muted">Cách hỏi khác: {g.examples.slice(1).join(' · ')}</div> : null}
                    </td>
                    <td>{KIND[g.kind]}</td>
                    <td>
                      {formatNumber(g.count)} lần / {formatNumber(g.users)} người
                    </td>
                    <td>
                      {formatDate(g.firstAt)} – {formatDate(g.lastAt)}
                    </td>
                    {admin ? (
                      <td>
                        <Resolve g={g} onDone={() => hide(g.key)} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <ReviewList items={data.data?.review ?? []} />
      </LoadState>
    </Page>
  );
}

function Resolve({ g, onDone }: { g: UnansweredGroup; onDone: () => void }) {
  const [procedureId, setProcedureId] = useState(g.candidates[0] ?? '');
  const id = `resolve-${g.key.replace(/[^a-z0-9]/gi, '-').slice(0, 40)}`;
  async function add() {
    if (!procedureId) return void document.getElementById(id)?.focus();
    try {
      const res = await api<{ draft: ContentVersion | null; alreadyPresent: boolean }>('POST', '/unanswered/phrasing', { text: g.text, procedureId, groupKey: g.key });
      say(res.alreadyPresent ? 'Câu này đã có trong câu hỏi mẫu.' : `Đã thêm vào bản nháp phiên bản ${res.draft?.version} của “${procedureName(procedureId)}”. Xuất bản để trợ lý dùng.`);
      onDone();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  async function dismiss() {
    try {
      await api('POST', '/unanswered/dismiss', { key: g.key });
      say('Đã bỏ qua nhóm câu hỏi này.');
      onDone();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  if (!g.text) return null;
  return (
    <div class="row">
      <label class="sr-only" for={id}>
        Thủ tục cho câu “{g.text}”
      </label>
      <select id={id} value={procedureId} onChange={(e) => setProcedureId(e.currentTarget.value)}>
        <option value="">Chọn thủ tục…</option>
        {(procedureList.value ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void add()}>
        Thêm làm câu hỏi mẫu
      </button>
      <button type="button" onClick={() => void dismiss()}>
        Bỏ qua
      </button>
    </div>
  );
}
