import type { Disagreement } from '../../../catalogue/api-types.js';
import { disagreementFact } from '../lib/catalogue-words.js';
import { hasRole } from '../lib/store.js';
import { TableWrap } from './Page.js';

/** Curated facts the official record contradicts: the page, the code, the fact, what each side says. */
export function DisagreementTable({ items, label }: { items: readonly Disagreement[]; label: string }) {
  const editor = hasRole('admin');
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">Trang nội dung</th>
            <th scope="col">Mã thủ tục</th>
            <th scope="col">Nội dung</th>
            <th scope="col">Trang nội dung ghi</th>
            <th scope="col">Danh mục ghi</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={`${d.procedureId}:${d.nationalCode}:${d.fact}`} data-disagreement={`${d.procedureId}:${d.fact}`}>
              <td>{editor ? <a href={`#/content/procedure/${d.procedureId}`}>{d.procedureId}</a> : d.procedureId}</td>
              <td>
                <a href={`#/catalogue/procedures/${d.nationalCode}`}>{d.nationalCode}</a>
                {d.role === 'alsoCovers' ? <span class="muted"> (mã trang cũng phụ trách)</span> : null}
              </td>
              <td>{d.severity === 'error' ? <strong class="error-text">{disagreementFact(d)}</strong> : disagreementFact(d)}</td>
              <td>{d.curated}</td>
              <td>{d.official}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
