import { formatDayMonth, formatNumber } from '../../format-vi.js';

/**
 * Chart layout as pure arithmetic, so that it is tested without a browser: every label fits inside the chart's
 * width and no two axis labels overlap, on a desktop and on a 390 px phone.
 */

/** Width of a character of the charts' 12 px font, rounded up (Vietnamese text with diacritics). */
export const CHAR_PX = 7;
export const textWidth = (text: string) => text.length * CHAR_PX;

/** Cuts a label to `maxPx` with an ellipsis; the full text stays in the chart's title and table. */
export function fitText(text: string, maxPx: number): string {
  const max = Math.floor(maxPx / CHAR_PX);
  if (text.length <= max) return text;
  return max <= 1 ? '…' : `${text.slice(0, max - 1).trimEnd()}…`;
}

export interface Segment {
  key: string;
  value: number;
}

export interface DayColumn {
  date: string;
  segments: Segment[];
}

export interface PlacedRect {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface PlacedText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface DayChartLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  rects: (PlacedRect & { date: string })[];
  xLabels: PlacedText[];
  yTicks: (PlacedText & { lineY: number })[];
  max: number;
}

/** A "nice" ceiling for the axis (1, 2, 5 × 10^n), so ticks read as round numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * p >= value) return m * p;
  return 10 * p;
}

/** Stacked columns, one per day, with dd/mm labels spaced so they never overlap. */
export function layoutDayChart(days: readonly DayColumn[], width: number, height = 220): DayChartLayout {
  const max = niceMax(Math.max(0, ...days.map((d) => d.segments.reduce((s, x) => s + x.value, 0))));
  const ticks = [0, max / 2, max];
  const tickText = ticks.map((t) => formatNumber(t, 1));
  const left = Math.max(...tickText.map(textWidth)) + 10;
  const plot = { left, right: width - 8, top: 12, bottom: height - 26 };
  const slot = days.length ? (plot.right - plot.left) / days.length : 0;
  const barWidth = Math.max(1, slot * 0.78);
  const scale = (plot.bottom - plot.top) / max;
  const rects: DayChartLayout['rects'] = [];
  days.forEach((d, i) => {
    let y = plot.bottom;
    const x = plot.left + i * slot + (slot - barWidth) / 2;
    for (const s of d.segments) {
      if (s.value <= 0) continue;
      const h = s.value * scale;
      y -= h;
      rects.push({ key: s.key, date: d.date, x, y, width: barWidth, height: h, value: s.value });
    }
  });
  // Every k-th day gets a label, k chosen so that labels are at least their own width plus a gap apart.
  const labelPx = textWidth('00/00') + 8;
  const every = Math.max(1, Math.ceil(labelPx / Math.max(slot, 0.001)));
  const xLabels: PlacedText[] = [];
  const half = textWidth('00/00') / 2;
  for (let i = days.length - 1; i >= 0; i -= every) {
    // Counted from the last day, so today is always labelled; a label never runs past either edge, and one
    // pushed in from an edge drops a neighbour it would now touch.
    const centre = plot.left + i * slot + slot / 2;
    const x = Math.min(width - half, Math.max(half, centre));
    if (xLabels.length && xLabels[0]!.x - x < labelPx - 8) continue;
    xLabels.unshift({ x, y: height - 8, text: formatDayMonth(days[i]!.date), anchor: 'middle' });
  }
  const yTicks = ticks.map((t, i) => {
    const lineY = plot.bottom - t * scale;
    return { x: left - 6, y: lineY + 4, lineY, text: tickText[i]!, anchor: 'end' as const };
  });
  return { width, height, plot, rects, xLabels, yTicks, max };
}

export interface BarRow {
  label: string;
  value: number;
}

export interface BarChartLayout {
  width: number;
  height: number;
  rows: { label: PlacedText; full: string; bar: PlacedRect; value: PlacedText }[];
  /** Narrow charts put each label above its bar. */
  stacked: boolean;
}

/**
 * Horizontal bars with their labels: beside the bar on a wide chart, above it on a narrow one (a phone), so a
 * long procedure name is never cut to a few letters.
 */
export function layoutBarChart(rows: readonly BarRow[], width: number): BarChartLayout {
  const stacked = width < 560;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const valuePx = Math.max(...rows.map((r) => textWidth(formatNumber(r.value))), textWidth('0')) + 8;
  const rowH = stacked ? 44 : 28;
  const labelCol = stacked ? 0 : Math.min(Math.round(width * 0.42), Math.max(...rows.map((r) => textWidth(r.label)), 40) + 12);
  const barLeft = stacked ? 4 : labelCol;
  const barMax = width - barLeft - valuePx - 4;
  const placed = rows.map((r, i) => {
    const top = i * rowH + 4;
    const barY = stacked ? top + 20 : top + 4;
    const barH = stacked ? 16 : rowH - 10;
    const w = Math.max(2, (r.value / max) * barMax);
    const labelText = fitText(r.label, stacked ? width - 8 : labelCol - 12);
    return {
      full: r.label,
      label: { x: 4, y: stacked ? top + 13 : top + rowH / 2 + 3, text: labelText, anchor: 'start' as const },
      bar: { key: r.label, x: barLeft, y: barY, width: w, height: barH, value: r.value },
      value: { x: barLeft + w + 4, y: barY + barH / 2 + 4, text: formatNumber(r.value), anchor: 'start' as const },
    };
  });
  return { width, height: Math.max(1, rows.length) * rowH + 8, rows: placed, stacked };
}
