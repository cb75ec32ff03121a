import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Store } from '../store/ports.js';

/**
 * Citizens' phone numbers for ZNS notices, given with consent (request_user_info → user_submit_info).
 * Encrypted at rest with AES-256-GCM (key NOTIFY_PHONE_KEY; the user id is the associated data, so a record
 * copied to another user does not decrypt), shown only masked, deleted when the citizen follows no dossier
 * any more or withdraws consent. Without a key nothing is kept and the ZNS step is off.
 */

const phoneKey = (userId: string) => `notify:phone:${userId}`;
/** Kept at most a year even if no unfollow ever comes (a dossier followed for ever is not a purpose). */
const PHONE_TTL_MS = 366 * 86_400_000;
const VERSION = 'v1';

/** Vietnamese mobile numbers in the form ZNS expects: 84 and 9 digits. Null when it is not one. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.()+-]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  let national: string;
  if (digits.startsWith('84') && digits.length === 11) national = digits.slice(2);
  else if (digits.startsWith('0') && digits.length === 10) national = digits.slice(1);
  else if (digits.length === 9) national = digits;
  else return null;
  return /^[35789]\d{8}$/.test(national) ? `84${national}` : null;
}

/** "84*****5678" style: the country code and the last 3 digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 5) return '*'.repeat(phone.length);
  return `${phone.slice(0, 2)}${'*'.repeat(phone.length - 5)}${phone.slice(-3)}`;
}

export function encryptPhone(key: Buffer, userId: string, phone: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Null when the record was written under another key or altered. */
export function decryptPhone(key: Buffer, userId: string, sealed: string): string | null {
  if (!sealed.startsWith(`${VERSION}:`)) return null;
  const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
  if (raw.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export interface PhoneConsent {
  masked: string;
  at: number;
}

export class PhoneVault {
  private readonly key: Buffer | null;

  /** `keyBase64`: NOTIFY_PHONE_KEY (32 bytes); undefined disables the vault. */
  constructor(
    private readonly store: Store,
    keyBase64: string | undefined,
  ) {
    this.key = keyBase64 ? Buffer.from(keyBase64, 'base64') : null;
    if (this.key && this.key.length !== 32) throw new Error('NOTIFY_PHONE_KEY must be 32 bytes');
  }

  get enabled(): boolean {
    return this.key !== null;
  }

  /** Stores the phone the citizen shared; returns it masked, or null when it is not a Vietnamese mobile number. */
  async save(userId: string, rawPhone: string, at: number): Promise<string | null> {
    if (!this.key) return null;
    const phone = normalisePhone(rawPhone);
    if (!phone) return null;
    const masked = maskPhone(phone);
    await this.store.hset(phoneKey(userId), { sealed: encryptPhone(this.key, userId, phone), masked, at: String(at) });
    await this.store.expire(phoneKey(userId), PHONE_TTL_MS);
    return masked;
  }

  /** The phone in clear, for the ZNS call only. A record that no longer decrypts (key rotated) is dropped. */
  async phoneOf(userId: string): Promise<string | null> {
    if (!this.key) return null;
    const sealed = await this.store.hget(phoneKey(userId), 'sealed');
    if (!sealed) return null;
    const phone = decryptPhone(this.key, userId, sealed);
    if (phone === null) await this.forget(userId);
    return phone;
  }

  async consent(userId: string): Promise<PhoneConsent | null> {
    const h = await this.store.hgetall(phoneKey(userId));
    return h.masked ? { masked: h.masked, at: Number(h.at) } : null;
  }

  async forget(userId: string): Promise<boolean> {
    return (await this.store.del(phoneKey(userId))) > 0;
  }
}
