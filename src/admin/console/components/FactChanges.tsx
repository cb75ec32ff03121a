import type { FactChange } from '../../../catalogue/api-types.js';
import { FACT_LABELS } from '../../../catalogue/record-facts.js';

/** A record's changed facts, each old → new ("Nộp trực tiếp: thời hạn, phí: 3 ngày làm việc; 10.000 đồng → …"). */
export function FactChanges({ facts }: { facts: readonly FactChange[] }) {
  return (
    <ul class="diff facts">
      {facts.map((f) => (
        <li key={f.fact} data-fact={f.fact}>
          <span class="diff-label">{FACT_LABELS[f.fact]}:</span>{' '}
          {f.before === null ? (
            <>
              thêm <ins>{f.after}</ins>
            </>
          ) : f.after === null ? (
            <>
              bỏ <del>{f.before}</del>
            </>
          ) : (
            <>
              <del>{f.before}</del> → <ins>{f.after}</ins>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
