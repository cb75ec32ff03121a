import type { CatalogueRecordResponse } from '../../../catalogue/api-types.js';
import { FACT_LABELS, FACTS, recordFacts } from '../../../catalogue/record-facts.js';
import { formatDate } from '../../format-vi.js';
import { CatalogueTabs } from '../components/CatalogueTabs.js';
import { DisagreementTable } from '../components/DisagreementTable.js';
import { LoadState, Page } from '../components/Page.js';
import { api } from '../lib/api.js';
import { sourceWords } from '../lib/catalogue-words.js';
import { hasRole } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';
import type { PageProps } from '../registry.js';

/** Facts shown in the header and the source box rather than in the list. */
const SHOWN_ABOVE = new Set(['name', 'sourceUrl', 'updatedAt']);

/** One official record, every fact as published, with where it comes from and what the curated page says. */
export function CatalogueRecordPage({ params }: PageProps) {
  const code = params.code!;
  const tier = params.tier === 'draft' ? 'draft' : 'live';
  const data = useLoad(() => api<CatalogueRecordResponse>('GET', `/catalogue/procedures/${encodeURIComponent(code)}?tier=${tier}`), [code, tier]);
  const r = data.data;
  const facts = r ? recordFacts(r.record) : null;
  return (
    <Page title={r ? r.record.name : `Thủ tục ${code}`}>
      <CatalogueTabs current="browse" />
      <p>
        <a href="#/catalogue">← Về danh mục</a>
      </p>
      <LoadState loading={data.loading && !r} error={data.error}>
        {r && facts ? (
          <>
            <section class="card" aria-labelledby="record-source">
              <h3 id="record-source">Nguồn {tier === 'draft' ? '(bản nháp chờ xuất bản)' : ''}</h3>
              <p>
                Mã thủ tục <strong>{r.record.nationalCode}</strong>. Cơ sở dữ liệu quốc gia về thủ tục hành chính, qua {sourceWords({ ...r.source, retrievedAt: r.record.retrievedAt })}
                {r.record.updatedAt ? `; Cổng cập nhật bản ghi ngày ${formatDate(r.record.updatedAt)}` : ''}.
              </p>
              <p>
                <a href={r.record.sourceUrl} target="_blank" rel="noopener noreferrer">
                  Xem trang chính thức của thủ tục
                </a>
              </p>
              {r.curatedId ? (
                <p>
                  Trang nội dung viết cho người dân:{' '}
                  {hasRole('admin') ? <a href={`#/content/procedure/${r.curatedId}`}>{r.curatedId}</a> : <strong>{r.curatedId}</strong>}. Trợ lý trả lời theo trang này, trừ phí và thời hạn khi bản ghi nói khác.
                </p>
              ) : (
                <p class="muted">Chưa có trang nội dung riêng: trợ lý trả lời theo bản ghi này và nói rõ nguồn.</p>
              )}
            </section>
            {r.disagreements.length ? (
              <section aria-labelledby="record-disagreements">
                <h3 id="record-disagreements">Trang nội dung ghi khác bản ghi</h3>
                <DisagreementTable items={r.disagreements} label="Chênh lệch của thủ tục này" />
              </section>
            ) : null}
            <section class="card" aria-labelledby="record-facts">
              <h3 id="record-facts">Nội dung bản ghi</h3>
              <dl class="facts">
                {FACTS.filter((f) => !SHOWN_ABOVE.has(f) && facts[f]).map((f) => (
                  <div key={f} data-fact={f}>
                    <dt>{FACT_LABELS[f]}</dt>
                    <dd>{facts[f]}</dd>
                  </div>
                ))}
              </dl>
            </section>
          </>
        ) : null}
      </LoadState>
    </Page>
  );
}
