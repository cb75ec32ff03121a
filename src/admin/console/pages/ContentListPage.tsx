import { useState } from 'preact/hooks';
import type { ContentSummary } from '../../api-types.js';
import { CONTACT_OPTION_WORDS } from '../../contact-words.js';
import { PublishAllDialog } from '../components/PublishAllDialog.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api, explain } from '../lib/api.js';
import { KINDS, kindOf } from '../lib/content-kinds.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';
import type { PageProps } from '../registry.js';

const STATUS: Record<ContentSummary['status'], string> = { published: 'Đang dùng', draft: 'Có bản nháp', new: 'Mới (nháp)', deleting: 'Chờ xoá' };

/** Procedures, system intents and contact points: search, status of each, and the actions on all content. */
export function ContentListPage({ params }: PageProps) {
  const kind = kindOf(params.kind);
  const plural = KINDS[kind].plural;
  const [q, setQ] = useState('');
  const [publishing, setPublishing] = useState(false);
  const list = useLoad(() => api<{ items: ContentSummary[] }>('GET', `/${plural}?q=${encodeURIComponent(q)}`), [plural, q]);
  const items = list.data?.items ?? [];
  const drafts = items.filter((i) => i.status !== 'published').length;
  async function run(path: string, done: (r: Record<string, unknown>) => string) {
    try {
      say(done(await api<Record<string, unknown>>('POST', path, {})));
      await list.reload();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  return (
    <Page title="Nội dung">
      <nav class="tabs" aria-label="Loại nội dung">
        <a href="#/content" aria-current={kind === 'procedure' ? 'page' : undefined}>
          Thủ tục
        </a>
        <a href="#/content/intents" aria-current={kind === 'intent' ? 'page' : undefined}>
          Ý định hệ thống
        </a>
        <a href="#/content/contacts" aria-current={kind === 'contact' ? 'page' : undefined}>
          Điểm liên hệ
        </a>
      </nav>
      <div class="card row">
        <div class="grow field">
          <label for="content-search">Tìm nội dung</label>
          <input id="content-search" type="search" placeholder="Tên hoặc mã, có dấu hoặc không dấu" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <a class="btn" href={`#/content/${kind}/new`}>
          {KINDS[kind].add}
        </a>
        <button type="button" onClick={() => setPublishing(true)}>
          Xuất bản mọi bản nháp…
        </button>
        <button type="button" onClick={() => void run('/content/export', (r) => `Đã ghi ${String(r.written)} tệp vào intents/ (nội dung ${String(r.version)}).`)}>
          Xuất ra tệp intents/
        </button>
        <button type="button" onClick={() => void run('/content/import', (r) => `Đã nhập: ${(r.drafts as unknown[]).length} mục khác nội dung đang dùng thành bản nháp; ${String(r.unchanged)} mục không đổi.`)}>
          Nhập từ tệp intents/
        </button>
      </div>
      <LoadState loading={list.loading && !list.data} error={list.error}>
        <p class="muted" aria-live="polite">
          {items.length} mục{drafts ? `, ${drafts} mục có bản nháp chưa xuất bản` : ''}
        </p>
        <TableWrap label="Danh sách nội dung">
          <table>
            <thead>
              <tr>
                <th scope="col">Tên</th>
                <th scope="col">Mã</th>
                <th scope="col">{kind === 'procedure' ? 'Lĩnh vực' : 'Loại'}</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => (
                <tr key={it.id}>
                  <td>
                    <a href={`#/content/${kind}/${it.id}`}>{it.name}</a>
                  </td>
                  <td class="muted">{it.id}</td>
                  <td>{kind === 'contact' ? (CONTACT_OPTION_WORDS.kind[it.field as keyof typeof CONTACT_OPTION_WORDS.kind] ?? it.field) : (it.field ?? '')}</td>
                  <td>
                    <span class={`status ${it.status}`}>{STATUS[it.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </LoadState>
      {publishing ? <PublishAllDialog onClose={() => setPublishing(false)} onDone={() => void list.reload()} /> : null}
    </Page>
  );
}
