import type { ZaloClient } from '../zalo/client.js';

/**
 * The wire formats of notices after the 7-day window (reference §3.9), owned here so the rest of the bot never
 * sees them. Calls go through the Zalo client (OA access token, `{error, message, data}` envelope, typed
 * errors); a timed-out call is not repeated, because it may have delivered.
 *
 *   POST https://openapi.zalo.me/v3.0/oa/message/template   { user_id, template_id, template_data }
 *   POST https://business.openapi.zalo.me/message/template  { phone, template_id, template_data, tracking_id, mode? }
 *   POST https://openapi.zalo.me/v3.0/oa/quota/message      { user_id }  → last_interaction, cs_reply
 */

export interface QuotaInfo {
  /** Epoch ms of the citizen's last interaction with the OA, when Zalo says. */
  lastInteraction: number | null;
  /** Consultation replies left, when Zalo says. */
  csRemain: number | null;
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) ? n : null;
};

export class ZaloNoticeApi {
  private readonly znsUrl: string;

  constructor(
    private readonly zalo: Pick<ZaloClient, 'postJson'>,
    znsBaseUrl: string,
  ) {
    this.znsUrl = `${znsBaseUrl.replace(/\/+$/, '')}/message/template`;
  }

  /** A template message by user id (Tag 1 templates reach a citizen up to a year after their last interaction). */
  async sendTemplate(userId: string, templateId: string, data: Record<string, string>): Promise<{ messageId: string }> {
    const res = await this.zalo.postJson<{ message_id?: string | number }>(
      '/v3.0/oa/message/template',
      { user_id: userId, template_id: templateId, template_data: data },
      'once',
    );
    return { messageId: res.message_id === undefined ? '' : String(res.message_id) };
  }

  /**
   * ZNS by phone number (84xxxxxxxxx). `trackingId` (≤ 48 characters) ties Zalo's delivery reports to the notice;
   * `development` sends only to the OA's admins, for testing a template.
   */
  async sendZns(phone: string, templateId: string, data: Record<string, string>, trackingId: string, opts: { development?: boolean } = {}): Promise<{ messageId: string }> {
    const body: Record<string, unknown> = { phone, template_id: templateId, template_data: data, tracking_id: trackingId.slice(0, 48) };
    if (opts.development) body.mode = 'development';
    const res = await this.zalo.postJson<{ msg_id?: string | number }>(this.znsUrl, body, 'once');
    return { messageId: res.msg_id === undefined ? '' : String(res.msg_id) };
  }

  async quota(userId: string): Promise<QuotaInfo> {
    const res = await this.zalo.postJson<{ last_interaction?: unknown; cs_reply?: { remain?: unknown } }>('/v3.0/oa/quota/message', { user_id: userId });
    return { lastInteraction: num(res.last_interaction), csRemain: num(res.cs_reply?.remain) };
  }
}
