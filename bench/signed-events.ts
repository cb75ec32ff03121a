import { randomBytes } from 'node:crypto';
import { signZaloBody } from '../src/zalo/signature.js';

/** The simulator's identity (src/main.ts SIMULATOR_IDENTITY), repeated so the load tools need not load the bot. */
export const BENCH_IDENTITY = { appId: '1000000000000000001', oaId: '3660000000000000004', oaSecretKey: 'simulator-oa-secret-key' } as const;

export interface SignedEvent {
  body: string;
  signature: string;
}

/**
 * Distinct, correctly signed text events from 5,000 users, built before a run so that the load tool spends
 * its time sending rather than hashing (otherwise the client, not the server, is what gets measured).
 */
export function presignedEvents(count: number): SignedEvent[] {
  const out = new Array<SignedEvent>(count);
  for (let n = 0; n < count; n++) {
    const event = {
      app_id: BENCH_IDENTITY.appId,
      event_name: 'user_send_text',
      timestamp: String(Date.now()),
      sender: { id: String(2468000000000000000n + BigInt(n % 5000)) },
      recipient: { id: BENCH_IDENTITY.oaId },
      user_id_by_app: '5530000000000000002',
      message: { msg_id: randomBytes(10).toString('hex'), text: n % 2 ? 'xin chào' : 'lệ phí cấp lại cccd bao nhiêu' },
    };
    const body = JSON.stringify(event);
    out[n] = { body, signature: signZaloBody(body, event.app_id, event.timestamp, BENCH_IDENTITY.oaSecretKey) };
  }
  return out;
}

export function eventHeaders(e: SignedEvent): Record<string, string> {
  return { 'content-type': 'application/json', 'x-zevent-signature': e.signature };
}
