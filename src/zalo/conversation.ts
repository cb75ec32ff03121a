/**
 * The conversation history of one user with the OA (reference §3.9):
 * `GET /v2.0/oa/conversation?data={"user_id":"…","offset":0,"count":10}` (count ≤ 10), header `access_token`,
 * answering `data: [{ src, time, type, message, message_id, from_id, to_id, … }]`, newest first. A send whose
 * outcome a crash or a timeout hid is looked up here before it is sent again.
 */

/** One message of the conversation, as far as the platform tells it. */
export interface ConversationMessage {
  /** `src` 0: the OA sent it; 1: the user did. */
  fromOa: boolean;
  /** `time`, epoch ms. */
  at: number;
  type: string;
  /** `message`: the text of a text message; for other types what Zalo puts there (not documented, kept as text). */
  text: string;
  messageId: string;
}

/** The wire shape of one item of `data`. */
export interface WireConversationMessage {
  src?: number | string;
  time?: number | string;
  type?: string;
  message?: unknown;
  message_id?: string | number;
  from_id?: string | number;
  to_id?: string | number;
  from_display_name?: string;
  from_avatar?: string;
  to_display_name?: string;
  to_avatar?: string;
  url?: string;
  thumb?: string;
}

export const CONVERSATION_PATH = '/v2.0/oa/conversation';
/** Zalo's largest page. */
export const CONVERSATION_PAGE_MAX = 10;

/** What the history needs from the API client (ZaloClient.getData: token, envelope errors, retries). */
export interface OaApiGet {
  getData<T>(url: string, data: Record<string, unknown>): Promise<T>;
}

export function parseConversationMessage(w: WireConversationMessage): ConversationMessage {
  return {
    fromOa: Number(w.src) === 0,
    at: Number(w.time ?? 0),
    type: typeof w.type === 'string' ? w.type : '',
    text: typeof w.message === 'string' ? w.message : w.message === undefined || w.message === null ? '' : JSON.stringify(w.message),
    messageId: w.message_id === undefined || w.message_id === null ? '' : String(w.message_id),
  };
}

export class ConversationHistory {
  constructor(
    private readonly api: OaApiGet,
    /** Pages read at most when looking back (10 messages each). */
    private readonly maxPages = 3,
  ) {}

  /** One page, newest first. Rejects (ZaloApiError) when Zalo cannot be asked, or when the answer is not a list. */
  async page(userId: string, offset = 0, count = CONVERSATION_PAGE_MAX): Promise<ConversationMessage[]> {
    const data = await this.api.getData<unknown>(CONVERSATION_PATH, { user_id: userId, offset, count: Math.min(CONVERSATION_PAGE_MAX, Math.max(1, count)) });
    if (!Array.isArray(data)) throw new Error('Zalo conversation history: the answer has no message list');
    return (data as WireConversationMessage[]).map(parseConversationMessage);
  }

  /** The messages the OA sent the user at or after `sinceMs`, newest first (up to `maxPages` pages back). */
  async sentSince(userId: string, sinceMs: number): Promise<ConversationMessage[]> {
    const out: ConversationMessage[] = [];
    for (let p = 0; p < this.maxPages; p++) {
      const page = await this.page(userId, p * CONVERSATION_PAGE_MAX);
      out.push(...page.filter((m) => m.fromOa && m.at >= sinceMs));
      if (page.length < CONVERSATION_PAGE_MAX || page.some((m) => m.at < sinceMs)) break;
    }
    return out;
  }
}
