import type { PublishPreview, PublishResult } from '../../api-types.js';
import { formatNumber } from '../../format-vi.js';
import { api } from '../lib/api.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { DiffList } from './DiffList.js';
import { LoadState } from './Page.js';

/** "Xuất bản mọi bản nháp": every pending draft and its changes in words, then one confirmation. */
export function PublishAllDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const preview = useLoad(() => api<PublishPreview>('GET', '/content/publish-preview'), []);
  const items = preview.data?.items ?? [];
  const official = preview.data?.official ?? null;
  const count = items.length + (official ? 1 : 0);
  return (
    <ConfirmDialog
      title="Xuất bản mọi bản nháp"
      confirmLabel={`Xuất bản ${count} mục`}
      confirmDisabled={count === 0}
      onClose={onClose}
      onConfirm={async () => {
        const res = await api<PublishResult>('POST', '/content/publish', {});
        say(`Đã xuất bản ${res.published.length + (res.official ? 1 : 0)} bản nháp. Trợ lý dùng nội dung ${res.version} từ bây giờ.`);
        onDone();
      }}
    >
      <LoadState loading={preview.loading} error={preview.error}>
        {count === 0 ? (
          <p>Không có bản nháp nào để xuất bản.</p>
        ) : (
          <>
            <p>Sau khi xuất bản, người dân nhận ngay các câu trả lời theo nội dung mới:</p>
            <ul class="publish-items">
              {official ? (
                <li key="official" data-official={official.reportId}>
                  <strong>Danh mục thủ tục mới</strong> (đồng bộ đã duyệt: {formatNumber(official.counts.records)} thủ tục, {formatNumber(official.counts.added)} mới, {formatNumber(official.counts.removed)} không còn, {formatNumber(official.counts.changed)} thay đổi; <a href={`#/catalogue/sync/${official.reportId}`}>xem báo cáo</a>)
                </li>
              ) : null}
              {items.map((it) => (
                <li key={`${it.kind}:${it.id}`}>
                  <strong>{it.name}</strong> ({it.deleting ? 'xoá khỏi trợ lý' : it.isNew ? 'mục mới' : `${it.lines.length} thay đổi`})
                  {it.deleting ? null : <DiffList lines={it.lines} max={8} />}
                </li>
              ))}
            </ul>
          </>
        )}
      </LoadState>
    </ConfirmDialog>
  );
}
