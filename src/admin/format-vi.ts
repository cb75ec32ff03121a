/**
 * Vietnamese formats for what the console shows a civil servant: dates as dd/mm/yyyy in Vietnam time,
 * numbers with "." between thousands and "," before decimals, percentages as "86,2 %", money as "15.000 đ".
 * Pure (no DOM, no Node): used by the console and by the server's messages.
 */

const VN_OFFSET_MS = 7 * 3600_000;
/** A no-break space, so "86,2 %" and "15.000 đ" never wrap between the number and its unit. */
const NBSP = '\u00a0';

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-clock parts in Vietnam time (UTC+7, no daylight saving), whatever the machine's time zone. */
function vnParts(at: number | string | Date) {
  const d = new Date(new Date(at).getTime() + VN_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() };
}

const valid = (at: number | string | Date | null | undefined): at is number | string | Date => at !== null && at !== undefined && at !== '' && !Number.isNaN(new Date(at).getTime());

/** "14/03/2026"; "" for nothing. A bare "2026-03-14" (a calendar date) is read as that day, not shifted. */
export function formatDate(at: number | string | Date | null | undefined): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return `${at.slice(8, 10)}/${at.slice(5, 7)}/${at.slice(0, 4)}`;
  if (!valid(at)) return '';
  const p = vnParts(at);
  return `${pad(p.d)}/${pad(p.m)}/${p.y}`;
}

/** "14/03/2026 08:05". */
export function formatDateTime(at: number | string | Date | null | undefined): string {
  if (!valid(at)) return '';
  const p = vnParts(at);
  return `${formatDate(at)} ${pad(p.h)}:${pad(p.min)}`;
}

/** "14/03" for chart axes, from a calendar date "2026-03-14". */
export function formatDayMonth(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** "1.234.567" or "86,2" (at most `decimals` decimals, trailing zeros dropped). */
export function formatNumber(n: number | null | undefined, decimals = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const negative = n < 0;
  const fixed = Math.abs(n).toFixed(decimals);
  const [int = '0', frac = ''] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const f = frac.replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped}${f ? `,${f}` : ''}`;
}

/** A rate 0..1 as "86,2 %"; "–" when there is none. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
  return `${formatNumber(rate * 100, 1)}${NBSP}%`;
}

/** "15.000 đ". */
export function formatMoney(vnd: number | null | undefined): string {
  if (vnd === null || vnd === undefined || !Number.isFinite(vnd)) return '–';
  return `${formatNumber(vnd)}${NBSP}đ`;
}

/** Today's calendar date in Vietnam, "2026-03-14" (what content's verifiedAt holds). */
export function vnToday(now = Date.now()): string {
  const p = vnParts(now);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** "14/03/2026" (or 14-3-2026, 14.03.2026) as the calendar date "2026-03-14"; null when it is not a real date. */
export function parseViDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "08:05" or "8h05" as "08:05"; null when it is not a time of day. */
export function parseViTime(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:hg]\s*(\d{2})?\s*$/i.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2] ?? 0)];
  return h < 24 && min < 60 ? `${pad(h)}:${pad(min)}` : null;
}

/** A datetime-local value ("2026-03-14T08:00", read as Vietnam time) as an ISO time with offset. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  return `${value}:00+07:00`;
}
