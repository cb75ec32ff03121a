import { formatDate, formatNumber } from '../../format-vi.js';
import { useWidth } from '../lib/use-width.js';
import { layoutDayChart, type DayColumn } from './layout.js';

export interface Series {
  key: string;
  label: string;
  /** A class giving the colour (see console.css: .s-answer …), contrast-checked against white. */
  className: string;
}

/** Stacked columns per day, laid out for the width it is given, with a legend and the numbers as a table. */
export function DayChart({ title, days, series }: { title: string; days: readonly DayColumn[]; series: readonly Series[] }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const l = layoutDayChart(days, width);
  const total = days.reduce((s, d) => s + d.segments.reduce((a, x) => a + x.value, 0), 0);
  const label = (key: string) => series.find((s) => s.key === key)?.label ?? key;
  return (
    <figure class="chart-box" ref={ref}>
      <ul class="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <i class={s.className} /> {s.label}
          </li>
        ))}
      </ul>
      <svg class="chart" width={l.width} height={l.height} viewBox={`0 0 ${l.width} ${l.height}`} role="img" aria-label={`${title}: tổng ${formatNumber(total)} trong ${days.length} ngày`}>
        {l.yTicks.map((t) => (
          <g key={t.text}>
            <line x1={l.plot.left} x2={l.plot.right} y1={t.lineY} y2={t.lineY} class="grid" />
            <text x={t.x} y={t.y} text-anchor={t.anchor}>
              {t.text}
            </text>
          </g>
        ))}
        {l.rects.map((r) => (
          <rect key={`${r.date}-${r.key}`} x={r.x} y={r.y} width={r.width} height={r.height} class={series.find((s) => s.key === r.key)?.className}>
            <title>{`${formatDate(r.date)}: ${formatNumber(r.value)} ${label(r.key)}`}</title>
          </rect>
        ))}
        {l.xLabels.map((t) => (
          <text key={t.text} x={t.x} y={t.y} text-anchor={t.anchor}>
            {t.text}
          </text>
        ))}
      </svg>
      <details class="chart-table">
        <summary>Xem số liệu dạng bảng</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{formatDate(d.date)}</td>
                {series.map((s) => (
                  <td key={s.key}>{formatNumber(d.segments.find((x) => x.key === s.key)?.value ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
