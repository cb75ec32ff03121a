import { formatNumber } from '../../format-vi.js';

/** "1–50 trong 2.625" with the previous and next page. */
export function Pager({ offset, limit, total, onMove, label }: { offset: number; limit: number; total: number; onMove: (offset: number) => void; label: string }) {
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <div class="row pager" role="group" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => onMove(Math.max(0, offset - limit))}>
        Trang trước
      </button>
      <span aria-live="polite">
        {formatNumber(offset + 1)}–{formatNumber(last)} trong {formatNumber(total)}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onMove(offset + limit)}>
        Trang sau
      </button>
    </div>
  );
}
