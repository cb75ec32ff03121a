import type { DiffLine } from '../../content-words.js';

/** Changes in words: "Lệ phí nộp trực tiếp: 15.000 đ → 25.000 đ". Long lists are cut with a count. */
export function DiffList({ lines, max = 12 }: { lines: readonly DiffLine[]; max?: number }) {
  if (lines.length === 0) return <p class="muted">Không có thay đổi nội dung.</p>;
  return (
    <ul class="diff">
      {lines.slice(0, max).map((l) => (
        <li key={l.path} data-path={l.path}>
          <span class="diff-label">{l.label}:</span>{' '}
          {l.change === 'added' ? (
            <>
              thêm <ins>{l.after}</ins>
            </>
          ) : l.change === 'removed' ? (
            <>
              bỏ <del>{l.before}</del>
            </>
          ) : (
            <>
              <del>{l.before}</del> → <ins>{l.after}</ins>
            </>
          )}
        </li>
      ))}
      {lines.length > max ? <li class="muted">… và {lines.length - max} thay đổi khác</li> : null}
    </ul>
  );
}
