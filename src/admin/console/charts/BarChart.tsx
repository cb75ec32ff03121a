import { formatNumber } from '../../format-vi.js';
import { useWidth } from '../lib/use-width.js';
import { layoutBarChart, type BarRow } from './layout.js';

/** Horizontal bars with readable labels on any width (labels above the bars on a phone). */
export function BarChart({ title, rows, unit }: { title: string; rows: readonly BarRow[]; unit: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const l = layoutBarChart(rows, width);
  return (
    <figure class="chart-box" ref={ref}>
      <svg class="chart" width={l.width} height={l.height} viewBox={`0 0 ${l.width} ${l.height}`} role="img" aria-label={`${title}: ${rows.map((r) => `${r.label} ${formatNumber(r.value)} ${unit}`).join('; ')}`}>
        {l.rows.map((r) => (
          <g key={r.full}>
            <title>{`${r.full}: ${formatNumber(r.bar.value)} ${unit}`}</title>
            <text x={r.label.x} y={r.label.y} class="bar-label">
              {r.label.text}
            </text>
            <rect x={r.bar.x} y={r.bar.y} width={r.bar.width} height={r.bar.height} class="s-bar" />
            <text x={r.value.x} y={r.value.y}>
              {r.value.text}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
