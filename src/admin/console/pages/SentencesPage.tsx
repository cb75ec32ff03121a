import { useState } from 'preact/hooks';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { TextAreaField, TextField } from '../components/inputs.js';
import { api, explain } from '../lib/api.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

interface SentenceRow {
  id: string;
  default: { vi?: string; en?: string } | undefined;
  override: { vi: string; en?: string } | null;
}

/** Rows shown at once: the list has a few hundred sentences; the search narrows it. */
const SHOWN = 60;

/**
 * The bot's system sentences (greeting, hand-off, out of scope, welcome, complaints, contacts…): the locale
 * files are the defaults; an admin's text replaces one once published, and "Dùng câu mặc định" brings it back.
 */
export function SentencesPage() {
  const data = useLoad(() => api<{ items: SentenceRow[] }>('GET', '/sentences/defaults'), []);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const needle = q.trim().toLowerCase();
  const rows = (data.data?.items ?? []).filter((r) => !needle || r.id.toLowerCase().includes(needle) || (r.override?.vi ?? r.default?.vi ?? '').toLowerCase().includes(needle));
  return (
    <Page title="Câu trả lời hệ thống" intro="Lời chào, chuyển cán bộ, ngoài phạm vi, phản ánh, địa chỉ liên hệ… Sửa một câu rồi lưu: câu mới được dùng ngay; giữ nguyên các chỗ {{…}}.">
      <TextField label="Tìm câu" type="search" value={q} onValue={setQ} placeholder="ví dụ: chào, cán bộ, smalltalk.greeting" />
      <LoadState loading={data.loading} error={data.error}>
        <TableWrap label="Câu trả lời hệ thống">
          <table>
            <thead>
              <tr>
                <th scope="col">Mã câu</th>
                <th scope="col">Nội dung đang dùng</th>
                <th scope="col">Xử lý</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN).map((r) => (
                <tr key={r.id} data-sentence={r.id}>
                  <td>
                    <code>{r.id}</code>
                    {r.override ? <div class="muted">Đã sửa</div> : null}
                  </td>
                  <td>{editing === r.id ? <Editor row={r} onDone={() => void data.reload().then(() => setEditing(null))} /> : (r.override?.vi ?? r.default?.vi ?? '')}</td>
                  <td>
                    {editing === r.id ? null : (
                      <button type="button" onClick={() => setEditing(r.id)}>
                        Sửa
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {rows.length > SHOWN ? <p class="muted">Còn {rows.length - SHOWN} câu khác; gõ vào ô tìm để thu hẹp.</p> : null}
      </LoadState>
    </Page>
  );
}

function Editor({ row, onDone }: { row: SentenceRow; onDone: () => void }) {
  const [vi, setVi] = useState(row.override?.vi ?? row.default?.vi ?? '');
  const [en, setEn] = useState(row.override?.en ?? '');
  const path = `/sentences/${encodeURIComponent(row.id)}`;
  async function save() {
    try {
      await api('PUT', path, { id: row.id, text: en.trim() ? { vi, en } : { vi } });
      await api('POST', `${path}/publish`, {});
      say('Đã lưu và áp dụng câu mới.');
      onDone();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  async function restore() {
    try {
      await api('DELETE', path);
      await api('POST', `${path}/publish`, {});
      say('Đã dùng lại câu mặc định.');
      onDone();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  return (
    <div>
      <TextAreaField label="Tiếng Việt" path="text.vi" value={vi} onValue={setVi} rows={4} hint={row.default?.vi ? `Mặc định: ${row.default.vi}` : undefined} />
      <TextAreaField label="Tiếng Anh (để trống: giữ câu mặc định)" path="text.en" value={en} onValue={setEn} rows={3} />
      <div class="row">
        <button type="button" onClick={() => void save()}>
          Lưu và áp dụng
        </button>
        {row.override ? (
          <button type="button" onClick={() => void restore()}>
            Dùng câu mặc định
          </button>
        ) : null}
        <button type="button" onClick={onDone}>
          Hủy
        </button>
      </div>
    </div>
  );
}
