import { useState } from 'preact/hooks';
import { LEVEL_LABELS, LEVELS, type CatalogueListResponse, type Level, type SyncStatusResponse, type Tier } from '../../../catalogue/api-types.js';
import { formatNumber } from '../../format-vi.js';
import { CatalogueTabs } from '../components/CatalogueTabs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { Pager } from '../components/Pager.js';
import { api } from '../lib/api.js';
import { sourceWords } from '../lib/catalogue-words.js';
import { useLoad } from '../lib/use-load.js';

const LIMIT = 50;

/** The official catalogue: search by name or code, filter by level and field, open a record with its source. */
export function CataloguePage() {
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<Level | ''>('');
  const [field, setField] = useState('');
  const [tier, setTier] = useState<Tier>('live');
  const [offset, setOffset] = useState(0);
  const status = useLoad(() => api<SyncStatusResponse>('GET', '/catalogue/sync'), []);
  const query = new URLSearchParams({ q, tier, offset: String(offset), limit: String(LIMIT) });
  if (level) query.set('level', level);
  if (field) query.set('field', field);
  const list = useLoad(() => api<CatalogueListResponse>('GET', `/catalogue/procedures?${query.toString()}`), [query.toString()]);
  const data = list.data;
  const draft = status.data?.draft ?? null;
  const change = (fn: () => void) => {
    fn();
    setOffset(0);
  };
  return (
    <Page title="Danh mục thủ tục hành chính" intro="Bản ghi chính thức từ Cơ sở dữ liệu quốc gia về thủ tục hành chính. Trợ lý trả lời theo trang nội dung khi có, theo bản ghi này khi không có.">
      <CatalogueTabs current="browse" />
      <div class="card row">
        <div class="grow field">
          <label for="catalogue-search">Tìm thủ tục</label>
          <input id="catalogue-search" type="search" placeholder="Tên hoặc mã (1.004194), có dấu hoặc không dấu" value={q} onInput={(e) => change(() => setQ(e.currentTarget.value))} />
        </div>
        <div class="field">
          <label for="catalogue-level">Cấp thực hiện</label>
          <select id="catalogue-level" value={level} onChange={(e) => change(() => setLevel(e.currentTarget.value as Level | ''))}>
            <option value="">Mọi cấp</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="catalogue-field">Lĩnh vực</label>
          <select id="catalogue-field" value={field} onChange={(e) => change(() => setField(e.currentTarget.value))}>
            <option value="">Mọi lĩnh vực</option>
            {field && !data?.fields.some((f) => f.field === field) ? <option value={field}>{field}</option> : null}
            {(data?.fields ?? []).map((f) => (
              <option key={f.field} value={f.field}>
                {f.field} ({formatNumber(f.count)})
              </option>
            ))}
          </select>
        </div>
        {draft ? (
          <div class="field">
            <label for="catalogue-tier">Bản danh mục</label>
            <select id="catalogue-tier" value={tier} onChange={(e) => change(() => setTier(e.currentTarget.value as Tier))}>
              <option value="live">Đang dùng</option>
              <option value="draft">Bản nháp chờ xuất bản</option>
            </select>
          </div>
        ) : null}
      </div>
      <LoadState loading={list.loading && !data} error={list.error}>
        {data ? (
          <>
            <p class="muted" aria-live="polite">
              {formatNumber(data.total)} thủ tục{data.source ? ` · Nguồn: ${sourceWords(data.source)}` : ' · Chưa nạp danh mục'}
            </p>
            <TableWrap label="Các thủ tục trong danh mục">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Mã</th>
                    <th scope="col">Tên thủ tục</th>
                    <th scope="col">Cấp</th>
                    <th scope="col">Lĩnh vực</th>
                    <th scope="col">Trang nội dung</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((it) => (
                    <tr key={it.nationalCode} data-code={it.nationalCode}>
                      <td class="nowrap">{it.nationalCode}</td>
                      <td>
                        <a href={`#/catalogue/procedures/${it.nationalCode}${tier === 'draft' ? '/draft' : ''}`}>{it.name}</a>
                      </td>
                      <td>{it.levels.map((l) => LEVEL_LABELS[l]).join(', ')}</td>
                      <td>{it.field ?? ''}</td>
                      <td>{it.curatedId ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager offset={offset} limit={LIMIT} total={data.total} onMove={setOffset} label="Chuyển trang danh mục" />
          </>
        ) : null}
      </LoadState>
    </Page>
  );
}
