import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';

/** scrypt parameters: N=2^15 costs ~50 ms and 32 MiB per check, enough to slow guessing without hurting logins. */
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function scrypt(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Encodes as `scrypt$N$r$p$salt$hash` (base64url) so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scrypt(password, Buffer.from(parts[4]!, 'base64url'), { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const MIN_PASSWORD_LENGTH = 12;

/** Passwords found in leaks, keyboard walks and local favourites (data: common-passwords.txt), lower case. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(join(projectRoot(), 'src', 'admin', 'data', 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);

/**
 * A password a console account may have: at least 12 characters, not blank, not a common password, not the
 * username, not one or two characters repeated. Long enough to resist guessing through the login throttle.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.trim() === '') return 'Mật khẩu không được để trống hoặc chỉ gồm khoảng trắng.';
  if (Array.from(password).length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (password.length > 200) return 'Mật khẩu quá dài (tối đa 200 ký tự).';
  const lower = password.normalize('NFC').toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.trim())) return 'Mật khẩu này quá phổ biến; vui lòng chọn mật khẩu khác.';
  if (username && username.length >= 4 && lower.includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  if (new Set(lower).size < 4) return 'Mật khẩu cần ít nhất 4 ký tự khác nhau.';
  return null;
}
