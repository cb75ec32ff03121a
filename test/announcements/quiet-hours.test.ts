import { describe, expect, it } from 'vitest';
import { isQuiet, quietEndsAt, vnDay } from '../../src/announcements/quiet-hours.js';

// Vietnam is UTC+7: 22:00 there is 15:00 UTC.
const vn = (h: number, m = 0, day = 14) => Date.UTC(2025, 2, day, h - 7, m);

describe('quiet hours in Vietnam time', () => {
  const night = { start: 22, end: 6 };
  it('spans midnight', () => {
    expect(isQuiet(night, vn(21, 59))).toBe(false);
    expect(isQuiet(night, vn(22, 0))).toBe(true);
    expect(isQuiet(night, vn(3))).toBe(true);
    expect(isQuiet(night, vn(5, 59))).toBe(true);
    expect(isQuiet(night, vn(6, 0))).toBe(false);
    expect(isQuiet(null, vn(3))).toBe(false);
  });
  it('works within one day', () => {
    expect(isQuiet({ start: 12, end: 14 }, vn(13))).toBe(true);
    expect(isQuiet({ start: 12, end: 14 }, vn(14))).toBe(false);
  });
  it('ends at the next end hour', () => {
    expect(quietEndsAt(night, vn(23, 30))).toBe(vn(6, 0, 15));
    expect(quietEndsAt(night, vn(2))).toBe(vn(6));
    expect(quietEndsAt(night, vn(10))).toBe(vn(10));
  });
  it('days count in Vietnam time', () => {
    expect(vnDay(vn(23, 30))).toBe('20250314');
    expect(vnDay(Date.UTC(2025, 2, 14, 17, 30))).toBe('20250315');
  });
});
