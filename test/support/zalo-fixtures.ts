import { randomBytes } from 'node:crypto';
import { signZaloBody } from '../../src/zalo/signature.js';

export const APP_ID = '4120118000000000001';
export const OA_ID = '3660000000000000004';
export const OA_SECRET = 'oa-secret-for-tests-0123456789';
export const USER_ID = '2468000000000000003';

export function textEvent(text: string, opts: { userId?: string; msgId?: string; timestamp?: string; appId?: string; oaId?: string } = {}) {
  return {
    app_id: opts.appId ?? APP_ID,
    user_id_by_app: '5530000000000000002',
    event_name: 'user_send_text',
    timestamp: opts.timestamp ?? String(Date.now()),
    sender: { id: opts.userId ?? USER_ID },
    recipient: { id: opts.oaId ?? OA_ID },
    message: { msg_id: opts.msgId ?? randomBytes(10).toString('hex'), text },
  };
}

/** Serialises an event and signs the exact bytes the way Zalo does. */
export function signed(event: Record<string, unknown>, secret = OA_SECRET): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: signZaloBody(body, String(event.app_id), String(event.timestamp), secret) };
}
