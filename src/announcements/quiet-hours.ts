/**
 * Quiet hours in Vietnam time (UTC+7, no daylight saving): promotion messages are refused at night
 * (Zalo -234, 22:00–06:00) and the province does not wake citizens. Pure functions of a clock value.
 */

export interface QuietHours {
  /** Hour (0–23) quiet hours begin, Vietnam time. */
  start: number;
  /** Hour (0–23) they end. */
  end: number;
}

const HOUR_MS = 3600_000;
const VN_OFFSET_MS = 7 * HOUR_MS;

function vnHour(now: number): number {
  return Math.floor((now + VN_OFFSET_MS) / HOUR_MS) % 24;
}

export function isQuiet(quiet: QuietHours | null, now: number): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const h = vnHour(now);
  return quiet.start < quiet.end ? h >= quiet.start && h < quiet.end : h >= quiet.start || h < quiet.end;
}

/** The instant quiet hours end (the next `end:00` Vietnam time); `now` itself when not quiet. */
export function quietEndsAt(quiet: QuietHours | null, now: number): number {
  if (!quiet || !isQuiet(quiet, now)) return now;
  const local = now + VN_OFFSET_MS;
  const dayStart = local - (local % (24 * HOUR_MS));
  let end = dayStart + quiet.end * HOUR_MS;
  if (end <= local) end += 24 * HOUR_MS;
  return end - VN_OFFSET_MS;
}

/** Vietnam calendar day of an instant, e.g. "20250314" (per-user daily caps count by it). */
export function vnDay(now: number): string {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}
