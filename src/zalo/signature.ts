import { createHash, timingSafeEqual } from 'node:crypto';

export type SignatureCheck =
  | { ok: true; appId: string; timestamp: string; /** The parsed body, so the caller need not parse it twice. */ body: Record<string, unknown> }
  | { ok: false; reason: 'missing_signature' | 'malformed_signature' | 'bad_json' | 'missing_fields' | 'wrong_app' | 'mismatch' };

const HEX64 = /^[0-9a-f]{64}$/;

function toBuffer(body: Buffer | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** SHA-256 (a plain hash, not an HMAC) of app_id + raw body + timestamp + OA secret key, as Zalo computes it (reference §2.1). */
function macHex(rawBody: Buffer, appId: string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(appId, 'utf8').update(rawBody).update(timestamp, 'utf8').update(oaSecretKey, 'utf8').digest('hex');
}

/** The `X-ZEvent-Signature` value Zalo would send for this body (used by the simulator and tests). */
export function signZaloBody(rawBody: Buffer | string, appId: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${macHex(toBuffer(rawBody), appId, timestamp, oaSecretKey)}`;
}

/**
 * Reads a field as Zalo wrote it. A numeric id longer than 15 digits loses precision in JSON.parse,
 * so numbers are taken from the raw text instead of the parsed value.
 */
function fieldAsSigned(parsed: Record<string, unknown>, raw: string, field: string): string | undefined {
  const v = parsed[field];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    const literal = new RegExp(`"${field}"\\s*:\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)`).exec(raw);
    return literal?.[1] ?? String(v);
  }
  return undefined;
}

/**
 * Checks a webhook delivery: the header (with or without `mac=`, any case), the body's app_id against
 * ours, and the SHA-256 over the exact bytes received, compared in constant time.
 */
export function verifyZaloSignature(rawBody: Buffer, header: string | undefined, expectedAppId: string, oaSecretKey: string): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing_signature' };
  const got = header.trim().replace(/^mac\s*=\s*/i, '').toLowerCase();
  if (!HEX64.test(got)) return { ok: false, reason: 'malformed_signature' };

  const text = rawBody.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'bad_json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'bad_json' };
  const body = parsed as Record<string, unknown>;
  const appId = fieldAsSigned(body, text, 'app_id');
  const timestamp = fieldAsSigned(body, text, 'timestamp');
  if (!appId || !timestamp) return { ok: false, reason: 'missing_fields' };
  if (appId !== expectedAppId) return { ok: false, reason: 'wrong_app' };

  const want = Buffer.from(macHex(rawBody, appId, timestamp, oaSecretKey), 'utf8');
  const have = Buffer.from(got, 'utf8');
  if (have.length !== want.length || !timingSafeEqual(have, want)) return { ok: false, reason: 'mismatch' };
  return { ok: true, appId, timestamp, body };
}
