import { useState } from 'preact/hooks';
import { Tag, TagAssignBody, type TagImportReport, type TagInfo } from '../../api-types.js';
import { formatNumber } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SelectField, TextAreaField, TextField } from '../components/inputs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api, ApiError, explain } from '../lib/api.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

const splitIds = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

/** The tags announcements are sent to (communes, wards, topics): counts, creation, assignment, CSV import. */
export function TagsPage() {
  const tags = useLoad(() => api<{ tags: TagInfo[] }>('GET', '/tags'), []);
  const list = tags.data?.tags ?? [];
  return (
    <Page title="Nhãn người nhận" intro="Thông báo gửi theo nhãn chỉ đến người đang quan tâm OA và mang nhãn đó. Một nhãn chưa tạo không dùng được khi gửi, nên gõ nhầm sẽ được báo ngay.">
      <LoadState loading={tags.loading && !tags.data} error={tags.error}>
        {list.length === 0 ? (
          <p class="muted">Chưa có nhãn nào.</p>
        ) : (
          <TableWrap label="Danh sách nhãn">
            <table>
              <thead>
                <tr>
                  <th scope="col">Nhãn</th>
                  <th scope="col">Đang quan tâm OA</th>
                  <th scope="col">Tổng số người mang nhãn</th>
                </tr>
              </thead>
              <tbody>
                {list.map((t) => (
                  <tr key={t.tag} data-tag={t.tag}>
                    <td>{t.tag}</td>
                    <td>{formatNumber(t.followers)}</td>
                    <td>{formatNumber(t.members)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </LoadState>
      <div class="cols">
        <div>
          <CreateTag onDone={() => void tags.reload()} />
          <AssignTag tags={list} onDone={() => void tags.reload()} />
        </div>
        <ImportTags onDone={() => void tags.reload()} />
      </div>
    </Page>
  );
}

function CreateTag({ onDone }: { onDone: () => void }) {
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | undefined>();
  async function submit(e: Event) {
    e.preventDefault();
    if (!Tag.safeParse(tag).success) return setError('Tên nhãn: chữ, số, khoảng trắng hoặc _.:/-, tối đa 50 ký tự.');
    setError(undefined);
    try {
      const res = await api<{ created: boolean }>('POST', '/tags', { tag: tag.trim() });
      say(res.created ? `Đã tạo nhãn “${tag.trim()}”.` : `Nhãn “${tag.trim()}” đã có.`);
      setTag('');
      onDone();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Tạo nhãn</h3>
      <TextField label="Tên nhãn" hint="Ví dụ: xã Bình Sơn, phường 1, chủ đề:bảo hiểm" value={tag} onValue={setTag} error={error} maxLength={50} />
      <button type="submit">Tạo nhãn</button>
    </form>
  );
}

/** Gives a commune's tag to the followers living there (their Zalo ids, pasted from the commune's list). */
function AssignTag({ tags, onDone }: { tags: TagInfo[]; onDone: () => void }) {
  const [tag, setTag] = useState('');
  const [ids, setIds] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: Event) {
    e.preventDefault();
    const checked = TagAssignBody.safeParse({ tag, userIds: splitIds(ids) });
    if (!checked.success) {
      const map: Record<string, string> = {};
      for (const i of checked.error.issues) map[String(i.path[0])] ??= i.path[0] === 'tag' ? 'Nhãn: vui lòng chọn nhãn' : 'Mã người dùng Zalo: nhập ít nhất một mã hợp lệ (chữ, số, “_” hoặc “-”)';
      return setErrors(map);
    }
    setErrors({});
    try {
      const res = await api<{ added: number; users: number }>('POST', '/tags/assign', checked.data);
      say(`Đã gắn nhãn “${tag}” cho ${formatNumber(res.added)} người mới (${formatNumber(res.users)} mã đã nhập).`);
      setIds('');
      onDone();
    } catch (err) {
      say(err instanceof ApiError && err.body.fields ? Object.values(err.body.fields).join(' ') : explain(err), 'error');
    }
  }
  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Gắn nhãn theo xã, phường</h3>
      <SelectField label="Nhãn" value={tag} placeholder="Chọn nhãn…" options={tags.map((t) => ({ value: t.tag, label: t.tag }))} onValue={setTag} error={errors.tag} />
      <TextAreaField label="Mã người dùng Zalo" hint="Mỗi dòng một mã, hoặc cách nhau bằng dấu phẩy." rows={4} value={ids} onValue={setIds} error={errors.userIds} />
      <button type="submit">Gắn nhãn</button>
    </form>
  );
}

function ImportTags({ onDone }: { onDone: () => void }) {
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<TagImportReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  async function check(e: Event) {
    e.preventDefault();
    if (!csv.trim()) return;
    try {
      setReport(await api<TagImportReport>('POST', '/tags/import', { csv, apply: false }));
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  async function readFile(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
    setReport(null);
  }
  return (
    <form class="card" onSubmit={(e) => void check(e)}>
      <h3>Nhập nhãn từ tệp CSV</h3>
      <p class="muted">Mỗi dòng: mã người dùng Zalo, nhãn. Ví dụ: 2468000000000000821,xã Bình Sơn</p>
      <div class="field row">
        {/* The browser's own file button speaks its UI language; this one speaks Vietnamese. */}
        <input id="csv-file" class="file-input" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
        <label for="csv-file" class="btn">
          Chọn tệp CSV…
        </label>
        <span class="muted">{fileName ?? 'Chưa chọn tệp'}</span>
      </div>
      <TextAreaField label="Hoặc dán nội dung CSV" rows={6} value={csv} onValue={(v) => (setCsv(v), setReport(null))} />
      <button type="submit">Kiểm tra tệp</button>
      {report ? (
        <div class="import-report" aria-live="polite">
          <p>
            {formatNumber(report.rows)} dòng: {formatNumber(report.assignments)} lần gắn nhãn cho {formatNumber(report.users)} người.
          </p>
          {report.newTags.length ? <p>Nhãn mới sẽ được tạo: {report.newTags.map((t) => `“${t}”`).join(', ')}. Kiểm tra chính tả trước khi nhập.</p> : null}
          {report.errors.length ? (
            <div class="errors" role="alert">
              <strong>Có {report.errors.length} dòng lỗi; sửa rồi kiểm tra lại:</strong>
              <ul>
                {report.errors.map((e) => (
                  <li key={e.line}>
                    Dòng {e.line}: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <button type="button" class="primary" disabled={report.assignments === 0} onClick={() => setConfirming(true)}>
              Nhập…
            </button>
          )}
        </div>
      ) : null}
      {confirming && report ? (
        <ConfirmDialog
          title="Nhập nhãn"
          confirmLabel={`Gắn ${formatNumber(report.assignments)} nhãn`}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const res = await api<TagImportReport>('POST', '/tags/import', { csv, apply: true });
            say(`Đã nhập ${formatNumber(res.assignments)} lần gắn nhãn cho ${formatNumber(res.users)} người.`);
            setCsv('');
            setReport(null);
            onDone();
          }}
        >
          <ul>
            {Object.entries(report.perTag).map(([tag, n]) => (
              <li key={tag}>
                “{tag}”: {formatNumber(n)} người{report.newTags.includes(tag) ? ' (nhãn mới)' : ''}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
