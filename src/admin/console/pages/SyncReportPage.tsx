import { useState } from 'preact/hooks';
import { STATUS_LABELS, type ChangesQuery, type ChangesResponse, type PublishCatalogueResponse, type RecordChange, type SyncReport } from '../../../catalogue/api-types.js';
import { formatDate, formatDateTime, formatNumber } from '../../format-vi.js';
import { CatalogueTabs } from '../components/CatalogueTabs.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { DisagreementTable } from '../components/DisagreementTable.js';
import { FactChanges } from '../components/FactChanges.js';
import { LoadState, Page } from '../components/Page.js';
import { Pager } from '../components/Pager.js';
import { api } from '../lib/api.js';
import { problemWords, sourceWords } from '../lib/catalogue-words.js';
import { hasRole, say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';
import type { PageProps } from '../registry.js';

type Kind = ChangesQuery['kind'];
const KIND_WORDS: Record<Kind, string> = { changed: 'Thay đổi', added: 'Thêm mới', removed: 'Không còn trong nguồn' };
const LIMIT = 20;
type Action = 'approve' | 'publish' | 'discard';

function ChangeList({ id, kind, total }: { id: string; kind: Kind; total: number }) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => api<ChangesResponse>('GET', `/catalogue/sync/reports/${id}/changes?kind=${kind}&q=${encodeURIComponent(q)}&offset=${offset}&limit=${LIMIT}`), [id, kind, q, offset]);
  if (total === 0) return <p class="muted">Không có.</p>;
  return (
    <>
      <div class="field">
        <label for={`changes-${kind}`}>Tìm trong mục “{KIND_WORDS[kind]}”</label>
        <input id={`changes-${kind}`} type="search" placeholder="Mã, tên thủ tục hoặc mã trang nội dung" value={q} onInput={(e) => (setQ(e.currentTarget.value), setOffset(0))} />
      </div>
      <LoadState loading={list.loading && !list.data} error={list.error}>
        <ul class="changes">
          {(list.data?.items ?? []).map((c) => (
            <li key={c.nationalCode} class="card" data-change={c.nationalCode}>
              <strong>{c.nationalCode}</strong> {c.name}
              {c.curatedId ? <span class="status draft">có trang nội dung {c.curatedId}</span> : null}
              {'facts' in c ? <FactChanges facts={(c as RecordChange).facts} /> : null}
            </li>
          ))}
        </ul>
        <Pager offset={offset} limit={LIMIT} total={list.data?.total ?? 0} onMove={setOffset} label={`Chuyển trang mục ${KIND_WORDS[kind]}`} />
      </LoadState>
    </>
  );
}

const CONFIRM: Record<Action, { title: string; label: string; danger?: boolean }> = {
  approve: { title: 'Duyệt báo cáo đồng bộ', label: 'Duyệt thành bản nháp' },
  publish: { title: 'Xuất bản danh mục mới', label: 'Xuất bản' },
  discard: { title: 'Bỏ báo cáo đồng bộ', label: 'Bỏ báo cáo', danger: true },
};

/** One sync: what it read, what would change fact by fact, and approve → draft → publish (admins). */
export function SyncReportPage({ params }: PageProps) {
  const id = params.id!;
  const [kind, setKind] = useState<Kind>('changed');
  const [action, setAction] = useState<Action | null>(null);
  const data = useLoad(() => api<{ report: SyncReport }>('GET', `/catalogue/sync/reports/${id}`), [id], 2000);
  const r = data.data?.report;
  const admin = hasRole('admin');
  const c = r?.counts;
  async function act(a: Action) {
    if (a === 'publish') {
      const res = await api<PublishCatalogueResponse>('POST', `/catalogue/sync/reports/${id}/publish`, {});
      say(`Đã xuất bản danh mục mới. Trợ lý dùng nội dung ${res.version} từ bây giờ.`);
    } else {
      await api('POST', `/catalogue/sync/reports/${id}/${a}`, {});
      say(a === 'approve' ? 'Đã duyệt: danh mục mới là bản nháp, chưa đến người dân. Xuất bản khi sẵn sàng.' : 'Đã bỏ báo cáo; danh mục đang dùng giữ nguyên.');
    }
    await data.reload();
  }
  return (
    <Page title={r ? `Báo cáo đồng bộ ${formatDateTime(r.startedAt)}` : 'Báo cáo đồng bộ'}>
      <CatalogueTabs current="sync" />
      <p>
        <a href="#/catalogue/sync">← Về các lần đồng bộ</a>
      </p>
      <LoadState loading={data.loading && !r} error={data.error}>
        {r ? (
          <>
            <section class="card" aria-labelledby="report-state">
              <h3 id="report-state">
                <span class={`status ${r.status}`}>{STATUS_LABELS[r.status]}</span>
              </h3>
              <p>
                {r.trigger === 'schedule' ? 'Lịch tự động' : r.by} chạy lúc {formatDateTime(r.startedAt)}
                {r.finishedAt ? `, xong lúc ${formatDateTime(r.finishedAt)}` : ''}. Nguồn: {sourceWords(r.source)}.
              </p>
              {r.progress ? (
                <p aria-live="polite">
                  Đã đọc {formatNumber(r.progress.done)}/{formatNumber(r.progress.total)} bản ghi…
                </p>
              ) : null}
              {r.problem ? (
                <div role="alert" class="errors">
                  <p>Đồng bộ dừng vì {problemWords(r.problem)}</p>
                  <p>Chi tiết: {r.problem.message}</p>
                  <p>Không có gì được xuất bản: người dân vẫn nhận câu trả lời theo danh mục đang dùng.</p>
                </div>
              ) : null}
              {r.status === 'unchanged' ? <p>Nguồn không có gì khác danh mục đang dùng.</p> : null}
              {c ? (
                <p data-counts>
                  Đang dùng {formatNumber(c.before)} thủ tục; nguồn có {formatNumber(c.after)}: {formatNumber(c.added)} mới, {formatNumber(c.removed)} không còn, {formatNumber(c.changed)} thay đổi, {formatNumber(c.unchanged)} giữ nguyên.
                </p>
              ) : null}
              {r.reviewedBy ? <p>{r.status === 'discarded' ? 'Bỏ' : 'Duyệt'} bởi {r.reviewedBy} lúc {formatDateTime(r.reviewedAt)}.</p> : null}
              {r.publishedBy ? (
                <p>
                  Xuất bản bởi {r.publishedBy} lúc {formatDateTime(r.publishedAt)} (nội dung {r.liveVersion}).
                </p>
              ) : null}
              {admin ? (
                <div class="row">
                  {r.status === 'ready' ? (
                    <button type="button" class="primary" onClick={() => setAction('approve')}>
                      Duyệt…
                    </button>
                  ) : null}
                  {r.status === 'approved' ? (
                    <button type="button" class="primary" onClick={() => setAction('publish')}>
                      Xuất bản…
                    </button>
                  ) : null}
                  {r.status === 'ready' || r.status === 'approved' ? (
                    <button type="button" class="danger" onClick={() => setAction('discard')}>
                      Bỏ báo cáo…
                    </button>
                  ) : null}
                </div>
              ) : null}
            </section>
            {r.disagreements?.length ? (
              <section aria-labelledby="report-disagreements">
                <h3 id="report-disagreements">Trang nội dung sẽ ghi khác danh mục mới</h3>
                <p class="muted">Sau khi xuất bản, trợ lý trả lời các mục này theo danh mục mới và nói rõ nguồn; hãy sửa trang nội dung cho khớp.</p>
                <DisagreementTable items={r.disagreements} label="Chênh lệch sau khi xuất bản" />
              </section>
            ) : null}
            {c && r.candidate ? (
              <section aria-labelledby="report-changes">
                <h3 id="report-changes">Thay đổi từng thủ tục</h3>
                <nav class="tabs" aria-label="Loại thay đổi">
                  {(['changed', 'added', 'removed'] as const).map((k) => (
                    <a key={k} href={`#/catalogue/sync/${id}`} aria-current={kind === k ? 'page' : undefined} onClick={(e) => (e.preventDefault(), setKind(k))}>
                      {KIND_WORDS[k]} ({formatNumber(c[k])})
                    </a>
                  ))}
                </nav>
                <ChangeList key={kind} id={id} kind={kind} total={c[kind]} />
              </section>
            ) : null}
          </>
        ) : null}
      </LoadState>
      {action && r && c ? (
        <ConfirmDialog title={CONFIRM[action].title} confirmLabel={CONFIRM[action].label} danger={CONFIRM[action].danger} onClose={() => setAction(null)} onConfirm={() => act(action)}>
          {action === 'approve' ? (
            <p>
              Danh mục đọc ngày {formatDate(r.source.retrievedAt)} ({formatNumber(c.after)} thủ tục: {formatNumber(c.added)} mới, {formatNumber(c.removed)} không còn, {formatNumber(c.changed)} thay đổi) thành bản nháp. Người dân chưa thấy gì cho đến khi xuất bản; có thể thử trước ở trang “Thử trợ lý” với bản nháp.
            </p>
          ) : action === 'publish' ? (
            <>
              <p>
                Mọi máy chủ của trợ lý chuyển sang danh mục mới ngay: {formatNumber(c.added)} thủ tục mới, {formatNumber(c.removed)} thủ tục không còn, {formatNumber(c.changed)} thủ tục thay đổi.
              </p>
              {r.disagreements?.length ? <p>{formatNumber(r.disagreements.length)} mục của trang nội dung sẽ ghi khác danh mục mới; trợ lý trả lời các mục đó theo danh mục.</p> : null}
            </>
          ) : (
            <p>Báo cáo này sẽ không được xuất bản{r.status === 'approved' ? ' và bản nháp danh mục bị bỏ' : ''}. Danh mục đang dùng giữ nguyên.</p>
          )}
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
