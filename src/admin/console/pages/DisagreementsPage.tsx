import { useState } from 'preact/hooks';
import type { DisagreementsResponse, SyncStatusResponse, Tier } from '../../../catalogue/api-types.js';
import { formatNumber } from '../../format-vi.js';
import { CatalogueTabs } from '../components/CatalogueTabs.js';
import { DisagreementTable } from '../components/DisagreementTable.js';
import { LoadState, Page } from '../components/Page.js';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/use-load.js';

/** Every curated fact the official record contradicts (the same list as `npm run -s content:check`). */
export function DisagreementsPage() {
  const [tier, setTier] = useState<Tier>('live');
  const status = useLoad(() => api<SyncStatusResponse>('GET', '/catalogue/sync'), []);
  const data = useLoad(() => api<DisagreementsResponse>('GET', `/catalogue/disagreements?tier=${tier}`), [tier]);
  const d = data.data;
  const errors = d?.disagreements.filter((x) => x.severity === 'error').length ?? 0;
  return (
    <Page title="Chênh lệch giữa trang nội dung và danh mục" intro="Mỗi dòng là một thông tin trang nội dung ghi khác bản ghi chính thức cùng mã. Trợ lý trả lời phí và thời hạn theo bản ghi khi hai bên khác nhau.">
      <CatalogueTabs current="disagreements" />
      {status.data?.draft ? (
        <div class="field">
          <label for="disagreements-tier">So với</label>
          <select id="disagreements-tier" value={tier} onChange={(e) => setTier(e.currentTarget.value as Tier)}>
            <option value="live">Danh mục đang dùng</option>
            <option value="draft">Bản nháp danh mục chờ xuất bản</option>
          </select>
        </div>
      ) : null}
      <LoadState loading={data.loading && !d} error={data.error}>
        {d ? (
          <>
            <p aria-live="polite">
              {d.disagreements.length === 0 ? 'Không có chênh lệch.' : `${formatNumber(d.disagreements.length)} chênh lệch`}
              {errors ? `, trong đó ${formatNumber(errors)} mã thủ tục chỉ một thủ tục khác (cần sửa ngay)` : ''}. {formatNumber(d.agreeing)} trang nội dung khớp với mọi bản ghi mà trang nêu mã.
            </p>
            {d.disagreements.length ? <DisagreementTable items={d.disagreements} label="Các chênh lệch" /> : null}
            {d.unchecked.length ? (
              <details class="card">
                <summary>{formatNumber(d.unchecked.length)} mã trang nội dung nêu nhưng danh mục chưa có (chưa so được)</summary>
                <ul>
                  {d.unchecked.map((u) => (
                    <li key={`${u.procedureId}:${u.nationalCode}`}>
                      {u.nationalCode} ({u.procedureId})
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        ) : null}
      </LoadState>
    </Page>
  );
}
