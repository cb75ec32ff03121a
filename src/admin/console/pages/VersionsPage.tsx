import { useState } from 'preact/hooks';
import type { ContentVersion, ContentView } from '../../api-types.js';
import { diffInWords } from '../../content-words.js';
import { diffContent } from '../../diff.js';
import { formatDateTime } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { DiffList } from '../components/DiffList.js';
import { LoadState, Page } from '../components/Page.js';
import { api } from '../lib/api.js';
import { KINDS, kindOf } from '../lib/content-kinds.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';
import type { PageProps } from '../registry.js';

const ACTION_WORDS: Record<ContentVersion['action'], string> = { baseline: 'nội dung từ tệp', save: 'lưu', delete: 'xoá', rollback: 'khôi phục', import: 'nhập từ tệp' };

/** Every saved version of an item with its changes in words; any version can be restored (after a summary). */
export function VersionsPage({ params }: PageProps) {
  const kind = kindOf(params.kind);
  const plural = KINDS[kind].plural;
  const id = params.id!;
  const data = useLoad(
    async () => {
      const [list, view] = await Promise.all([api<{ versions: ContentVersion[] }>('GET', `/${plural}/${encodeURIComponent(id)}/versions`), api<ContentView>('GET', `/${plural}/${encodeURIComponent(id)}`)]);
      return { versions: list.versions, view };
    },
    [plural, id],
  );
  const [restoring, setRestoring] = useState<ContentVersion | null>(null);
  const versions = data.data?.versions ?? [];
  const live = data.data?.view.published ?? null;
  const name = String((live as { name?: { vi?: string } } | null)?.name?.vi ?? id);
  return (
    <Page title={`Các phiên bản: ${name}`}>
      <p>
        <a href={`#/content/${kind}/${id}`}>← Về trang sửa</a>
      </p>
      <LoadState loading={data.loading && !data.data} error={data.error}>
        {versions.length === 0 ? (
          <p class="muted">Chưa có phiên bản nào được lưu từ trang quản trị (nội dung đang dùng lấy từ tệp).</p>
        ) : (
          <ol class="versions" reversed>
            {versions.map((v, i) => {
              const before = versions[i + 1]?.data ?? null;
              return (
                <li key={v.version} data-version={v.version} class="card">
                  <div class="row">
                    <strong>Phiên bản {v.version}</strong>
                    <span>
                      {v.action === 'rollback' ? `khôi phục từ phiên bản ${v.restoredFrom}` : ACTION_WORDS[v.action]}, {v.by}, {formatDateTime(v.at)}
                    </span>
                    {v.publishedAt ? <span class="status published">xuất bản {formatDateTime(v.publishedAt)}</span> : <span class="status draft">chưa xuất bản</span>}
                    <button type="button" data-rollback={v.version} onClick={() => setRestoring(v)}>
                      Khôi phục phiên bản {v.version}…
                    </button>
                  </div>
                  {v.action === 'baseline' ? null : v.data === null ? <p>Xoá mục này.</p> : <DiffList lines={diffInWords(v.diff, before, v.data, kind)} />}
                </li>
              );
            })}
          </ol>
        )}
      </LoadState>
      {restoring ? (
        <ConfirmDialog
          title={`Khôi phục phiên bản ${restoring.version}`}
          confirmLabel="Khôi phục và xuất bản"
          onClose={() => setRestoring(null)}
          onConfirm={async () => {
            const res = await api<{ version: string }>('POST', `/${plural}/${encodeURIComponent(id)}/rollback`, { version: restoring.version });
            say(`Đã khôi phục phiên bản ${restoring.version} và xuất bản (nội dung ${res.version}).`);
            await data.reload();
          }}
        >
          <p>Phiên bản {restoring.version} được đưa vào dùng ngay cho người dân. So với nội dung đang dùng:</p>
          {restoring.data ? <DiffList lines={diffInWords(diffContent(live ?? {}, restoring.data), live, restoring.data, kind)} max={30} /> : <p>Mục này sẽ bị xoá khỏi trợ lý.</p>}
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
