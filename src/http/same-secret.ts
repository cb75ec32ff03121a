import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two secrets whatever their lengths (both are hashed first). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
