import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signZaloBody, verifyZaloSignature } from '../../src/zalo/signature.js';
import { APP_ID, OA_SECRET, SAMPLE_TEXT_BODY } from './fixtures.js';

const raw = Buffer.from(SAMPLE_TEXT_BODY, 'utf8');
const TS = '1716950400123';
/** Independent computation of the reference formula, so the test does not just mirror the code. */
const expectedHex = createHash('sha256').update(`${APP_ID}${SAMPLE_TEXT_BODY}${TS}${OA_SECRET}`, 'utf8').digest('hex');

describe('verifyZaloSignature', () => {
  it('signZaloBody computes SHA-256(app_id + body + timestamp + OA secret) as mac=<hex>', () => {
    expect(signZaloBody(raw, APP_ID, TS, OA_SECRET)).toBe(`mac=${expectedHex}`);
    expect(signZaloBody(SAMPLE_TEXT_BODY, APP_ID, TS, OA_SECRET)).toBe(`mac=${expectedHex}`);
  });

  it('accepts a valid signature with mac=', () => {
    expect(verifyZaloSignature(raw, `mac=${expectedHex}`, APP_ID, OA_SECRET)).toMatchObject({ ok: true, appId: APP_ID, timestamp: TS, body: { app_id: APP_ID } });
  });

  it('accepts a bare hex signature, upper-case hex, MAC= prefix and surrounding spaces', () => {
    expect(verifyZaloSignature(raw, expectedHex, APP_ID, OA_SECRET).ok).toBe(true);
    expect(verifyZaloSignature(raw, expectedHex.toUpperCase(), APP_ID, OA_SECRET).ok).toBe(true);
    expect(verifyZaloSignature(raw, `  MAC=${expectedHex.toUpperCase()}  `, APP_ID, OA_SECRET).ok).toBe(true);
  });

  it('rejects a missing or empty header', () => {
    expect(verifyZaloSignature(raw, undefined, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyZaloSignature(raw, '  ', APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'missing_signature' });
  });

  it('rejects a header that is not 64 hex characters', () => {
    expect(verifyZaloSignature(raw, 'mac=xyz', APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(verifyZaloSignature(raw, `mac=${expectedHex}00`, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'malformed_signature' });
  });

  it('rejects a forged signature (right shape, wrong secret) and an HMAC with the same key', () => {
    const forged = signZaloBody(raw, APP_ID, TS, 'not-the-secret');
    expect(verifyZaloSignature(raw, forged, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'mismatch' });
    const hmac = createHmac('sha256', OA_SECRET).update(`${APP_ID}${SAMPLE_TEXT_BODY}${TS}`).digest('hex');
    expect(verifyZaloSignature(raw, `mac=${hmac}`, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a body altered by one byte', () => {
    const altered = Buffer.from(raw);
    const i = altered.indexOf('dk ks');
    altered[i] = 'D'.charCodeAt(0);
    expect(verifyZaloSignature(altered, `mac=${expectedHex}`, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects the same event re-serialised (signature covers the exact bytes)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(SAMPLE_TEXT_BODY)), 'utf8');
    expect(reserialised.equals(raw)).toBe(false);
    expect(verifyZaloSignature(reserialised, `mac=${expectedHex}`, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects another app even when signed correctly for it', () => {
    const body = SAMPLE_TEXT_BODY.replace(APP_ID, '9990000000000000001');
    const sig = signZaloBody(body, '9990000000000000001', TS, OA_SECRET);
    expect(verifyZaloSignature(Buffer.from(body), sig, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'wrong_app' });
  });

  it('reports bad JSON and missing fields', () => {
    expect(verifyZaloSignature(Buffer.from('{not json'), `mac=${expectedHex}`, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'bad_json' });
    expect(verifyZaloSignature(Buffer.from('[1,2]'), `mac=${expectedHex}`, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'bad_json' });
    const noTs = JSON.stringify({ app_id: APP_ID, event_name: 'user_send_text' });
    expect(verifyZaloSignature(Buffer.from(noTs), `mac=${expectedHex}`, APP_ID, OA_SECRET)).toEqual({ ok: false, reason: 'missing_fields' });
  });

  it('signs a numeric app_id and timestamp with the digits as written, even beyond 2^53', () => {
    const body = `{"app_id":${APP_ID},"event_name":"follow","timestamp":1716950402000,"follower":{"id":"1"}}`;
    const sig = createHash('sha256').update(`${APP_ID}${body}1716950402000${OA_SECRET}`).digest('hex');
    expect(verifyZaloSignature(Buffer.from(body), sig, APP_ID, OA_SECRET)).toMatchObject({ ok: true, appId: APP_ID, timestamp: '1716950402000' });
  });
});
